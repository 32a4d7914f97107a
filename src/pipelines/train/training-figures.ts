// What every training task records the same way: the evaluation figures stored with a registered version, the
// one-line summary of a candidate for the CLI and the demo, the earlier versions for the report's history, and the
// lake inputs a model was trained on (its data snapshot, and whether they all came from the synthetic generator).
import path from 'node:path';
import { homePaths } from '../../core/index.js';
import { currentVersions, loadManifests } from '../../lake/index.js';
import type { BinaryEvaluation } from '../../ml/index.js';
import type { DataSnapshot, ModelVersion } from '../../registry/index.js';
import type { VersionHistoryEntry } from '../report/index.js';

export interface TrainedCandidateSummary {
  name: string;
  algorithm: string;
  version: number;
  alias: 'champion' | 'challenger' | null;
  fitSeconds: number;
  iterations: number;
  valid: { auc: number; averagePrecision: number };
  test: { auc: number; averagePrecision: number; precision: number; recall: number; threshold: number };
}

/** The figures of one evaluated part, rounded for the registry (JSON, diffable). */
export function evaluationFigures(e: BinaryEvaluation) {
  return {
    auc: round(e.roc.auc, 6),
    averagePrecision: round(e.pr.averagePrecision, 6),
    brier: round(e.calibration.brier, 6),
    logLoss: round(e.logLoss, 6),
    accuracy: round(e.atThreshold.accuracy, 6),
    errorRate: round(e.atThreshold.errorRate, 6),
    precision: round(e.atThreshold.precision, 6),
    recall: round(e.atThreshold.recall, 6),
    f1: round(e.atThreshold.f1, 6),
    threshold: round(e.atThreshold.threshold, 6),
    n: e.n,
    positives: e.positives,
  };
}

/** A registered candidate in one line of figures (alias filled in after promotion). */
export function candidateSummary(
  c: {
    name: string;
    algorithm: string;
    fitSeconds: number;
    iterations: number;
    valid: BinaryEvaluation;
    test: BinaryEvaluation;
  },
  version: number,
): TrainedCandidateSummary {
  return {
    name: c.name,
    algorithm: c.algorithm,
    version,
    alias: null,
    fitSeconds: round(c.fitSeconds, 3),
    iterations: c.iterations,
    valid: { auc: round(c.valid.roc.auc, 4), averagePrecision: round(c.valid.pr.averagePrecision, 4) },
    test: {
      auc: round(c.test.roc.auc, 4),
      averagePrecision: round(c.test.pr.averagePrecision, 4),
      precision: round(c.test.atThreshold.precision, 4),
      recall: round(c.test.atThreshold.recall, 4),
      threshold: round(c.test.atThreshold.threshold, 6),
    },
  };
}

/** Earlier versions with their test AUC/AP, for the report's "evolution" table. */
export function versionHistory(previous: readonly ModelVersion[]): VersionHistoryEntry[] {
  return previous.map((v) => ({
    version: String(v.version),
    algorithm: v.algorithm,
    createdAt: v.createdAt,
    auc: numberAt(v.metrics, ['test', 'auc']),
    ap: numberAt(v.metrics, ['test', 'averagePrecision']),
  }));
}

/** The current partitions of the lake datasets `raw/<dataset>` (e.g. `camara/ceap`): what a model was trained on. */
export async function lakeSnapshot(home: string, datasets: readonly string[]): Promise<DataSnapshot> {
  const out: DataSnapshot['datasets'] = [];
  for (const dataset of datasets) {
    const manifests = await loadManifests(path.join(homePaths(home).lake, 'raw', ...dataset.split('/')));
    for (const m of currentVersions(manifests).values()) {
      out.push({
        dataset: `${dataset}/${m.partition.key}=${m.partition.value}`,
        runId: m.runId,
        sha256: m.input.sha256,
        rows: m.rows,
      });
    }
  }
  return { datasets: out };
}

/** Synthetic when every current input of the datasets was written by Hardin's generator (its manifests say so). */
export async function lakeDataKind(home: string, datasets: readonly string[]): Promise<'synthetic' | 'real'> {
  const all = [];
  for (const dataset of datasets) {
    const dir = path.join(homePaths(home).lake, 'raw', ...dataset.split('/'));
    all.push(...currentVersions(await loadManifests(dir)).values());
  }
  return all.length > 0 && all.every((m) => m.input.synthetic === true) ? 'synthetic' : 'real';
}

/** Same datasets, same inputs (order-independent). */
export function sameSnapshot(a: DataSnapshot, b: DataSnapshot): boolean {
  const key = (s: DataSnapshot) =>
    JSON.stringify([...s.datasets].sort((x, y) => x.dataset.localeCompare(y.dataset)));
  return key(a) === key(b);
}

export function numberAt(obj: unknown, keys: string[]): number {
  let v: unknown = obj;
  for (const k of keys) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return typeof v === 'number' ? v : NaN;
}

export function round(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
