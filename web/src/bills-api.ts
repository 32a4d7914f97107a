// Typed client for the Câmara bills endpoints (`/api/v1/camara/bills…`, src/api/routes/camara-bills.ts) and the
// pure helpers the Proposições pages share: the probability of becoming law in pt-BR ("12,3%") and its colour
// band, the words for statuses, author kinds, organ kinds and the prediction's horizon, and what each tramitação
// event marks (urgência, parecer favorável/contrário, aprovação em plenário, lei, arquivamento). Pure TypeScript
// (no JSX) so the browser tests compute with the same functions; imports carry `.js` because those tests import
// this module under the root NodeNext config.
import { getJson, toQueryString, type Page } from './api.js';
import { EMPTY, formatDate, formatDecimal, formatInteger } from './format.js';

// ---- Shapes --------------------------------------------------------------------------------------------

export type BillStatus = 'pending' | 'final';
export type BillStatusFilter = 'pending' | 'final' | 'law';
export type BillSort =
  | '-probability'
  | 'probability'
  | '-presentedAt'
  | 'presentedAt'
  | '-lastEventAt'
  | 'lastEventAt'
  | 'number'
  | '-number';

export interface Bill {
  id: number;
  label: string | null;
  type: string;
  number: number | null;
  year: number | null;
  /** Local date-time without zone ("2021-03-04T10:05:00"). */
  presentedAt: string | null;
  summary: string | null;
  authorKind: string;
  authorName: string | null;
  authorParty: string | null;
  authorUf: string | null;
  authorsCount: number;
  mainTheme: string | null;
  status: BillStatus;
  becameLaw: boolean;
  situation: string | null;
  organ: string | null;
  lastEventAt: string | null;
  eventsCount: number;
  /** P(becomes law within the horizon), 0..1; null when not scored. */
  probability: number | null;
  predictedPositive: boolean | null;
}

export interface BillPage extends Page<Bill> {
  offset: number;
  sort: BillSort;
}

export interface PredictionModel {
  name: string;
  version: number;
  algorithm: string;
}

export interface BillPrediction {
  probability: number;
  threshold: number;
  predictedPositive: boolean;
  /** YYYY-MM-DD: the latest tramitação date in the warehouse. */
  asOf: string;
  horizonDays: number;
  ageDays: number | null;
  eventsUsed: number | null;
  predictedAt: string | null;
  model: PredictionModel;
}

export type PredictionReasonCode = 'no-model' | 'bill-final' | 'not-scored';

export interface PredictionReason {
  code: PredictionReasonCode;
  message: string;
}

export interface BillEvent {
  index: number;
  sequence: number;
  occurredAt: string;
  organ: string | null;
  organId: number | null;
  organKind: string;
  action: string | null;
  actionCode: number | null;
  situation: string | null;
  situationCode: number | null;
  regime: string | null;
  appreciation: string | null;
  dispatch: string | null;
  daysSincePresented: number | null;
  daysSincePrevious: number | null;
  isUrgency: boolean;
  isUrgencyApproval: boolean;
  isRapporteurDesignation: boolean;
  opinion: 'favourable' | 'unfavourable' | null;
  isPlenaryApproval: boolean;
  isLaw: boolean;
  isArchived: boolean;
}

export interface BillAuthor {
  order: number | null;
  name: string | null;
  kind: string;
  type: string | null;
  isFirst: boolean | null;
  isProponent: boolean | null;
  deputyId: number | null;
  party: string | null;
  uf: string | null;
}

export interface BillLink {
  rel: string;
  label: string;
  url: string;
}

export interface BillDetail extends Bill {
  typeDescription: string | null;
  legislature: number | null;
  keywords: string | null;
  mainPropositionId: number | null;
  authorDeputyId: number | null;
  situationCode: number | null;
  regime: string | null;
  isFinal: boolean;
  isAttached: boolean;
  isConclusive: boolean | null;
  hadUrgency: boolean;
  firstOpinion: string | null;
  outcome: {
    becameLaw: boolean;
    becameLawAt: string | null;
    approvedInPlenary: boolean | null;
    approvedInPlenaryAt: string | null;
    daysToLaw: number | null;
  };
  authors: BillAuthor[];
  themes: { id: number; name: string | null; relevance: number | null }[];
  timeline: BillEvent[];
  prediction: BillPrediction | null;
  predictionReason: PredictionReason | null;
  links: BillLink[];
}

export interface BillCounts {
  total: number;
  pending: number;
  final: number;
  law: number;
}

export interface BillSummary {
  total: number;
  byStatus: Omit<BillCounts, 'total'>;
  byType: (BillCounts & { type: string; description: string | null })[];
  baseRate: { finalBills: number; becameLaw: number; rate: number | null };
  dataAsOf: string | null;
  years: { min: number | null; max: number | null };
  predictions: {
    available: boolean;
    reason: PredictionReason | null;
    model: PredictionModel | null;
    asOf: string | null;
    horizonDays: number | null;
    threshold: number | null;
    scored: number;
    predictedPositive: number;
  };
  themes: { id: number; name: string; bills: number }[];
  parties: { party: string; bills: number }[];
  authorKinds: { kind: string; bills: number }[];
}

export interface BillQuery {
  page?: number;
  pageSize?: number;
  sort?: BillSort;
  q?: string;
  /** Comma list: "PL,PEC". */
  type?: string;
  minYear?: string;
  maxYear?: string;
  status?: BillStatusFilter;
  authorKind?: string;
  party?: string;
  uf?: string;
  theme?: string;
  /** 0..1 as text (the page converts the percentage a person types). */
  minProbability?: string;
  maxProbability?: string;
  predicted?: string;
}

// ---- Client --------------------------------------------------------------------------------------------

export function listBills(query: BillQuery, signal?: AbortSignal): Promise<BillPage> {
  return getJson(`/v1/camara/bills${toQueryString(query)}`, signal);
}

export function getBillSummary(signal?: AbortSignal): Promise<BillSummary> {
  return getJson('/v1/camara/bills/summary', signal);
}

export function getBill(id: string, signal?: AbortSignal): Promise<BillDetail> {
  return getJson(`/v1/camara/bills/${encodeURIComponent(id)}`, signal);
}

// ---- Paths ---------------------------------------------------------------------------------------------

export const BILLS_PATH = '/proposicoes';

export function billPath(id: number | string): string {
  return `${BILLS_PATH}/${encodeURIComponent(String(id))}`;
}

// ---- Words and numbers ---------------------------------------------------------------------------------

export const BILL_TYPES = ['PL', 'PLP', 'PEC', 'MPV', 'PDL', 'PDC'] as const;

export const TYPE_LABELS: Record<string, string> = {
  PL: 'Projeto de Lei',
  PLP: 'Projeto de Lei Complementar',
  PEC: 'Proposta de Emenda à Constituição',
  MPV: 'Medida Provisória',
  PDL: 'Projeto de Decreto Legislativo',
  PDC: 'Projeto de Decreto Legislativo (até 2019)',
};

export const STATUS_FILTER_LABELS: Record<BillStatusFilter, string> = {
  pending: 'Em tramitação',
  final: 'Encerradas',
  law: 'Transformadas em lei',
};

export const AUTHOR_KIND_LABELS: Record<string, string> = {
  deputy: 'Deputado(a)',
  executive: 'Poder Executivo',
  senate: 'Senado Federal',
  committee: 'Comissão',
  other: 'Outro',
  unknown: 'Não informado',
};

const ORGAN_KIND_LABELS: Record<string, string> = {
  plenary: 'Plenário',
  mesa: 'Mesa Diretora',
  coordination: 'Coordenação de Comissões Permanentes',
  committee: 'Comissão',
};

export function authorKindLabel(kind: string | null | undefined): string {
  if (!kind) return EMPTY;
  return AUTHOR_KIND_LABELS[kind] ?? kind;
}

export function organKindLabel(kind: string | null | undefined): string {
  if (!kind) return EMPTY;
  return ORGAN_KIND_LABELS[kind] ?? kind;
}

/**
 * Where a bill stands, in words: law, another final situation, or still moving.
 * @example billStatusLabel({ status: 'final', becameLaw: true }) // "Transformada em lei"
 */
export function billStatusLabel(b: { status: BillStatus; becameLaw: boolean }): string {
  if (b.becameLaw) return 'Transformada em lei';
  return b.status === 'final' ? 'Encerrada' : 'Em tramitação';
}

/**
 * A probability as a pt-BR percentage with one decimal (the dashboard's "12,3%" style), two decimals below 1% so
 * a small chance does not read "0,0%"; the placeholder when there is none.
 * @example formatProbability(0.123) // "12,3%"; formatProbability(0.004) // "0,40%"; formatProbability(1) // "100,0%"
 */
export function formatProbability(p: number | null | undefined): string {
  if (typeof p !== 'number' || !Number.isFinite(p)) return EMPTY;
  const digits = p > 0 && p < 0.01 ? 2 : 1;
  return `${formatDecimal(p * 100, digits)}%`;
}

/**
 * A percentage a person typed ("12,5", "12.5 %") as the 0..1 text the API takes; anything else is returned as
 * typed, so the API's 400 names the parameter and the value.
 * @example percentToProbability('12,5') // "0.125"; percentToProbability('') // ""
 */
export function percentToProbability(text: string): string {
  const t = text.trim().replace(/\s*%$/, '').replace(',', '.');
  if (t === '') return '';
  if (!/^\d+(\.\d+)?$/.test(t)) return text.trim();
  return String(Math.round(Number(t) * 1000) / 100000);
}

/** The 0..1 text of the API as the percentage shown in a filter field. */
export function probabilityToPercent(text: string): string {
  if (!/^\d+(\.\d+)?$/.test(text)) return text;
  return formatDecimal(Number(text) * 100, 1).replace(/,0$/, '');
}

export type ProbabilityBand = 'baixa' | 'media' | 'alta';

/** Bands of the colour scale: below 10 % low, from 10 % to 50 % medium, from 50 % high. */
export const PROBABILITY_BANDS = { media: 0.1, alta: 0.5 } as const;

export const PROBABILITY_BAND_LABELS: Record<ProbabilityBand, string> = {
  baixa: 'Baixa',
  media: 'Média',
  alta: 'Alta',
};

export function probabilityBand(p: number): ProbabilityBand {
  if (p >= PROBABILITY_BANDS.alta) return 'alta';
  if (p >= PROBABILITY_BANDS.media) return 'media';
  return 'baixa';
}

/**
 * The prediction's horizon in words: whole years when it is one, else days.
 * @example formatHorizon(730) // "os próximos 2 anos"; formatHorizon(365) // "o próximo ano"; formatHorizon(90) // "os próximos 90 dias"
 */
export function formatHorizon(days: number): string {
  const years = days / 365;
  if (Number.isInteger(years) && years >= 1)
    return years === 1 ? 'o próximo ano' : `os próximos ${years} anos`;
  return days === 1 ? 'o próximo dia' : `os próximos ${formatInteger(days)} dias`;
}

/**
 * "previsão em DD/MM/AAAA para os próximos 2 anos"
 * @example predictionWhen('2024-11-18', 730) // "previsão em 18/11/2024 para os próximos 2 anos"
 */
export function predictionWhen(asOf: string, horizonDays: number): string {
  return `previsão em ${formatDate(asOf)} para ${formatHorizon(horizonDays)}`;
}

const ALGORITHMS: Record<string, string> = {
  gru: 'rede recorrente GRU',
  lstm: 'rede recorrente LSTM',
  'gradient-boosted-trees': 'árvores de decisão com gradient boosting',
  'logistic-regression': 'regressão logística',
};

export function billAlgorithmLabel(algorithm: string): string {
  return ALGORITHMS[algorithm] ?? algorithm;
}

/**
 * The gap before an event, in whole days: "menos de 1 dia depois" under a day, else "N dias depois".
 * @example formatGap(0.2) // "menos de 1 dia depois"; formatGap(1.4) // "1 dia depois"; formatGap(35.6) // "36 dias depois"
 */
export function formatGap(days: number | null | undefined): string {
  if (days === null || days === undefined || !Number.isFinite(days)) return EMPTY;
  const n = Math.round(days);
  if (days < 1) return 'menos de 1 dia depois';
  return n === 1 ? '1 dia depois' : `${formatInteger(n)} dias depois`;
}

/** What a tramitação event marks, for its icon, colour and words (several may apply). */
export type EventMark =
  | 'urgencia'
  | 'relator'
  | 'parecer-favoravel'
  | 'parecer-contrario'
  | 'aprovacao-plenario'
  | 'lei'
  | 'arquivamento';

export const EVENT_MARK_LABELS: Record<EventMark, string> = {
  urgencia: 'Urgência',
  relator: 'Relator(a) designado(a)',
  'parecer-favoravel': 'Parecer favorável',
  'parecer-contrario': 'Parecer contrário',
  'aprovacao-plenario': 'Aprovação em plenário',
  lei: 'Transformação em lei',
  arquivamento: 'Arquivamento',
};

/** Icons beside the words (decorative: the words carry the meaning). */
export const EVENT_MARK_ICONS: Record<EventMark, string> = {
  urgencia: '⚡',
  relator: '✎',
  'parecer-favoravel': '✔',
  'parecer-contrario': '✖',
  'aprovacao-plenario': '★',
  lei: '§',
  arquivamento: '▣',
};

/** Urgency is marked where it is approved or first applies, not on every event of an urgent bill. */
export function eventMarks(event: BillEvent, previous?: BillEvent): EventMark[] {
  const marks: EventMark[] = [];
  if (event.isUrgencyApproval || (event.isUrgency && !previous?.isUrgency)) marks.push('urgencia');
  if (event.isRapporteurDesignation) marks.push('relator');
  if (event.opinion === 'favourable') marks.push('parecer-favoravel');
  if (event.opinion === 'unfavourable') marks.push('parecer-contrario');
  if (event.isPlenaryApproval) marks.push('aprovacao-plenario');
  if (event.isLaw) marks.push('lei');
  if (event.isArchived && !previous?.isArchived) marks.push('arquivamento');
  return marks;
}

/**
 * The author of a list row: the first author's name with party and state for deputies, and "+ N" co-authors.
 * @example authorLine({ authorName: 'Ana', authorParty: 'PT', authorUf: 'SP', authorsCount: 3, authorKind: 'deputy' }) // "Ana (PT-SP) + 2"
 */
export function authorLine(
  b: Pick<Bill, 'authorName' | 'authorParty' | 'authorUf' | 'authorsCount' | 'authorKind'>,
): string {
  const name = b.authorName ?? authorKindLabel(b.authorKind);
  const where = [b.authorParty, b.authorUf].filter(Boolean).join('-');
  const more = b.authorsCount > 1 ? ` + ${formatInteger(b.authorsCount - 1)}` : '';
  return `${name}${where ? ` (${where})` : ''}${more}`;
}
