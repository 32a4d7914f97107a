// pt-BR words and number formats of the models pages: algorithm names (GRU and LSTM are the recurrent
// networks), aliases, data kinds, artifact checks, and the two number styles of model figures — scores (AUC,
// AP, Brier) as decimals "0,873", rates (precision, recall, error rate, probabilities) as percentages "4,4%".
// Pure, so the browser tests compute with them what a person should see (hence the `.js` import extensions,
// which the root NodeNext config requires).
import { EMPTY, formatDecimal } from '../format.js';
import type { AliasName, ArtifactStatus, DataKind } from '../models-api.js';

const ALGORITHMS: Record<string, string> = {
  'logistic-regression': 'Regressão logística',
  'gradient-boosted-trees': 'Árvores de decisão com gradient boosting',
  gbdt: 'Árvores de decisão com gradient boosting',
  gru: 'Rede recorrente (GRU)',
  lstm: 'Rede recorrente (LSTM)',
};

/** Algorithms that read a sequence and have no per-feature importance comparable to the tabular models'. */
const RECURRENT = new Set(['gru', 'lstm']);

const ALIASES: Record<AliasName, string> = { champion: 'campeão', challenger: 'desafiante' };

const ARTIFACT_STATUS: Record<ArtifactStatus, string> = {
  ok: 'verificado (tamanho e sha256 conferem)',
  missing: 'arquivo ausente',
  'size-mismatch': 'tamanho diferente do registrado',
  'checksum-mismatch': 'sha256 diferente do registrado',
  'invalid-json': 'não é um JSON válido',
};

/** What each registered task predicts, for the models list; unknown tasks get no sentence. */
export const MODEL_DESCRIPTIONS: Record<string, string> = {
  glosa:
    'Estima a probabilidade de a Câmara glosar (recusar no todo ou em parte) um pedido de reembolso da ' +
    'cota parlamentar (CEAP), a partir do histórico do deputado, do fornecedor e da subcota.',
  'bill-outcome':
    'Estima a probabilidade de uma proposição ainda em tramitação na Câmara virar lei nos próximos dois ' +
    'anos, a partir da sua tramitação até agora (tipo, autor, órgãos por onde passou, urgência, pareceres).',
};

/**
 * An algorithm id in words; unknown ids are shown as they are.
 * @example algorithmLabel('logistic-regression') // "Regressão logística"
 */
export function algorithmLabel(algorithm: string | null | undefined): string {
  if (!algorithm) return EMPTY;
  return ALGORITHMS[algorithm] ?? algorithm;
}

/**
 * Whether an algorithm is a recurrent network (GRU, LSTM): it reads the event sequence itself, so it has a
 * learning curve and no feature importance.
 * @example isRecurrent('gru') // true
 */
export function isRecurrent(algorithm: string | null | undefined): boolean {
  return RECURRENT.has(algorithm ?? '');
}

/**
 * A registry alias in Portuguese.
 * @example aliasLabel('champion') // "campeão"
 */
export function aliasLabel(alias: string): string {
  return ALIASES[alias as AliasName] ?? alias;
}

/**
 * The data a version was trained on, for a badge.
 * @example dataKindLabel('synthetic') // "dados sintéticos"
 */
export function dataKindLabel(kind: DataKind | null | undefined): string {
  if (kind === 'synthetic') return 'dados sintéticos';
  if (kind === 'real') return 'dados reais';
  return 'dados de origem não informada';
}

/**
 * The result of checking a version's artifact against its registered size and sha256.
 * @example artifactStatusLabel('ok') // "verificado (tamanho e sha256 conferem)"
 */
export function artifactStatusLabel(status: ArtifactStatus | string): string {
  return ARTIFACT_STATUS[status as ArtifactStatus] ?? status;
}

/**
 * A score between 0 and 1 (AUC, AP, Brier, log-loss) with three decimals; the placeholder when missing.
 * @example formatMetric(0.87312) // "0,873"
 */
export function formatMetric(value: number | null | undefined, digits = 3): string {
  return typeof value === 'number' && Number.isFinite(value) ? formatDecimal(value, digits) : EMPTY;
}

/**
 * A rate or probability as a percentage with one fixed decimal (columns line up: "9,0%", not "9%"), two
 * below 1% so a small probability does not read "0,0%".
 * @example formatRate(0.0438) // "4,4%"; formatRate(0.09) // "9,0%"; formatRate(0.0042) // "0,42%"
 */
export function formatRate(value: number | null | undefined): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return EMPTY;
  const digits = Math.abs(value) > 0 && Math.abs(value) < 0.01 ? 2 : 1;
  return `${formatDecimal(value * 100, digits)}%`;
}

/**
 * The first characters of a sha256, enough to compare by eye (the full value goes in a title).
 * @example shortSha('9f86d081884c7d65…') // "9f86d081884c"
 */
export function shortSha(sha256: string, length = 12): string {
  return sha256.slice(0, length);
}

/**
 * "v3" — how versions are named throughout the dashboard and the CLI.
 * @example versionLabel(3) // "v3"
 */
export function versionLabel(version: number | null | undefined): string {
  return typeof version === 'number' ? `v${version}` : EMPTY;
}
