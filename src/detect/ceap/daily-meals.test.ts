import { describe, expect, it } from 'vitest';
import { type Db } from '../../core/index.js';
import type { Detector } from '../detector.js';
import { EXPLANATION_KEYS } from '../explanation.js';
import { DAILY_MEALS_MAX_PER_DAY, createDailyMeals, dailyMeals } from './daily-meals.js';
import { flagIds, runDetectorOn } from '../../../test/helpers/detector-fixture.js';

interface Meal {
  id: string;
  deputy?: number;
  issued?: string | null;
  subquota?: number;
  cents?: number;
}

const COLUMNS = `reimbursement_id VARCHAR, deputy_id BIGINT, deputy_name VARCHAR, year INTEGER, month INTEGER,
  subquota INTEGER, subquota_description VARCHAR, supplier_name VARCHAR, supplier_document VARCHAR,
  document_type INTEGER, document_number VARCHAR, document_id BIGINT, installment INTEGER, issue_date DATE,
  net_cents BIGINT, receipt_url VARCHAR, source_line BIGINT`;

async function setup(db: Db, meals: Meal[]): Promise<void> {
  await db.run(`CREATE SCHEMA marts; CREATE TABLE marts.reimbursements (${COLUMNS})`);
  for (const [i, m] of meals.entries()) {
    const issued = m.issued === undefined ? '2024-05-20' : m.issued;
    await db.run(
      `INSERT INTO marts.reimbursements VALUES ($id, $deputy, $name, 2024, 5, $subquota,
        'FORNECIMENTO DE ALIMENTAÇÃO DO PARLAMENTAR', $supplier, '11222333000181', 4, $number, $doc_id, 0,
        $issued::DATE, $cents, $url, $line)`,
      {
        id: m.id,
        deputy: m.deputy ?? 1,
        name: m.deputy === 2 ? 'BRUNO COSTA' : 'ANA LIMA',
        subquota: m.subquota ?? 13,
        supplier: `RESTAURANTE ${m.id.toUpperCase()} LTDA`,
        number: String(100 + i),
        doc_id: 7000 + i,
        issued,
        cents: m.cents ?? 5000,
        url: `https://www.camara.leg.br/cota-parlamentar/nota-fiscal-eletronica?ideDocumentoFiscal=${7000 + i}`,
        line: i + 2,
      },
    );
  }
}

async function flagged(meals: Meal[], detector: Detector = dailyMeals) {
  return runDetectorOn((db) => setup(db, meals), detector);
}

const ids = flagIds;
/** `n` meals of one requester-day, ids `${prefix}01`, `${prefix}02`, … */
const day = (prefix: string, n: number, m: Omit<Meal, 'id'> = {}): Meal[] =>
  Array.from({ length: n }, (_, i) => ({ ...m, id: `${prefix}${String(i + 1).padStart(2, '0')}` }));

describe('daily meals', () => {
  it('defaults to the prior art: more than 8 meal receipts a day', () => {
    expect(DAILY_MEALS_MAX_PER_DAY).toBe(8);
    expect(dailyMeals.id).toBe('daily_meals');
  });

  it('does not flag a day exactly at the threshold and flags every receipt of a day above it', async () => {
    expect(await flagged(day('m', 8))).toEqual([]);
    const rows = await flagged(day('m', 9));
    expect(ids(rows)).toEqual(day('m', 9).map((m) => m.id));
    expect(rows[0]?.severity).toBeCloseTo(0.5 + 0.5 / 8, 4);
  });

  it('takes the threshold as an option', async () => {
    const strict = createDailyMeals({ maxPerDay: 6 });
    expect(await flagged(day('m', 6), strict)).toEqual([]);
    expect(await flagged(day('m', 7), strict)).toHaveLength(7);
    expect(() => createDailyMeals({ maxPerDay: 0 })).toThrow(/positive integer/);
    expect(() => createDailyMeals({ maxPerDay: 2.5 })).toThrow(/positive integer/);
  });

  it('counts only meals (13) of one requester on one issue date, never receipts without a date', async () => {
    const rows = await flagged([
      ...day('a', 5, { deputy: 1 }),
      ...day('b', 5, { deputy: 2 }),
      ...day('c', 5, { deputy: 1, issued: '2024-05-21' }),
      ...day('f', 5, { deputy: 1, subquota: 3 }),
      ...day('n', 12, { deputy: 1, issued: null }),
    ]);
    expect(rows).toEqual([]);
  });

  it("explains the day's count against the threshold and the requester's usual meals per day", async () => {
    const rows = await flagged([
      ...day('busy', 10, { cents: 4000 }),
      { id: 'q1', issued: '2024-05-01' },
      { id: 'q2', issued: '2024-05-02' },
      { id: 'q3', issued: '2024-05-03' },
      { id: 'q4', issued: '2024-05-03' },
      ...day('other', 3, { deputy: 2 }),
    ]);
    expect(rows).toHaveLength(10);
    const e = rows[0]?.explanation;
    expect(e).toMatchObject({
      issueDate: '2024-05-20',
      mealsThatDay: 10,
      dayTotalCents: 40000,
      maxPerDay: 8,
      mealDays: 4,
      usualMealsPerDay: 1.5,
      observed: { label: 'recibos de refeição do requerente emitidos nesse dia', value: 10, unit: 'count' },
      threshold: { label: 'máximo de recibos de refeição por dia', value: 8, unit: 'count' },
      peerGroup: {
        description: 'dias com refeição de ANA LIMA',
        n: 4,
        median: 1.5,
        q1: 1,
        fallback: null,
        logScale: false,
      },
      distribution: {
        logScale: false,
        bins: [
          { from: 1, to: 2, count: 2 },
          { from: 2, to: 3, count: 1 },
          { from: 10, to: 11, count: 1 },
        ],
      },
    });
    expect(e?.receiptsThatDay).toHaveLength(10);
    expect(e?.text).toBe(
      'Em 20/05/2024, ANA LIMA apresentou 10 recibos de refeição emitidos no mesmo dia (total de R$ 400,00), acima ' +
        'do limite de 8 por dia; nos seus 4 dias com refeição, a mediana é de 1,5 por dia. Este recibo: ' +
        'RESTAURANTE BUSY01 LTDA, R$ 40,00.',
    );
  });

  it('is deterministic and every flag carries the standard explanation keys and its declared fields', async () => {
    const meals = [...day('x', 9), { id: 'y', issued: '2024-05-02' }, ...day('z', 12, { deputy: 2 })];
    const first = await flagged(meals);
    expect(first).toHaveLength(21);
    expect(await flagged(meals)).toEqual(first);
    const strip = (rows: typeof first) =>
      rows.map((r) => ({ id: r.id, severity: r.severity, peer: r.explanation.peerGroup }));
    expect(strip(await flagged([...meals].reverse()))).toEqual(strip(first));
    for (const r of first) {
      for (const key of [...EXPLANATION_KEYS, ...dailyMeals.explanationFields]) {
        expect(r.explanation, `${r.id}: ${key}`).toHaveProperty(key);
      }
    }
  });
});
