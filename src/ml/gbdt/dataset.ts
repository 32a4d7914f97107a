// Training data for the GBDT learner: the shapes fitGbdt accepts, their checks (each error names the field,
// the bad value and where), and the seeded stratified hold-out used for early stopping without a given
// validation set. Data convention shared by src/ml: x is row-major n × p (x[i·p + j]), NaN = missing.
import { ModelError, type Rng } from '../../core/index.js';

/** Most features a data set may have (far above any real table). */
const MAX_FEATURES = 65_534;

export interface GbdtDataset {
  x: Float64Array;
  n: number;
  p: number;
  /** Labels 0/1. */
  y: Uint8Array;
  featureNames: string[];
  /** Sample weights ≥ 0 (default 1). */
  weights?: Float64Array;
}

export interface GbdtValidationSet {
  x: Float64Array;
  n: number;
  y: Uint8Array;
  weights?: Float64Array;
}

function fail(message: string, details?: unknown): never {
  throw new ModelError(`gbdt: ${message}`, { details });
}

function checkLabels(y: ArrayLike<number>, n: number, where: string): void {
  if (!y || y.length !== n)
    fail(`${where}.y has ${y?.length} labels for n = ${n} rows (expected one per row)`);
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (v !== 0 && v !== 1)
      fail(`${where}.y[${i}] = ${String(v)} is not a label (expected 0 or 1)`, { row: i });
  }
}

function checkWeights(w: ArrayLike<number> | undefined, n: number, where: string): void {
  if (w === undefined) return;
  if (w.length !== n)
    fail(`${where}.weights has ${w.length} values for n = ${n} rows (expected one per row)`);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = w[i] as number;
    if (!(v >= 0 && v < Infinity))
      fail(`${where}.weights[${i}] = ${String(v)} is invalid (expected a finite number ≥ 0)`, { row: i });
    total += v;
  }
  if (!(total > 0)) fail(`${where}.weights sum to ${total} (expected a positive total)`);
}

/** Throws a ModelError naming the first problem of a training set. */
export function checkDataset(ds: GbdtDataset): void {
  const { n, p } = ds;
  if (!Number.isInteger(n) || n < 1) fail(`data.n = ${String(n)} is invalid (expected an integer ≥ 1)`);
  if (!Number.isInteger(p) || p < 1 || p > MAX_FEATURES)
    fail(`data.p = ${String(p)} is invalid (expected an integer in 1..${MAX_FEATURES})`);
  if (!(ds.x instanceof Float64Array)) fail('data.x is not a Float64Array (expected row-major n × p values)');
  if (ds.x.length !== n * p)
    fail(`data.x has ${ds.x.length} values but n × p = ${n} × ${p} = ${n * p} (expected row-major n × p)`);
  if (!Array.isArray(ds.featureNames) || ds.featureNames.length !== p)
    fail(
      `data.featureNames has ${ds.featureNames?.length} names for p = ${p} features (expected one per feature)`,
    );
  checkLabels(ds.y, n, 'data');
  checkWeights(ds.weights, n, 'data');
  let positives = 0;
  for (let i = 0; i < n; i++) positives += ds.y[i] as number;
  if (positives === 0 || positives === n)
    fail(`data.y has only label ${positives === 0 ? 0 : 1} in ${n} rows (expected both 0 and 1)`);
}

export function checkValidation(v: GbdtValidationSet, p: number): void {
  if (!Number.isInteger(v.n) || v.n < 1)
    fail(`valid.n = ${String(v.n)} is invalid (expected an integer ≥ 1)`);
  if (!(v.x instanceof Float64Array) || v.x.length !== v.n * p)
    fail(
      `valid.x has ${v.x?.length} values but n × p = ${v.n} × ${p} = ${v.n * p} (expected row-major n × p)`,
    );
  checkLabels(v.y, v.n, 'valid');
  checkWeights(v.weights, v.n, 'valid');
}

/** Seeded stratified split: about `fraction` of each class goes to the validation rows (both ascending). */
export function stratifiedHoldout(
  y: Uint8Array,
  fraction: number,
  rng: Rng,
): { train: Uint32Array; valid: Uint32Array } {
  const byClass: number[][] = [[], []];
  y.forEach((v, i) => (byClass[v] as number[]).push(i));
  const valid: number[] = [];
  for (const rows of byClass) {
    const k = Math.round(rows.length * fraction);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(rng.next() * (rows.length - i));
      const t = rows[i] as number;
      rows[i] = rows[j] as number;
      rows[j] = t;
    }
    valid.push(...rows.slice(0, k));
  }
  const validRows = Uint32Array.from(valid).sort();
  const isValid = new Uint8Array(y.length);
  for (const i of validRows) isValid[i] = 1;
  const train = new Uint32Array(y.length - validRows.length);
  let k = 0;
  for (let i = 0; i < y.length; i++) if (!isValid[i]) train[k++] = i;
  if (train.length === 0 || validRows.length === 0)
    fail(
      `validationFraction ${fraction} leaves ${train.length} training and ${validRows.length} validation rows`,
    );
  return { train, valid: validRows };
}

/** The given rows of a dataset (row-major copy). */
export function takeRows(ds: GbdtValidationSet, p: number, rows: Uint32Array): GbdtValidationSet {
  const x = new Float64Array(rows.length * p);
  const y = new Uint8Array(rows.length);
  const w = ds.weights ? new Float64Array(rows.length) : undefined;
  rows.forEach((i, k) => {
    x.set(ds.x.subarray(i * p, i * p + p), k * p);
    y[k] = ds.y[i] as number;
    if (w) w[k] = ds.weights?.[i] as number;
  });
  return { x, n: rows.length, y, weights: w };
}

/**
 * Copies row-major x (n × p) into column-major `out`, checking values on the way: infinities are refused
 * (NaN is the missing value) and categorical features must hold integer codes ≥ 0.
 */
export function toColumnMajor(
  x: Float64Array,
  n: number,
  p: number,
  out: Float64Array,
  categorical: boolean[],
  names: readonly string[],
): void {
  const BLOCK = 512;
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK);
    for (let f = 0; f < p; f++) {
      const base = f * n;
      for (let i = i0; i < i1; i++) {
        const v = x[i * p + f] as number;
        if (v === Infinity || v === -Infinity)
          fail(
            `data.x: feature ${names[f]} (column ${f}), row ${i} is ${v} (expected a finite number, NaN for missing)`,
            {
              row: i,
            },
          );
        out[base + i] = v;
      }
    }
  }
  categorical.forEach((isCat, f) => {
    if (!isCat) return;
    for (let i = 0; i < n; i++) {
      const v = out[f * n + i] as number;
      if (v === v && !(Number.isInteger(v) && v >= 0))
        fail(
          `data.x: categorical feature ${names[f]} (column ${f}), row ${i} is ${v} (expected an integer code ≥ 0, NaN for missing)`,
          { row: i },
        );
    }
  });
}
