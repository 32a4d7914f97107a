// SQL and value shaping for the Câmara bills endpoints (routes/camara-bills.ts). Everything reads the marts
// `hardin build` writes (marts.bills, bill_authors, bill_themes, tramitacao_events) and, when present, the table
// `hardin train bill-outcome` writes:
//
//   predictions.bill_outcome — one row per bill still pending at the data's observation date
//     bill_id BIGINT, as_of DATE (latest tramitação date), age_days INTEGER, events_used INTEGER,
//     probability DOUBLE (P(becomes law within horizon_days after as_of)), threshold DOUBLE,
//     predicted_positive BOOLEAN, horizon_days INTEGER, model_name VARCHAR, model_version INTEGER,
//     algorithm VARCHAR, predicted_at TIMESTAMP
//
// Filters are bound parameters, sorts come from a fixed whitelist. Should the table ever hold several rows for a
// bill (appended runs), the newest prediction wins. A table without the contract's columns is treated as absent
// (the server says which columns are missing) rather than answered with a 500.
import type { DuckDBValue } from '@duckdb/node-api';

export const BILL_TYPES = ['PL', 'PLP', 'PEC', 'MPV', 'PDL', 'PDC'] as const;
export type BillType = (typeof BILL_TYPES)[number];
/** pending: not final; final: nothing more is expected (law, archived, withdrawn…); law: became law (⊂ final). */
export const BILL_STATUSES = ['pending', 'final', 'law'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];
export const AUTHOR_KINDS = ['deputy', 'executive', 'senate', 'committee', 'other', 'unknown'] as const;

export const BILL_TABLES = {
  bills: 'marts.bills',
  authors: 'marts.bill_authors',
  themes: 'marts.bill_themes',
  events: 'marts.tramitacao_events',
  predictions: 'predictions.bill_outcome',
} as const;

/** The columns of the predictions table contract. */
export const PREDICTION_COLUMNS = [
  'bill_id',
  'as_of',
  'age_days',
  'events_used',
  'probability',
  'threshold',
  'predicted_positive',
  'horizon_days',
  'model_name',
  'model_version',
  'algorithm',
  'predicted_at',
] as const;

/** Bill ids as the API accepts them: the Câmara's proposition id, digits only. */
export const BILL_ID_PATTERN = /^[1-9][0-9]{0,11}$/;

/** Ties broken by id so that pages never overlap. */
export const BILL_SORTS = {
  '-probability': 'p.probability DESC NULLS LAST, b.presented_at DESC, b.bill_id',
  probability: 'p.probability ASC NULLS LAST, b.presented_at DESC, b.bill_id',
  '-presentedAt': 'b.presented_at DESC, b.bill_id DESC',
  presentedAt: 'b.presented_at ASC, b.bill_id',
  '-lastEventAt': 'b.status_at DESC NULLS LAST, b.bill_id DESC',
  lastEventAt: 'b.status_at ASC NULLS LAST, b.bill_id',
  number: 'b.type_code ASC, b.year ASC, b.number ASC, b.bill_id',
  '-number': 'b.type_code DESC, b.year DESC, b.number DESC, b.bill_id DESC',
} as const;
export type BillSort = keyof typeof BILL_SORTS;

export interface BillFilters {
  q?: string | undefined;
  type?: BillType[] | undefined;
  minYear?: number | undefined;
  maxYear?: number | undefined;
  status?: BillStatus | undefined;
  authorKind?: (typeof AUTHOR_KINDS)[number] | undefined;
  party?: string | undefined;
  uf?: string | undefined;
  theme?: string | undefined;
  minProbability?: number | undefined;
  maxProbability?: number | undefined;
  predicted?: 'positive' | 'negative' | undefined;
}

/** Probability first for pending bills (and whenever the filters are about the prediction), else newest first. */
export function defaultBillSort(f: BillFilters): BillSort {
  const aboutPrediction =
    f.predicted !== undefined || f.minProbability !== undefined || f.maxProbability !== undefined;
  return f.status === 'pending' || aboutPrediction ? '-probability' : '-presentedAt';
}

/** A bill's label parsed from a search: "PL 1234/2021", "pl1234/21", "PEC nº 45/2019", "PL 1.234". */
export interface BillLabel {
  type?: BillType;
  number: number;
  year?: number;
}

const LABEL = new RegExp(
  `^(${BILL_TYPES.join('|')})?\\s*(?:n[º°o]?\\.?\\s*)?(\\d{1,3}(?:\\.\\d{3})+|\\d{1,6})(?:\\s*/\\s*(\\d{4}|\\d{2}))?$`,
  'i',
);

/**
 * Reads a bill label from a search text; undefined when the text is not one (a type or a year is required, so
 * a bare number is not a label). Two-digit years below 50 are 20xx, others 19xx.
 * @example parseBillLabel('pl 1234/2021') // { type: 'PL', number: 1234, year: 2021 }
 */
export function parseBillLabel(text: string): BillLabel | undefined {
  const m = LABEL.exec(text.trim());
  if (!m || (!m[1] && !m[3])) return undefined;
  const label: BillLabel = { number: Number((m[2] as string).replace(/\./g, '')) };
  if (m[1]) label.type = m[1].toUpperCase() as BillType;
  if (m[3]) {
    const y = Number(m[3]);
    label.year = m[3].length === 2 ? (y < 50 ? 2000 + y : 1900 + y) : y;
  }
  return label;
}

/** Lower case without accents, as DuckDB's strip_accents(lower(x)) gives (a search for "educacao" finds "Educação"). */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** `LIKE` pattern for a user's fragment, with `%`, `_` and `\` taken literally. */
function likePattern(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const MAX_WORDS = 8;
const folded = (column: string) => `strip_accents(lower(coalesce(${column}, '')))`;

/**
 * The search index: one row per bill with its summary, keywords, label and first author folded (lower case, no
 * accents). strip_accents costs about 10 µs a row, so folding per request made a word search over 20k bills take
 * ~300 ms; the server builds this TEMP table (in memory, on its read-only connection) at the first word search
 * and every later one is a plain LIKE scan.
 */
export const SEARCH_TABLE = 'temp.main.bill_search';
export const CREATE_SEARCH_TABLE = `CREATE TEMP TABLE IF NOT EXISTS bill_search AS
  SELECT bill_id, ${folded("concat_ws(' ', summary, keywords, label, author_name)")} AS search_text
  FROM ${BILL_TABLES.bills}`;

/**
 * WHERE clause over marts.bills `b` LEFT JOIN predictions `p` and its bound parameters. `q` is a label (exact
 * type/number/year), a bare number (the bill id or its number), or words that must each appear in the summary,
 * the keywords, the label or the first author's name (case- and accent-insensitive); words read SEARCH_TABLE
 * (`search` is true: create it first). Party and UF are the first author's.
 */
export function billWhere(f: BillFilters): {
  sql: string;
  params: Record<string, DuckDBValue>;
  search: boolean;
} {
  let search = false;
  const clauses: string[] = [];
  const params: Record<string, DuckDBValue> = {};
  const q = f.q?.trim();
  if (q) {
    const label = parseBillLabel(q);
    if (label) {
      clauses.push('b.number = $labelNumber');
      params.labelNumber = label.number;
      if (label.type) {
        clauses.push('b.type_code = $labelType');
        params.labelType = label.type;
      }
      if (label.year !== undefined) {
        clauses.push('b.year = $labelYear');
        params.labelYear = label.year;
      }
    } else if (/^\d{1,12}$/.test(q)) {
      clauses.push('(b.bill_id = $qNumber OR b.number = $qNumber)');
      params.qNumber = Number(q);
    } else {
      const words = foldText(q).split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
      const likes = words.map((word, i) => {
        params[`q${i}`] = likePattern(word);
        return `search_text LIKE $q${i} ESCAPE '\\'`;
      });
      if (likes.length > 0) {
        clauses.push(`b.bill_id IN (SELECT bill_id FROM ${SEARCH_TABLE} WHERE ${likes.join(' AND ')})`);
        search = true;
      }
    }
  }
  if (f.type && f.type.length > 0) {
    const names = f.type.map((t, i) => {
      params[`type${i}`] = t;
      return `$type${i}`;
    });
    clauses.push(`b.type_code IN (${names.join(', ')})`);
  }
  if (f.minYear !== undefined) {
    clauses.push('b.year >= $minYear');
    params.minYear = f.minYear;
  }
  if (f.maxYear !== undefined) {
    clauses.push('b.year <= $maxYear');
    params.maxYear = f.maxYear;
  }
  if (f.status === 'pending') clauses.push('NOT (b.is_final OR b.became_law)');
  if (f.status === 'final') clauses.push('(b.is_final OR b.became_law)');
  if (f.status === 'law') clauses.push('b.became_law');
  if (f.authorKind) {
    clauses.push('b.author_kind = $authorKind');
    params.authorKind = f.authorKind;
  }
  if (f.party) {
    clauses.push('upper(b.author_party) = $party');
    params.party = f.party.trim().toUpperCase();
  }
  if (f.uf) {
    clauses.push('b.author_uf = $uf');
    params.uf = f.uf.toUpperCase();
  }
  if (f.theme) {
    const theme = f.theme.trim();
    if (/^\d+$/.test(theme)) {
      clauses.push(`b.bill_id IN (SELECT bill_id FROM ${BILL_TABLES.themes} WHERE theme_id = $themeId)`);
      params.themeId = Number(theme);
    } else {
      clauses.push(
        `b.bill_id IN (SELECT bill_id FROM ${BILL_TABLES.themes} WHERE ${folded('theme')} = $themeName)`,
      );
      params.themeName = foldText(theme);
    }
  }
  if (f.minProbability !== undefined) {
    clauses.push('p.probability >= $minProbability');
    params.minProbability = f.minProbability;
  }
  if (f.maxProbability !== undefined) {
    clauses.push('p.probability <= $maxProbability');
    params.maxProbability = f.maxProbability;
  }
  if (f.predicted === 'positive') clauses.push('p.predicted_positive');
  if (f.predicted === 'negative') clauses.push('NOT p.predicted_positive');
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params, search };
}

/**
 * The predictions relation: the newest row per bill of predictions.bill_outcome, or an empty relation with the
 * same columns when there is no (valid) table.
 */
export function predictionsRelation(available: boolean): string {
  if (!available) {
    return `(SELECT NULL::BIGINT AS bill_id, NULL::DATE AS as_of, NULL::INTEGER AS age_days,
               NULL::INTEGER AS events_used, NULL::DOUBLE AS probability, NULL::DOUBLE AS threshold,
               NULL::BOOLEAN AS predicted_positive, NULL::INTEGER AS horizon_days, NULL::VARCHAR AS model_name,
               NULL::INTEGER AS model_version, NULL::VARCHAR AS algorithm, NULL::TIMESTAMP AS predicted_at
             WHERE false)`;
  }
  return `(SELECT ${PREDICTION_COLUMNS.join(', ')} FROM ${BILL_TABLES.predictions}
           QUALIFY row_number() OVER (PARTITION BY bill_id
                                      ORDER BY predicted_at DESC NULLS LAST, model_version DESC NULLS LAST) = 1)`;
}

/** A timestamp as local ISO text without a zone ("2021-03-04T10:05:00"): the Câmara's times are Brasília's. */
export const isoTimestamp = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%S')`;
export const isoDate = (column: string) => `strftime(${column}, '%Y-%m-%d')`;

const STATUS = `CASE WHEN b.became_law OR b.is_final THEN 'final' ELSE 'pending' END`;

/** Columns of a list row (alias `b` = marts.bills, `p` = predictions relation). */
export const BILL_LIST_COLUMNS = `
  b.bill_id::BIGINT AS "id", b.label AS "label", b.type_code AS "type", b.number::INTEGER AS "number",
  b.year::INTEGER AS "year", ${isoTimestamp('b.presented_at')} AS "presentedAt", b.summary AS "summary",
  b.author_kind AS "authorKind", b.author_name AS "authorName", b.author_party AS "authorParty",
  b.author_uf AS "authorUf", b.authors_count::INTEGER AS "authorsCount", b.main_theme AS "mainTheme",
  ${STATUS} AS "status", b.became_law AS "becameLaw", b.status_situation AS "situation",
  b.status_organ AS "organ", ${isoTimestamp('b.status_at')} AS "lastEventAt",
  b.events_count::INTEGER AS "eventsCount", p.probability::DOUBLE AS "probability",
  p.predicted_positive AS "predictedPositive"`;

/** Columns of the detail's head (same aliases). */
export const BILL_DETAIL_COLUMNS = `${BILL_LIST_COLUMNS},
  b.type_description AS "typeDescription", b.legislature_id::INTEGER AS "legislature", b.keywords AS "keywords",
  b.main_proposition_id::BIGINT AS "mainPropositionId", b.author_deputy_id::BIGINT AS "authorDeputyId",
  b.status_situation_code::INTEGER AS "situationCode", b.status_regime AS "regime",
  b.is_final OR b.became_law AS "isFinal", coalesce(b.is_attached, false) AS "isAttached",
  b.is_conclusive AS "isConclusive", coalesce(b.had_urgency, false) AS "hadUrgency",
  b.first_opinion AS "firstOpinion", b.approved_in_plenary AS "approvedInPlenary",
  ${isoTimestamp('b.approved_in_plenary_at')} AS "approvedInPlenaryAt",
  ${isoTimestamp('b.became_law_at')} AS "becameLawAt", b.days_to_law::DOUBLE AS "daysToLaw",
  (p.probability IS NOT NULL AND p.threshold IS NOT NULL AND p.as_of IS NOT NULL AND p.horizon_days IS NOT NULL
   AND p.model_name IS NOT NULL AND p.model_version IS NOT NULL) AS "hasPrediction", ${isoDate('p.as_of')} AS "asOf", p.age_days::INTEGER AS "ageDays",
  p.events_used::INTEGER AS "eventsUsed", p.threshold::DOUBLE AS "threshold",
  p.horizon_days::INTEGER AS "horizonDays", p.model_name AS "modelName",
  p.model_version::INTEGER AS "modelVersion", p.algorithm AS "algorithm",
  ${isoTimestamp('p.predicted_at')} AS "predictedAt"`;

/** Columns of one tramitação event (alias `e` = marts.tramitacao_events), in the mart's order. */
export const EVENT_COLUMNS = `
  e.event_index::INTEGER AS "index", e.sequence::INTEGER AS "sequence", ${isoTimestamp('e.occurred_at')} AS "occurredAt",
  e.organ AS "organ", e.organ_id::BIGINT AS "organId", e.organ_kind AS "organKind", e.action AS "action",
  e.action_code::INTEGER AS "actionCode", e.situation AS "situation", e.situation_code::INTEGER AS "situationCode",
  e.regime AS "regime", e.appreciation AS "appreciation", e.dispatch AS "dispatch",
  e.days_since_presented::DOUBLE AS "daysSincePresented", e.days_since_previous::DOUBLE AS "daysSincePrevious",
  e.is_urgency_regime OR e.is_urgency_approval AS "isUrgency", e.is_urgency_approval AS "isUrgencyApproval",
  e.is_rapporteur_designation AS "isRapporteurDesignation", e.opinion AS "opinion",
  e.is_plenary_approval AS "isPlenaryApproval", e.is_law AS "isLaw", e.is_archived AS "isArchived"`;

/** The labelled links to a bill on the Câmara's site and API. */
export function camaraBillLinks(id: number): { rel: string; label: string; url: string }[] {
  return [
    {
      rel: 'camara-page',
      label: 'Ficha de tramitação no portal da Câmara',
      url: `https://www.camara.leg.br/proposicoesWeb/fichadetramitacao?idProposicao=${id}`,
    },
    {
      rel: 'camara-api',
      label: 'Registro da proposição na API de dados abertos da Câmara',
      url: `https://dadosabertos.camara.leg.br/api/v2/proposicoes/${id}`,
    },
  ];
}

/** Why a bill has no prediction: no (valid) predictions table, a final bill, or a pending bill the model left out. */
export type PredictionReasonCode = 'no-model' | 'bill-final' | 'not-scored';

/**
 * "bill is final: <outcome>" for a bill whose fate is known.
 * @example finalReason({ becameLaw: true, becameLawAt: '2022-10-18T19:59:00', situation: 'Transformado em Norma Jurídica', situationCode: 1140, lastEventAt: null }) // "bill is final: became law on 2022-10-18"
 */
export function finalReason(b: {
  becameLaw: boolean;
  becameLawAt: string | null;
  situation: string | null;
  situationCode: number | null;
  lastEventAt: string | null;
}): string {
  if (b.becameLaw)
    return `bill is final: became law${b.becameLawAt ? ` on ${b.becameLawAt.slice(0, 10)}` : ''}`;
  const what = b.situation ?? (b.situationCode === null ? 'final situation' : `situation ${b.situationCode}`);
  return `bill is final: ${what}${b.lastEventAt ? ` (since ${b.lastEventAt.slice(0, 10)})` : ''}`;
}

export const NO_MODEL_REASON = 'no model trained yet: run "hardin train bill-outcome"';
