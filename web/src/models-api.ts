// Typed client for the model registry endpoints (`/api/v1/models…`, src/api/routes/models.ts) and the glosa
// prediction the reimbursement endpoint carries. Kept beside api.ts rather than in it so the models pages
// can grow without touching the CEAP client; errors are the same ApiError (RFC 9457 problem+json).
//
// The API types `metrics` loosely (the registry stores whatever a pipeline measured); the glosa pipeline
// writes `{ dataKind, valid: Figures, test: Figures, fitSeconds }`, the bill-outcome one adds `baseRate` and,
// for the recurrent network, `epochs` (the learning curve), so the readers here tolerate a version whose
// metrics lack a figure (shown as "—") instead of trusting the shape. Imports carry `.js` (Vite maps
// it to the .ts file) because the browser tests import this module under the root NodeNext config.
import { getJson } from './api.js';

// ---- Shapes --------------------------------------------------------------------------------------------

/** Figures of one evaluation part (valid or test) at the operating threshold. */
export interface Figures {
  auc: number;
  averagePrecision: number;
  brier: number;
  logLoss: number;
  accuracy: number;
  errorRate: number;
  precision: number;
  recall: number;
  f1: number;
  threshold: number;
  n: number;
  positives: number;
}

export type DataKind = 'synthetic' | 'real';

/** One epoch of a recurrent network's training (log-losses and AUC; null where the value was not finite). */
export interface EpochFigures {
  epoch: number;
  trainLoss: number;
  validLoss: number | null;
  validAuc: number | null;
}

export interface VersionMetrics {
  dataKind?: DataKind;
  valid?: Partial<Figures>;
  test?: Partial<Figures>;
  fitSeconds?: number;
  /** Share of positives over every labelled example of the run (the bill-outcome task records it). */
  baseRate?: number;
  /** The learning curve, for recurrent networks. */
  epochs?: EpochFigures[];
  [key: string]: unknown;
}

export interface AliasSummary {
  version: number;
  algorithm: string;
  createdAt: string;
  /** Dotted metric names, key metrics first (`test.auc`, `test.averagePrecision`, …). */
  keyMetrics: Record<string, number>;
}

export interface ServingStatus {
  status: 'ok' | 'fallback' | 'unavailable';
  version: number | null;
  algorithm: string | null;
  loadedAt: string | null;
  message: string | null;
}

export interface ModelListItem {
  name: string;
  versions: number;
  latest: number | null;
  champion: AliasSummary | null;
  challenger: AliasSummary | null;
  serving: ServingStatus;
  problems: string[];
}

export type AliasName = 'champion' | 'challenger';

export interface AliasState {
  champion: number | null;
  challenger: number | null;
}

export interface AliasHistoryEntry {
  seq: number;
  at: string;
  action: 'set-alias' | 'promote';
  alias: AliasName;
  version: number | null;
  reason: string;
  before: AliasState;
  after: AliasState;
}

export interface VersionSummary {
  version: number;
  algorithm: string;
  createdAt: string;
  dataKind: DataKind | null;
  aliases: AliasName[];
  metrics: VersionMetrics;
}

export interface FeatureSpec {
  name: string;
  type: 'number' | 'integer' | 'category' | 'boolean';
  description: string;
  /** pt-BR description when the training pipeline gave one. */
  descriptionPt?: string;
  allowed?: (string | number)[];
}

/** The registry's evolution table (src/registry/compare.ts). */
export interface VersionComparison {
  name: string;
  versions: number[];
  metricNames: string[];
  differingParams: string[];
  rows: {
    version: number;
    algorithm: string;
    createdAt: string;
    aliases: string[];
    metrics: Record<string, number>;
    params: Record<string, string | null>;
    dataSnapshotId: string;
    dataSnapshotChanged: boolean | null;
  }[];
}

export interface ModelDetail {
  name: string;
  aliases: AliasState;
  aliasHistory: AliasHistoryEntry[];
  /** Newest first. */
  versions: VersionSummary[];
  comparison: VersionComparison;
  features: FeatureSpec[];
  serving: ServingStatus;
}

// The evaluation of one binary classifier on one part (src/ml/evaluation-types.ts).

export interface ConfusionMatrix {
  threshold: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface ThresholdMetrics {
  threshold: number;
  accuracy: number;
  errorRate: number;
  precision: number;
  recall: number;
  f1: number;
  positiveRate: number;
  confusion: ConfusionMatrix;
}

export interface CalibrationBin {
  lower: number;
  upper: number;
  meanPredicted: number;
  fractionPositive: number;
  count: number;
}

export interface BinaryEvaluation {
  n: number;
  positives: number;
  baseRate: number;
  logLoss: number;
  roc: { fpr: number[]; tpr: number[]; thresholds: number[]; auc: number };
  pr: { recall: number[]; precision: number[]; thresholds: number[]; averagePrecision: number };
  calibration: { bins: CalibrationBin[]; brier: number };
  atThreshold: ThresholdMetrics;
}

export interface FeatureImportance {
  feature: string;
  value: number;
  kind: 'gain' | 'coefficient';
}

export interface DataSnapshotEntry {
  dataset: string;
  runId: string;
  sha256: string;
  rows?: number;
}

export type ArtifactStatus = 'ok' | 'missing' | 'size-mismatch' | 'checksum-mismatch' | 'invalid-json';

export interface ModelVersionDetail extends VersionSummary {
  params: Record<string, unknown>;
  seed: number;
  codeVersion: string;
  trainRunId: string | null;
  dataSnapshot: { datasets: DataSnapshotEntry[] };
  artifact: { path: string; sha256: string; bytes: number; status: ArtifactStatus };
  features: FeatureSpec[];
  evaluation: { valid: BinaryEvaluation; test: BinaryEvaluation } | null;
  featureImportance: FeatureImportance[];
  reportUrl: string;
}

/** What `GET /v1/ceap/reimbursements/:id` adds when a glosa model serves. */
export interface GlosaPrediction {
  probability: number;
  predicted: boolean;
  threshold: number;
  model: { name: string; version: number; algorithm: string };
}

// ---- Client --------------------------------------------------------------------------------------------

export function listModels(signal?: AbortSignal): Promise<{ items: ModelListItem[] }> {
  return getJson('/v1/models', signal);
}

export function getModel(name: string, signal?: AbortSignal): Promise<ModelDetail> {
  return getJson(`/v1/models/${encodeURIComponent(name)}`, signal);
}

export function getModelVersion(
  name: string,
  version: number,
  signal?: AbortSignal,
): Promise<ModelVersionDetail> {
  return getJson(`/v1/models/${encodeURIComponent(name)}/versions/${version}`, signal);
}

/** The URL of a version's CRISP-DM report (an HTML page served by the API). */
export function modelReportUrl(name: string, version: number): string {
  return `/api/v1/models/${encodeURIComponent(name)}/versions/${version}/report`;
}

/** A figure of a version's metrics (`part` = test or valid), or undefined when the version lacks it. */
export function figure(
  metrics: VersionMetrics | undefined,
  part: 'test' | 'valid',
  key: keyof Figures,
): number | undefined {
  const value = metrics?.[part]?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The run's base rate (share of positives) when the version recorded one, else undefined. */
export function baseRateOf(metrics: VersionMetrics | undefined): number | undefined {
  const value = metrics?.baseRate;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * A version's learning curve, epochs in order; empty when it has none (tabular models). Entries without an
 * epoch number or a finite training loss are dropped; a missing validation figure becomes null.
 */
export function learningCurve(metrics: VersionMetrics | undefined): EpochFigures[] {
  const raw: unknown = metrics?.epochs;
  if (!Array.isArray(raw)) return [];
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const out: EpochFigures[] = [];
  for (const e of raw as unknown[]) {
    if (typeof e !== 'object' || e === null) continue;
    const r = e as Record<string, unknown>;
    const epoch = num(r.epoch);
    const trainLoss = num(r.trainLoss);
    if (epoch === null || trainLoss === null) continue;
    out.push({ epoch, trainLoss, validLoss: num(r.validLoss), validAuc: num(r.validAuc) });
  }
  return out.sort((a, b) => a.epoch - b.epoch);
}

/**
 * The epoch whose weights the network kept: the lowest validation log-loss, the earliest on a tie (early
 * stopping in src/ml/rnn/fit.ts restores it); undefined without validation figures.
 * @example bestEpoch([{ epoch: 1, trainLoss: 0.6, validLoss: 0.5, validAuc: 0.7 }]) // 1
 */
export function bestEpoch(epochs: readonly EpochFigures[]): number | undefined {
  let best: EpochFigures | undefined;
  for (const e of epochs) {
    if (e.validLoss !== null && (best === undefined || e.validLoss < (best.validLoss as number))) best = e;
  }
  return best?.epoch;
}

/** A key metric of an alias summary by its dotted name (`test.auc`), or undefined. */
export function keyMetric(summary: AliasSummary | null, name: string): number | undefined {
  const value = summary?.keyMetrics?.[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The `comparar` query value that turns the comparison off. */
export const NO_COMPARISON = 'nenhuma';

/** The version compared with `selected`: the URL's choice, else the other alias (champion ↔ challenger). */
export function comparisonVersion(
  param: string | null,
  selected: number,
  aliases: AliasState,
  known: ReadonlySet<number>,
): number | null {
  if (param === NO_COMPARISON) return null;
  const asked = param !== null && /^\d+$/.test(param) ? Number(param) : undefined;
  if (asked !== undefined && asked !== selected && known.has(asked)) return asked;
  const other = selected === aliases.champion ? aliases.challenger : aliases.champion;
  return other !== null && other !== selected && known.has(other) ? other : null;
}

/** Narrows the `glosaPrediction` field of a reimbursement; anything malformed counts as "no prediction". */
export function asGlosaPrediction(value: unknown): GlosaPrediction | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<GlosaPrediction>;
  const ok =
    typeof v.probability === 'number' &&
    Number.isFinite(v.probability) &&
    typeof v.threshold === 'number' &&
    Number.isFinite(v.threshold) &&
    typeof v.model === 'object' &&
    v.model !== null &&
    typeof v.model.name === 'string';
  return ok ? (v as GlosaPrediction) : null;
}
