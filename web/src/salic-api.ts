// Typed client for the SALIC (Lei Rouanet) endpoints (`/api/v1/salic…`, src/api/routes/salic.ts) and the pure
// helpers the SALIC pages share: complexity bands (colour and words), each metric's unit, the pt-BR words of
// the method modes and the shape of the stored histograms (the evidence lists' labels are in
// components/salic-labels.ts). Pure TypeScript (no JSX) so the browser tests compute with the same functions. Kept beside api.ts rather than in it so the SALIC pages can grow without touching the
// CEAP client; errors are the same ApiError (RFC 9457 problem+json). Imports carry `.js` (Vite maps it to the
// .ts file) because the browser tests import this module under the root NodeNext config.
import { getJson, toQueryString, type Page } from './api.js';
import { EMPTY, formatByUnit, formatDecimal, type ValueUnit } from './format.js';

// ---- Shapes --------------------------------------------------------------------------------------------

export type SalicBand = 'normal' | 'complexo' | 'muito_complexo';
export type SalicMode = 'robust' | 'parity';

export interface SalicProject {
  /** A string of digits; leading zeros are part of it. */
  pronac: string;
  name: string;
  area: string | null;
  segment: string | null;
  segmentCode: string | null;
  uf: string | null;
  city: string | null;
  proponentName: string | null;
  /** Masked CPF/CNPJ, e.g. "12.***.***\/0001-**". */
  proponentDocument: string | null;
  /** The analyst in charge of the financial review; null when none is assigned. */
  analyst: string | null;
  status: string | null;
  approvedCents: number | null;
  raisedCents: number | null;
  provenCents: number | null;
  /** 0–10, the default (robust) score. */
  complexity: number;
  complexityParity: number | null;
  band: SalicBand;
  outlierCount: number;
  admissibility: number | null;
  admissibilityIsOutlier: boolean | null;
  /** 1 = most complex. */
  /** In the review queue (executed or rendering accounts); null when the warehouse does not say. */
  inBacklog: boolean | null;
  rank: number;
}

export interface BandCounts {
  normal: number;
  complexo: number;
  muitoComplexo: number;
}

export interface SalicProjectPage extends Page<SalicProject> {
  bands: BandCounts;
}

export interface HistogramBin {
  lower: number;
  upper: number;
  count: number;
}

export interface SegmentStats {
  n: number | null;
  mean: number | null;
  std: number | null;
  median: number | null;
  mad: number | null;
  lower: number | null;
  upper: number | null;
  /** Why a wider peer group was used (pt-BR), or null. */
  fallback: string | null;
  /** Peer group used: segment, area or all (null when the warehouse does not say). */
  level: string | null;
  /** Scale of median and MAD: 'linear', 'log' (ln(1 + value): counts, money) or 'logit' (shares); null unknown. */
  scale: string | null;
  histogram: HistogramBin[];
}

export interface SalicMetric {
  metric: string;
  title: string;
  description: string | null;
  method: string | null;
  weight: number;
  inScore: boolean;
  value: number | null;
  valid: boolean;
  isOutlier: boolean;
  expectedMin: number | null;
  expectedMax: number | null;
  /** Points of the 0–10 score (robust mode); null in parity mode. */
  contribution: number | null;
  explanation: { text?: unknown; observed?: unknown; [key: string]: unknown } | null;
  /** Deviating budget lines, receipts, providers… (documents masked by the API). */
  details: Record<string, unknown> | null;
  segmentStats: SegmentStats | null;
}

export interface SalicLink {
  rel: string;
  label: string;
  url: string;
}

export interface SalicProjectDetail extends SalicProject {
  rankOf: number;
  mode: SalicMode;
  scoreMethod: string;
  /** Σ of the weights of the mode's scored metrics. */
  totalWeight: number;
  contributions: { metric: string; weight: number; contribution: number }[];
  metrics: SalicMetric[];
  links: SalicLink[];
}

export interface SalicSegment {
  segment: string;
  segmentCode: string | null;
  area: string | null;
  projects: number;
  meanComplexity: number | null;
  maxComplexity: number | null;
  bands: BandCounts;
}

export interface SalicSegmentMetric extends SegmentStats {
  metric: string;
  title: string;
  description: string | null;
  weight: number;
  inScore: boolean;
  outliers: number;
  valid: number;
}

export interface SalicSegmentDetail extends SalicSegment {
  mode: SalicMode;
  metrics: SalicSegmentMetric[];
}

export type SalicSort =
  | '-complexity'
  | 'complexity'
  | 'name'
  | '-name'
  | 'pronac'
  | '-pronac'
  | 'analyst'
  | '-analyst'
  | '-approvedCents';

export interface SalicProjectQuery {
  page?: number;
  pageSize?: number;
  sort?: SalicSort;
  q?: string;
  minComplexity?: string;
  maxComplexity?: string;
  band?: string;
  segment?: string;
  area?: string;
  uf?: string;
  outlier?: string;
  /** An analyst's exact name (any case), or {@link NO_ANALYST} for the projects without one. */
  analyst?: string;
  backlog?: string;
}

/** The `analyst` filter value of the projects without an analyst. */
export const NO_ANALYST = 'none';

/** Projects of one analyst (or of none): how many and how complex. */
export interface AnalystLoad {
  projects: number;
  meanComplexity: number | null;
  maxComplexity: number | null;
  bands: BandCounts;
}

export interface SalicAnalysts {
  items: (AnalystLoad & { analyst: string })[];
  unassigned: AnalystLoad;
}

export interface SalicMetricDefinition {
  metric: string;
  title: string;
  description: string | null;
  method: string | null;
  weight: number;
  inScore: boolean;
}

// ---- Client --------------------------------------------------------------------------------------------

export function listSalicProjects(query: SalicProjectQuery, signal?: AbortSignal): Promise<SalicProjectPage> {
  return getJson(`/v1/salic/projects${toQueryString(query)}`, signal);
}

export function getSalicProject(
  pronac: string,
  mode: SalicMode,
  signal?: AbortSignal,
): Promise<SalicProjectDetail> {
  const query = mode === 'robust' ? '' : `?mode=${mode}`;
  return getJson(`/v1/salic/projects/${encodeURIComponent(pronac)}${query}`, signal);
}

/** The analysts and their loads; `backlog: 'true'` counts the review queue only. */
export function listSalicAnalysts(
  query: { backlog?: string | undefined },
  signal?: AbortSignal,
): Promise<SalicAnalysts> {
  return getJson(`/v1/salic/analysts${toQueryString(query)}`, signal);
}

export function listSalicSegments(signal?: AbortSignal): Promise<{ items: SalicSegment[] }> {
  return getJson('/v1/salic/segments', signal);
}

export function getSalicSegment(
  segment: string,
  mode: SalicMode,
  signal?: AbortSignal,
): Promise<SalicSegmentDetail> {
  const query = mode === 'robust' ? '' : `?mode=${mode}`;
  return getJson(`/v1/salic/segments/${encodeURIComponent(segment)}${query}`, signal);
}

export function listSalicMetrics(
  signal?: AbortSignal,
): Promise<{ items: SalicMetricDefinition[]; scoreMethod: string }> {
  return getJson('/v1/salic/metrics', signal);
}

// ---- Paths ---------------------------------------------------------------------------------------------

export const SALIC_PATH = '/lei-rouanet';

export function salicProjectPath(pronac: string): string {
  return `${SALIC_PATH}/projetos/${encodeURIComponent(pronac)}`;
}

/** The review queue of one analyst (or, with {@link NO_ANALYST}, the unassigned projects). */
export function salicAnalystPath(analyst: string): string {
  return `${SALIC_PATH}?analyst=${encodeURIComponent(analyst)}`;
}

/** A segment's explorer page, by code when it has one (names carry spaces and accents). */
export function salicSegmentPath(segment: { segment: string; segmentCode: string | null }): string {
  return `${SALIC_PATH}/segmentos/${encodeURIComponent(segment.segmentCode ?? segment.segment)}`;
}

// ---- Bands, modes, units -------------------------------------------------------------------------------

/** Upper bounds of the bands (Salic-ML's UI: above 3 "complexo", above 6 "muito complexo"). */
export const BAND_LIMITS = { complexo: 3, muitoComplexo: 6 } as const;

export const BAND_LABELS: Record<SalicBand, string> = {
  normal: 'Normal',
  complexo: 'Complexo',
  muito_complexo: 'Muito complexo',
};

/** The band of a 0–10 complexity, by the same limits as the server's. */
export function bandOf(complexity: number): SalicBand {
  if (complexity > BAND_LIMITS.muitoComplexo) return 'muito_complexo';
  if (complexity > BAND_LIMITS.complexo) return 'complexo';
  return 'normal';
}

export function isSalicBand(value: string): value is SalicBand {
  return value === 'normal' || value === 'complexo' || value === 'muito_complexo';
}

export const MODE_LABELS: Record<SalicMode, string> = {
  robust: 'Robusto (mediana e MAD)',
  parity: 'Paridade Salic-ML (média + 1,5 desvio-padrão)',
};

/** The URL word of a mode (`?modo=paridade`); robust is the default and has none. */
export function modeFromQuery(value: string | null): SalicMode {
  return value === 'paridade' ? 'parity' : 'robust';
}

/**
 * A complexity with one decimal.
 * @example formatComplexity(7.27) // "7,3"
 */
export function formatComplexity(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? formatDecimal(value, 1) : '—';
}

/** What each metric's number is when its explanation does not say. */
const METRIC_UNITS: Record<string, ValueUnit> = {
  itens_orcamentarios: 'count',
  valor_a_ser_comprovado: 'cents',
  comprovantes_acima_50: 'count',
  novos_fornecedores: 'ratio',
  comprovante_cheque: 'count',
  comprovante_transferencia: 'count',
  comprovante_saque: 'count',
  projetos_mesmo_proponente: 'none',
  comprovante_pagamento: 'count',
  itens_comuns_e_incomuns: 'ratio',
  preco_itens: 'ratio',
};

/** The unit of a metric's value: the explanation's observed unit when given, else the metric's usual one. */
export function metricUnit(metric: string, explanation?: SalicMetric['explanation']): ValueUnit {
  const observed = explanation?.observed;
  if (observed && typeof observed === 'object' && 'unit' in observed) {
    const unit = (observed as { unit?: unknown }).unit;
    if (unit === 'cents' || unit === 'count' || unit === 'ratio' || unit === 'none') return unit;
  }
  return METRIC_UNITS[metric] ?? 'none';
}

/**
 * A metric's value in its unit; "não calculável" when the metric could not be computed.
 * @example formatMetricValue(0.25, 'ratio', true) // "25%"
 */
export function formatMetricValue(value: number | null, unit: ValueUnit, valid = true): string {
  if (!valid) return 'não calculável';
  return formatByUnit(value, unit);
}

/**
 * A MAD in the metric's unit, or, when the statistics were taken on a transformed scale, as that number with the
 * scale named (a MAD of ln(1 + value) is not an amount of reais).
 * @example formatMad(0.3512, 'log', 'cents') // "0,35 em ln(1 + valor)"; formatMad(150, 'linear', 'cents') // "R$ 1,50"
 */
export function formatMad(
  mad: number | null | undefined,
  scale: string | null | undefined,
  unit: ValueUnit,
): string {
  if (mad === null || mad === undefined) return EMPTY;
  if (scale === 'log') return `${formatDecimal(mad, 2)} em ln(1 + valor)`;
  if (scale === 'logit') return `${formatDecimal(mad, 2)} em logit`;
  return formatByUnit(mad, unit);
}

/** The peer group an explanation names (src/detect/explanation.ts), when well-formed. */
export interface ExplanationPeerGroup {
  description: string;
  n: number;
  median?: number | null;
  mad?: number | null;
  mean?: number | null;
  std?: number | null;
  fallback?: string | null;
  logScale?: boolean;
  scale?: string;
}

export function explanationPeerGroup(explanation: SalicMetric['explanation']): ExplanationPeerGroup | null {
  const peer = explanation?.peerGroup;
  if (!peer || typeof peer !== 'object' || Array.isArray(peer)) return null;
  const p = peer as Record<string, unknown>;
  return typeof p.description === 'string' && typeof p.n === 'number'
    ? (p as unknown as ExplanationPeerGroup)
    : null;
}

/**
 * The expected range in words.
 * @example formatExpectedRange(0, 4, 'count') // "de 0 a 4"; formatExpectedRange(null, 4, 'count') // "até 4"
 */
export function formatExpectedRange(min: number | null, max: number | null, unit: ValueUnit): string {
  const lo = min === null ? undefined : formatByUnit(min, unit);
  const hi = max === null ? undefined : formatByUnit(max, unit);
  if (lo && hi) return lo === hi ? `exatamente ${lo}` : `de ${lo} a ${hi}`;
  if (hi) return `até ${hi}`;
  if (lo) return `a partir de ${lo}`;
  return '—';
}

/**
 * True when the bins are equal on a ln(1 + x) scale, as the SALIC statistics of counts and money are (the
 * stored edges are mapped back to x): non-negative, each bin wider than the previous, the last ≥ 10× the first.
 */
export function isLogSpaced(bins: HistogramBin[]): boolean {
  if (bins.length < 3 || bins.some((b) => !(b.lower >= 0) || !(b.upper > b.lower))) return false;
  const widths = bins.map((b) => b.upper - b.lower);
  const growing = widths.every((w, i) => i === 0 || w > (widths[i - 1] ?? 0) * 1.0001);
  return growing && (widths[widths.length - 1] ?? 0) >= 10 * (widths[0] ?? Infinity);
}
