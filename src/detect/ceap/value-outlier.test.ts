import { describe, expect, it } from 'vitest';
import { quoteLiteral, withDb, type Db } from '../../core/index.js';
import { EXPLANATION_KEYS } from '../explanation.js';
import type { Detector } from '../detector.js';
import { createValueOutlier, valueOutlier } from './value-outlier.js';
import { runDetectors } from '../run-detectors.js';

interface Receipt {
  id: string;
  cents: number;
  subquota?: number;
  year?: number;
  name?: string;
  /** Digits; the kind follows the length (14 cnpj, 11 cpf, else other). */
  doc?: string | null;
  net?: number;
  glosa?: number;
}

type Explanation = Record<string, any>;

const DESCRIPTIONS: Record<number, string> = {
  3: 'COMBUSTÍVEIS E LUBRIFICANTES.',
  10: 'TELEFONIA',
  13: 'FORNECIMENTO DE ALIMENTAÇÃO DO PARLAMENTAR',
  999: 'PASSAGEM AÉREA - SIGEPA',
};
const POSTO = '11222333000181';

async function load(db: Db, receipts: Receipt[]): Promise<void> {
  await db.run(`CREATE SCHEMA IF NOT EXISTS marts;
    CREATE OR REPLACE TABLE marts.reimbursements (reimbursement_id VARCHAR, deputy_id BIGINT, deputy_name VARCHAR,
      year INTEGER, month INTEGER, subquota INTEGER, subquota_description VARCHAR, supplier_name VARCHAR,
      supplier_document VARCHAR, supplier_document_kind VARCHAR, document_type INTEGER, issue_date DATE,
      document_cents BIGINT, net_cents BIGINT, glosa_cents BIGINT, document_id BIGINT, source_line BIGINT,
      receipt_url VARCHAR)`);
  const values = receipts.map((r, i) => {
    const doc = r.doc === undefined ? POSTO : r.doc;
    const kind = doc?.length === 14 ? 'cnpj' : doc?.length === 11 ? 'cpf' : 'other';
    const subquota = r.subquota ?? 3;
    const glosa = r.glosa ?? 0;
    return `(${quoteLiteral(r.id)}, ${1 + (i % 9)}, 'FULANO', ${r.year ?? 2024}, 3, ${subquota},
      ${quoteLiteral(DESCRIPTIONS[subquota] ?? `SUBCOTA ${subquota}`)}, ${quoteLiteral(r.name ?? 'AUTO POSTO CENTRAL LTDA')},
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

async function flags(receipts: Receipt[], detector: Detector = valueOutlier) {
  return withDb(async (db) => {
    await load(db, receipts);
    return runOn(db, detector);
  });
}

/** `n` values spread evenly on log scale over base·e^(−spread) … base·e^(+spread). */
function values(base: number, n: number, spread = 0.4): number[] {
  return Array.from({ length: n }, (_, i) => Math.round(base * Math.exp(spread * ((2 * i) / (n - 1) - 1))));
}

/** `n` receipts of one (subquota, supplier). */
function group(prefix: string, n: number, base = 20_000, extra: Partial<Receipt> = {}): Receipt[] {
  return values(base, n).map((cents, i) => ({
    id: `${prefix}${String(i).padStart(2, '0')}`,
    cents,
    ...extra,
  }));
}

/** Fuel receipts of 60 small stations (2 receipts each): the subquota's fallback group. */
function otherStations(): Receipt[] {
  return values(20_000, 120, 0.8).map((cents, i) => ({
    id: `st${String(i).padStart(3, '0')}`,
    cents,
    doc: `9${String(i % 60).padStart(13, '0')}`,
    name: `POSTO ${i % 60}`,
  }));
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('value outlier', () => {
  it("flags a receipt many times its supplier's usual value when the group has at least 30 receipts", async () => {
    const rows = await flags([...group('p', 40), { id: 'out', cents: 400_000 }, { id: 'low', cents: 500 }]);
    expect(ids(rows)).toEqual(['out']); // high side only: the R$ 5,00 receipt is not flagged
    const e = rows[0]?.explanation as Explanation;
    expect(e.peer).toBe('supplier');
    expect(e.peerGroup).toMatchObject({ n: 42, fallback: null, logScale: true });
    expect(e.peerGroup.description).toBe(
      'recibos de combustíveis e lubrificantes de AUTO POSTO CENTRAL LTDA (11.222.333/0001-81) em 2024',
    );
    expect(e.observed).toEqual({
      label: 'valor do recibo (vlrDocumento)',
      value: 400_000,
      unit: 'cents',
    });
    expect(e.subquota).toBe(3);
    expect(e.text).toContain(
      'Recibo de R$ 4.000,00 em combustíveis e lubrificantes de AUTO POSTO CENTRAL LTDA (11.222.333/0001-81)',
    );
    expect(e.text).toContain('dos 42 recibos desse fornecedor nessa subcota em 2024');
    expect(e.text).toContain('(mediana + 4 desvios robustos, em escala logarítmica)');
  });

  it('falls back to the subquota of the year when the supplier has fewer than 30 receipts, and says so', async () => {
    const rows = await flags([
      ...otherStations(),
      ...group('s', 10, 20_000, { doc: '33444555000166', name: 'POSTO PEQUENO' }),
      { id: 'out', cents: 2_000_000, doc: '33444555000166', name: 'POSTO PEQUENO' },
    ]);
    expect(ids(rows)).toEqual(['out']);
    const e = rows[0]?.explanation as Explanation;
    expect(e.peer).toBe('subquota');
    expect(e.supplierReceipts).toBe(11);
    expect(e.peerGroup.n).toBe(131);
    expect(e.peerGroup.description).toBe(
      'recibos de combustíveis e lubrificantes de todos os fornecedores em 2024',
    );
    expect(e.peerGroup.fallback).toBe(
      'o fornecedor tem só 11 recibo(s) dessa subcota em 2024, menos que os 30 necessários para usar o próprio ' +
        'histórico; por isso a comparação é com todos os recibos da subcota no ano',
    );
    // With a lower floor the supplier's own 11 receipts are the peer group.
    const own = await flags(
      [
        ...otherStations(),
        ...group('s', 10, 20_000, { doc: '33444555000166' }),
        { id: 'out', cents: 2_000_000, doc: '33444555000166' },
      ],
      createValueOutlier({ minGroupSize: 10 }),
    );
    expect(own.find((r) => r.id === 'out')?.explanation.peer).toBe('supplier');
  });

  it('leaves meals, non-positive values and groups too small to judge out', async () => {
    const rows = await flags([
      ...group('p', 40),
      ...group('m', 40, 5000, { subquota: 13, name: 'RESTAURANTE' }),
      { id: 'meal', cents: 500_000, subquota: 13, name: 'RESTAURANTE' },
      ...group('f', 40, 60_000, { subquota: 999, doc: '07575651000159', name: 'GOL' }),
      { id: 'comp', cents: -6_000_000, subquota: 999, doc: '07575651000159', name: 'GOL' },
      ...group('t', 40, 8000, { subquota: 10, doc: '00000000000001', name: 'CELULAR FUNCIONAL' }),
      { id: 'zero', cents: 0, subquota: 10, doc: '00000000000001', name: 'CELULAR FUNCIONAL' },
      { id: 'refused', cents: 4_000_000, net: 0, glosa: 4_000_000 },
      // Subquota 137 has 5 receipts in all: no group to compare with.
      ...group('c', 4, 100_000, { subquota: 137 }),
      { id: 'course', cents: 10_000_000, subquota: 137 },
    ]);
    expect(ids(rows)).toEqual([]);
  });

  it('groups suppliers without a document by name', async () => {
    const abroad = { doc: null, name: 'Hilton Buenos Aires' };
    const rows = await flags([
      ...group('a', 35, 90_000, abroad),
      { id: 'out', cents: 3_000_000, ...abroad },
      ...group('b', 35, 90_000, { doc: null, name: 'LISBOA PLAZA HOTEL' }),
    ]);
    expect(ids(rows)).toEqual(['out']);
    expect(rows[0]?.explanation).toMatchObject({
      peer: 'supplier',
      supplierDocument: null,
      supplierReceipts: 36,
    });
    expect(rows[0]?.explanation.peerGroup.description).toBe(
      'recibos de combustíveis e lubrificantes de Hilton Buenos Aires em 2024',
    );
  });

  it('flags strictly above the threshold, which does not move with the flagged value', async () => {
    const at = async (cents: number) => flags([...group('p', 40), { id: 'probe', cents }]);
    const threshold = (await at(10_000_000))[0]?.explanation.threshold.value as number;
    expect(Number.isInteger(threshold)).toBe(true);
    expect(await at(threshold)).toEqual([]);
    const above = await at(threshold + 1);
    expect(ids(above)).toEqual(['probe']);
    expect(above[0]?.explanation.threshold.value).toBe(threshold);
    expect(above[0]?.severity).toBeCloseTo(0.5, 3);
  });

  it('is deterministic and explains every flag with the standard keys and a histogram', async () => {
    await withDb(async (db) => {
      await load(db, [
        ...otherStations(),
        ...group('p', 40),
        { id: 'out', cents: 400_000 },
        ...group('s', 10, 20_000, { doc: '33444555000166' }),
        { id: 'small', cents: 2_000_000, doc: '33444555000166' },
      ]);
      const a = await runOn(db, valueOutlier);
      const b = await runOn(db, valueOutlier);
      expect(ids(a)).toEqual(['out', 'small']);
      expect(b).toEqual(a);
      for (const { detector, severity, explanation: e } of a) {
        expect(detector).toBe('value_outlier');
        expect(severity).toBeGreaterThan(0.5);
        expect(severity).toBeLessThanOrEqual(1);
        for (const key of [...EXPLANATION_KEYS, 'distribution']) expect(e).toHaveProperty(key);
        for (const key of valueOutlier.explanationFields) expect(e).toHaveProperty(key);
        expect(e.observed.value).toBeGreaterThan(e.threshold.value);
        const bins = e.distribution.bins as { from: number; to: number; count: number }[];
        expect(e.distribution.logScale).toBe(true);
        expect(bins).toHaveLength(20);
        expect(bins.reduce((s, x) => s + x.count, 0)).toBe(e.peerGroup.n);
        expect(bins.at(-1)?.to).toBe(e.observed.value);
      }
    });
  });
});
