// The `value_outlier` and `daily_meals` plants checked by brute force on the written file, at a scale where
// many (subquota, supplier) pairs reach 30 receipts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidCnpj, parseMoneyToCents, stripDocumentMask } from '../../core/index.js';
import { generateCeap, loadSubquotaLimits, type GenerateCeapResult } from './index.js';

interface Row {
  dep: string;
  month: string;
  sub: string;
  supplier: string;
  doc: string;
  number: string;
  type: string;
  day: string;
  net: number;
  /** vlrDocumento in cents. */
  value: number;
  ide: string;
  kind: string;
}

const NOT_LEVELLED = new Set(['13', '999', '10', '11']);

let dir: string;
let result: GenerateCeapResult;
let rows: Row[];
const pairs = new Map<string, Row[]>();

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const group = <T>(items: T[], key: (t: T) => string): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hardin-synthetic-kinds-'));
  result = await generateCeap({ outDir: dir, seed: 11, scale: 0.1 });
  const kinds = new Map(
    readFileSync(result.groundTruthPath, 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l !== '')
      .map((l) => {
        const [kind = '', ide = ''] = l.split(',', 2);
        return [ide, kind] as const;
      }),
  );
  const lines = readFileSync(result.files[0]?.path ?? '', 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\n');
  const header = (lines[0] ?? '').slice(1, -1).split('";"');
  const col = (name: string): number => header.indexOf(name);
  const at = {
    dep: col('nuDeputadoId'),
    month: col('numMes'),
    sub: col('numSubCota'),
    supplier: col('txtFornecedor'),
    doc: col('txtCNPJCPF'),
    number: col('txtNumero'),
    type: col('indTipoDocumento'),
    day: col('datEmissao'),
    net: col('vlrLiquido'),
    value: col('vlrDocumento'),
    ide: col('ideDocumento'),
  };
  rows = lines
    .slice(1, -1)
    .map((line) => line.slice(1, -1).split('";"'))
    .map((f) => {
      const net = parseMoneyToCents(f[at.net] ?? '');
      const value = parseMoneyToCents(f[at.value] ?? '');
      if (!net.ok || !value.ok) throw new Error(`bad amount in ${f.join(';')}`);
      const ide = f[at.ide] ?? '';
      return {
        dep: f[at.dep] ?? '',
        month: f[at.month] ?? '',
        sub: f[at.sub] ?? '',
        supplier: f[at.supplier] ?? '',
        doc: stripDocumentMask(f[at.doc] ?? ''),
        number: f[at.number] ?? '',
        type: f[at.type] ?? '',
        day: (f[at.day] ?? '').slice(0, 10),
        net: net.cents,
        value: value.cents,
        ide,
        kind: kinds.get(ide) ?? '',
      };
    });
  for (const [k, list] of group(
    rows.filter((r) => !NOT_LEVELLED.has(r.sub) && r.doc !== ''),
    (r) => `${r.sub}|${r.doc}`,
  )) {
    pairs.set(k, list);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('value_outlier and daily_meals plants', () => {
  it('plants both kinds on at least 0.3% of the rows', () => {
    for (const kind of ['value_outlier', 'daily_meals']) {
      const n = rows.filter((r) => r.kind === kind).length;
      expect(n).toBe(result.anomalies[kind]);
      expect(n / rows.length).toBeGreaterThanOrEqual(0.003);
    }
  });

  it('prices value outliers 8–30× the median of a (subquota, supplier) pair with ≥ 30 receipts', () => {
    const planted = rows.filter((r) => r.kind === 'value_outlier');
    for (const r of planted) {
      expect(NOT_LEVELLED.has(r.sub)).toBe(false);
      const pair = pairs.get(`${r.sub}|${r.doc}`) ?? [];
      expect(pair.length).toBeGreaterThanOrEqual(30);
      // Both vlrLiquido and vlrDocumento, each against its own median, and ≥ 5 robust deviations
      // (1.4826·MAD of the logs) above it.
      for (const amount of [(x: Row) => x.net, (x: Row) => x.value]) {
        const ratio = amount(r) / median(pair.map(amount));
        expect(ratio).toBeGreaterThanOrEqual(8);
        expect(ratio).toBeLessThanOrEqual(30);
        const logs = pair.map((p) => Math.log(amount(p)));
        const center = median(logs);
        const sigma = 1.4826 * median(logs.map((v) => Math.abs(v - center)));
        expect((Math.log(amount(r)) - center) / sigma).toBeGreaterThan(5);
      }
    }
    expect(new Set(planted.map((r) => r.sub)).size).toBeGreaterThan(3);
  });

  it('keeps every other receipt of the non-meal subquotas within 4× its pair median', () => {
    let checked = 0;
    for (const pair of pairs.values()) {
      if (pair.length < 30) continue;
      const m = median(pair.map((p) => p.net));
      const mValue = median(pair.map((p) => p.value));
      for (const r of pair) {
        if (r.kind === 'value_outlier') continue;
        expect(r.net).toBeLessThanOrEqual(4 * m);
        expect(r.value).toBeLessThanOrEqual(4 * mValue);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(rows.length * 0.2);
  });

  it('plants days of 10–16 ordinary restaurant meals, other requester-days having at most 6', () => {
    const meals = rows.filter((r) => r.sub === '13');
    // Restaurants with a history (as the meal price outlier plants need): median vlrLiquido.
    const restaurantMedian = new Map(
      [...group(meals, (r) => r.doc)]
        .filter(([, list]) => list.length > 20)
        .map(([doc, list]) => [doc, median(list.map((r) => r.net))]),
    );
    const numbers = new Set<string>();
    let plantedDays = 0;
    for (const day of group(meals, (r) => `${r.dep}|${r.day}`).values()) {
      if (!day.some((r) => r.kind === 'daily_meals')) {
        expect(day.length).toBeLessThanOrEqual(6);
        continue;
      }
      plantedDays++;
      expect(day.length).toBeGreaterThanOrEqual(10);
      expect(day.length).toBeLessThanOrEqual(16);
      for (const r of day) {
        expect(r.kind).toBe('daily_meals');
        expect(isValidCnpj(r.doc)).toBe(true);
        expect(['0', '4']).toContain(r.type);
        expect(r.supplier).not.toMatch(/hotel/i);
        expect(r.day.slice(5, 7)).toBe(r.month.padStart(2, '0'));
        // Normal prices: below the 5× of a planted meal price outlier.
        expect(r.net).toBeLessThan(5 * (restaurantMedian.get(r.doc) ?? Infinity));
        expect(numbers.has(`${r.doc}|${r.number}`)).toBe(false);
        numbers.add(`${r.doc}|${r.number}`);
      }
    }
    expect(plantedDays).toBeGreaterThan(5);
  });

  it('keeps months without a planted over-limit strictly under the limit', async () => {
    const limits = await loadSubquotaLimits();
    const flagged = new Set<string>();
    const year = 2025;
    for (const month of group(
      rows.filter((r) => limits.limitFor(Number(r.sub), year, Number(r.month)) !== undefined),
      (r) => `${r.dep}|${r.month}|${r.sub}`,
    ).values()) {
      const first = month[0] as Row;
      const limit = limits.limitFor(Number(first.sub), year, Number(first.month)) ?? 0;
      month.sort((a, b) => a.day.localeCompare(b.day) || Number(a.ide) - Number(b.ide));
      let running = 0;
      for (const r of month) {
        running += r.net;
        if (running > limit) flagged.add(r.ide);
      }
    }
    const expected = rows.filter((r) => r.kind === 'over_monthly_subquota_limit').map((r) => r.ide);
    expect([...flagged].sort()).toEqual(expected.sort());
  });
});
