import { describe, expect, it } from 'vitest';
import { quoteLiteral, withDb, type Db } from '../../core/index.js';
import { EXPLANATION_KEYS } from '../explanation.js';
import type { Detector } from '../detector.js';
import { HOTEL_NAME_PATTERN, createMealPriceOutlier, mealPriceOutlier } from './meal-price-outlier.js';
import { runDetectors } from '../run-detectors.js';

interface Receipt {
  id: string;
  cents: number;
  deputy?: number;
  year?: number;
  subquota?: number;
  name?: string;
  /** Digits; the kind follows the length (14 cnpj, 11 cpf, else other). */
  doc?: string | null;
  net?: number;
  glosa?: number;
}

type Explanation = Record<string, any>;

const R1 = '11222333000181';
const R2 = '22333444000190';

async function load(db: Db, receipts: Receipt[]): Promise<void> {
  await db.run(`CREATE SCHEMA IF NOT EXISTS marts;
    CREATE OR REPLACE TABLE marts.reimbursements (reimbursement_id VARCHAR, deputy_id BIGINT, deputy_name VARCHAR,
      year INTEGER, month INTEGER, subquota INTEGER, subquota_description VARCHAR, supplier_name VARCHAR,
      supplier_document VARCHAR, supplier_document_kind VARCHAR, document_type INTEGER, issue_date DATE,
      document_cents BIGINT, net_cents BIGINT, glosa_cents BIGINT, document_id BIGINT, source_line BIGINT,
      receipt_url VARCHAR)`);
  const values = receipts.map((r, i) => {
    const doc = r.doc === undefined ? R1 : r.doc;
    const kind = doc?.length === 14 ? 'cnpj' : doc?.length === 11 ? 'cpf' : 'other';
    const glosa = r.glosa ?? 0;
    return `(${quoteLiteral(r.id)}, ${r.deputy ?? 1}, 'FULANO', ${r.year ?? 2024}, 3, ${r.subquota ?? 13},
      'FORNECIMENTO DE ALIMENTAÇÃO DO PARLAMENTAR', ${quoteLiteral(r.name ?? 'RESTAURANTE BOM PRATO LTDA')},
      ${doc === null ? 'NULL' : quoteLiteral(doc)}, '${kind}', 4, DATE '2024-03-10', ${r.cents},
      ${r.net ?? r.cents - glosa}, ${glosa}, ${1000 + i}, ${i + 2}, 'https://example.org/${r.id}.pdf')`;
  });
  await db.run(`INSERT INTO marts.reimbursements VALUES ${values.join(',\n')}`);
}

async function runOn(db: Db, detector: Detector) {
  const result = await runDetectors(db, 'ceap', [detector], 'test', new Date('2026-01-01T00:00:00Z'));
  const n = result.detectors[0]?.flags ?? -1;
  const rows = await db.all<{ id: string; detector: string; severity: number; e: string }>(
    `SELECT reimbursement_id AS id, detector, severity, CAST(explanation AS VARCHAR) AS e FROM detect.ceap_flags ORDER BY id`,
  );
  expect(rows).toHaveLength(n);
  return rows.map((r) => ({ ...r, explanation: JSON.parse(r.e) as Explanation }));
}

async function flags(receipts: Receipt[], detector: Detector = mealPriceOutlier) {
  return withDb(async (db) => {
    await load(db, receipts);
    return runOn(db, detector);
  });
}

/** `n` prices spread evenly on log scale over base·e^(−spread) … base·e^(+spread). */
function prices(base: number, n: number, spread = 0.3): number[] {
  return Array.from({ length: n }, (_, i) => Math.round(base * Math.exp(spread * ((2 * i) / (n - 1) - 1))));
}

/** `n` receipts of one supplier, round-robin over `deputies` requesters. */
function supplier(prefix: string, n: number, deputies: number, extra: Partial<Receipt> = {}): Receipt[] {
  return prices(5000, n).map((cents, i) => ({
    id: `${prefix}${String(i).padStart(2, '0')}`,
    cents,
    deputy: 1 + (i % deputies),
    ...extra,
  }));
}

/** Other restaurants' meals of the year (so that the year-wide fallback group is big enough). */
function background(n = 40): Receipt[] {
  return prices(5000, n, 0.5).map((cents, i) => ({
    id: `bg${String(i).padStart(2, '0')}`,
    cents,
    deputy: 10 + (i % 7),
    doc: `9${String(i).padStart(13, '0')}`,
    name: `LANCHONETE ${i}`,
  }));
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('meal price outlier', () => {
  it("flags a restaurant's receipt far above its own prices when it has enough history", async () => {
    const rows = await flags([...supplier('r1-', 30, 5), { id: 'r1-out', cents: 50_000, deputy: 2 }]);
    expect(ids(rows)).toEqual(['r1-out']);
    const e = rows[0]?.explanation as Explanation;
    expect(e.peer).toBe('supplier');
    expect(e.peerGroup).toMatchObject({ n: 31, fallback: null, logScale: true });
    expect(e.peerGroup.description).toBe(
      'recibos de refeição de RESTAURANTE BOM PRATO LTDA (11.222.333/0001-81) em 2024',
    );
    expect(e.observed).toEqual({
      label: 'valor do recibo de refeição (vlrDocumento)',
      value: 50_000,
      unit: 'cents',
    });
    // 31 receipts: the median is the 16th price, R$ 50,52.
    expect(e.medianCents).toBe(prices(5000, 30)[15]);
    expect(e.medianCents).toBe(5052);
    expect(e.text).toContain(
      'Recibo de refeição de R$ 500,00 de RESTAURANTE BOM PRATO LTDA (11.222.333/0001-81)',
    );
    expect(e.text).toContain(
      '9,9 vezes a mediana de R$ 50,52 dos 31 recibos de refeição desse fornecedor em 2024 (5 requerentes)',
    );
    expect(e.text).toMatch(
      /acima do limite estatístico de R\$ \d+,\d\d \(mediana \+ 3 desvios robustos, em escala logarítmica\)\.$/,
    );
    expect(rows[0]?.severity).toBeGreaterThan(0.5);
    expect(rows[0]?.severity).toBeLessThanOrEqual(1);
  });

  it('compares a restaurant with little history with all company meals of the year, and says so', async () => {
    const rows = await flags([
      ...background(),
      ...supplier('r2-', 12, 2, { doc: R2, name: 'CANTINA POUCO USADA' }),
      { id: 'r2-out', cents: 500_000, deputy: 1, doc: R2, name: 'CANTINA POUCO USADA' },
    ]);
    expect(ids(rows)).toEqual(['r2-out']);
    const e = rows[0]?.explanation as Explanation;
    expect(e.peer).toBe('year');
    expect(e.supplierReceipts).toBe(13);
    expect(e.supplierDeputies).toBe(2);
    expect(e.peerGroup.n).toBe(53);
    expect(e.peerGroup.description).toBe('recibos de refeição de empresas (hotéis excluídos) em 2024');
    expect(e.peerGroup.fallback).toContain(
      'o fornecedor tem só 13 recibo(s) de refeição de 2 requerente(s) em 2024',
    );
    expect(e.peerGroup.fallback).toContain('mais de 20 recibos de mais de 3 requerentes');
    expect(e.text).toContain('pouco para compará-lo com o próprio histórico');
  });

  it('needs more than 20 receipts and more than 3 requesters (configurable) for the own history', async () => {
    const outlier = { id: 'out', cents: 500_000, deputy: 1 };
    const peerOf = async (receipts: Receipt[], detector?: Detector) =>
      (await flags([...background(), ...receipts, outlier], detector)).find((r) => r.id === 'out')
        ?.explanation.peer;
    expect(await peerOf(supplier('a', 20, 4))).toBe('supplier'); // 21 receipts (with the outlier), 4 requesters
    expect(await peerOf(supplier('a', 19, 4))).toBe('year'); // 20 receipts
    expect(await peerOf(supplier('a', 30, 3))).toBe('year'); // 3 requesters
    const lenient = createMealPriceOutlier({ receiptsAbove: 10, deputiesAbove: 2 });
    expect(await peerOf(supplier('a', 12, 3), lenient)).toBe('supplier');
  });

  it('leaves hotels (by name), individuals, other subquotas and non-positive values out', async () => {
    const hotels = [
      'HOTEL BELA VISTA LTDA',
      'Pousada do Sol',
      'X Hotéis S/A',
      'GRANDE HOTEL',
      'Flat Inn Brasília',
    ];
    const rows = await flags([
      ...background(),
      ...hotels.map((name, i) => ({
        id: `h${i}`,
        cents: 9_999_900,
        name,
        doc: `7${String(i).padStart(13, '0')}`,
      })),
      { id: 'cpf', cents: 9_999_900, doc: '12345678909', name: 'JOÃO DA SILVA' },
      { id: 'nodoc', cents: 9_999_900, doc: null, name: 'RESTAURANTE NO EXTERIOR' },
      { id: 'fuel', cents: 9_999_900, subquota: 3 },
      { id: 'refused', cents: 9_999_900, net: 0, glosa: 9_999_900 },
      { id: 'out', cents: 500_000 },
    ]);
    expect(ids(rows)).toEqual(['out']);
    // The peer group has only the company meals that count: 40 background + 1.
    expect(rows[0]?.explanation.peerGroup.n).toBe(41);
    for (const name of hotels) {
      expect(
        new RegExp(HOTEL_NAME_PATTERN).test(name.toUpperCase().normalize('NFD').replace(/\p{M}/gu, '')),
      ).toBe(true);
    }
    expect(new RegExp(HOTEL_NAME_PATTERN).test('RESTAURANTE CHALE DO MOTORISTA')).toBe(false);
  });

  it('uses the receipt value (vlrDocumento) and reports what was paid after a glosa', async () => {
    const rows = await flags([
      ...supplier('r1-', 30, 5),
      { id: 'g', cents: 50_000, glosa: 45_000, deputy: 3 },
    ]);
    expect(ids(rows)).toEqual(['g']);
    expect(rows[0]?.explanation).toMatchObject({ netCents: 5000, glosaCents: 45_000 });
    expect(rows[0]?.explanation.text).toContain('Foram reembolsados R$ 50,00 (glosa de R$ 450,00).');
  });

  it('flags strictly above the threshold, which does not move with the flagged value', async () => {
    const at = async (cents: number) => flags([...supplier('r1-', 30, 5), { id: 'probe', cents, deputy: 2 }]);
    const first = await at(1_000_000);
    const threshold = first[0]?.explanation.threshold.value as number;
    expect(Number.isInteger(threshold)).toBe(true);
    expect(threshold).toBeGreaterThan(5000);
    expect(await at(threshold)).toEqual([]);
    const above = await at(threshold + 1);
    expect(ids(above)).toEqual(['probe']);
    expect(above[0]?.explanation.threshold.value).toBe(threshold);
    expect(above[0]?.severity).toBeCloseTo(0.5, 3);
  });

  it('keeps a floor under σ when most receipts have the same price (MAD = 0)', async () => {
    const same = Array.from({ length: 25 }, (_, i) => ({
      id: `s${String(i).padStart(2, '0')}`,
      cents: 5000,
      deputy: 1 + (i % 5),
    }));
    const rows = await flags([...same, { id: 'six', cents: 6000 }, { id: 'ten', cents: 10_000 }]);
    expect(ids(rows)).toEqual(['ten']);
    const e = rows[0]?.explanation as Explanation;
    expect(e.peerGroup.mad).toBe(0);
    expect(e.sigma).toBe(0.2);
    expect(e.threshold.value).toBe(Math.floor(5000 * Math.exp(3 * 0.2)));
  });

  it('is deterministic: two runs give identical flags', async () => {
    await withDb(async (db) => {
      await load(db, [
        ...background(),
        ...supplier('r1-', 30, 5),
        { id: 'r1-out', cents: 50_000 },
        ...supplier('r2-', 12, 2, { doc: R2 }),
        { id: 'r2-out', cents: 500_000, doc: R2 },
      ]);
      const a = await runOn(db, mealPriceOutlier);
      const b = await runOn(db, mealPriceOutlier);
      expect(a.length).toBe(2);
      expect(b).toEqual(a);
    });
  });

  it('explains every flag with the standard keys and a histogram of the peer group', async () => {
    const rows = await flags([
      ...background(),
      ...supplier('r1-', 30, 5),
      { id: 'r1-out', cents: 50_000 },
      ...supplier('r2-', 12, 2, { doc: R2 }),
      { id: 'r2-out', cents: 500_000, doc: R2 },
    ]);
    expect(ids(rows)).toEqual(['r1-out', 'r2-out']);
    for (const { detector, explanation: e } of rows) {
      expect(detector).toBe('meal_price_outlier');
      for (const key of [...EXPLANATION_KEYS, 'distribution']) expect(e).toHaveProperty(key);
      for (const key of mealPriceOutlier.explanationFields) expect(e).toHaveProperty(key);
      expect(e.receiptUrl).toMatch(/^https:\/\/example\.org\//);
      expect(e.observed.value).toBeGreaterThan(e.threshold.value);
      const bins = e.distribution.bins as { from: number; to: number; count: number }[];
      expect(e.distribution.logScale).toBe(true);
      expect(bins).toHaveLength(20);
      expect(bins.reduce((s, b) => s + b.count, 0)).toBe(e.peerGroup.n);
      expect(bins.at(-1)?.to).toBe(e.observed.value); // the flagged receipt is the group's maximum here
      expect(bins[0]?.from).toBeLessThan(e.threshold.value);
      for (let i = 1; i < bins.length; i++) expect(bins[i]?.from).toBe(bins[i - 1]?.to);
    }
  });
});
