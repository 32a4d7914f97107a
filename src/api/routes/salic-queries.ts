// SQL and value shaping for the SALIC endpoints (routes/salic.ts). Everything reads the precomputed tables of
// `hardin detect salic` (detect.salic_projects, salic_metrics, salic_segment_stats, salic_metric_definitions):
// the backlog order is the stored `rank` (1 = most complex), filters are bound parameters, sorts come from a
// fixed whitelist, and nothing is aggregated over more than one table's 20k project rows per request.
//
// PRONAC is a string end to end (leading zeros kept): it is compared as text, never cast. Documents in metric
// details are masked again here (defence in depth: the detector masks them, but a raw CPF must never leave the
// API whatever a future detector writes) and detail keys become camelCase like the rest of the JSON.
import type { DuckDBValue } from '@duckdb/node-api';

/** Metric ids of the SALIC suite (the table contract with `hardin detect salic`). */
export const SALIC_METRIC_IDS = [
  'itens_orcamentarios',
  'valor_a_ser_comprovado',
  'comprovantes_acima_50',
  'novos_fornecedores',
  'comprovante_cheque',
  'comprovante_transferencia',
  'comprovante_saque',
  'projetos_mesmo_proponente',
  'comprovante_pagamento',
  'itens_comuns_e_incomuns',
  'preco_itens',
] as const;

export const SALIC_BANDS = ['normal', 'complexo', 'muito_complexo'] as const;
export const SALIC_MODES = ['robust', 'parity'] as const;
export type SalicMode = (typeof SALIC_MODES)[number];

export const SALIC_TABLES = {
  projects: 'detect.salic_projects',
  metrics: 'detect.salic_metrics',
  segmentStats: 'detect.salic_segment_stats',
  definitions: 'detect.salic_metric_definitions',
} as const;

/** PRONAC as the API accepts it: digits only, kept as a string. */
export const PRONAC_PATTERN = /^[0-9]{1,12}$/;

/** The `analyst` filter value that selects the projects without an analyst (reserved: no analyst is so named). */
export const SALIC_NO_ANALYST = 'none';

/**
 * An analyst's name as the `analyst` filter accepts it: letters (accents included), digits, spaces and the
 * punctuation of names and logins (`. , ' ’ - _ @`). Wildcards and the rest are refused, since the match is exact.
 */
export const ANALYST_PATTERN = /^[\p{L}\p{M}\p{N} .,'’_@-]+$/u;

/**
 * The analyst's name as the backlog sorts it: case and accents ignored (pt-BR readers expect "Álvaro" beside
 * "Alberto", not after "Zélia"), then the name itself so that the order is total.
 */
const ANALYST_KEY = 'strip_accents(lower(p.analyst))';

/**
 * `rank` is precomputed (1 = most complex), so the default order is an integer sort on one column. Every other
 * sort ends on `rank` (complexity descending, ties broken as the ranking breaks them, finally by PRONAC), so the
 * order is total and stable across pages, and within one analyst the projects keep their backlog order.
 */
export const SALIC_PROJECT_SORTS = {
  '-complexity': 'p.rank ASC, p.pronac',
  complexity: 'p.rank DESC, p.pronac',
  '-complexityParity': 'p.complexity_parity DESC NULLS LAST, p.rank, p.pronac',
  name: 'p.name ASC, p.pronac',
  '-name': 'p.name DESC, p.pronac',
  // Numeric order of the digits without ever casting (a PRONAC is a string; "058123" keeps its zero).
  pronac: "lpad(p.pronac, 12, '0') ASC, p.pronac",
  '-pronac': "lpad(p.pronac, 12, '0') DESC, p.pronac",
  // Unassigned projects (NULL) last in both directions: the list is "who reviews what" first.
  analyst: `${ANALYST_KEY} ASC NULLS LAST, p.analyst ASC, p.rank, p.pronac`,
  '-analyst': `${ANALYST_KEY} DESC NULLS LAST, p.analyst DESC, p.rank, p.pronac`,
  '-approvedCents': 'p.approved_cents DESC NULLS LAST, p.rank, p.pronac',
} as const;

export type SalicProjectSort = keyof typeof SALIC_PROJECT_SORTS;

export interface SalicProjectFilters {
  minComplexity?: number | undefined;
  maxComplexity?: number | undefined;
  band?: (typeof SALIC_BANDS)[number] | undefined;
  segment?: string | undefined;
  area?: string | undefined;
  uf?: string | undefined;
  q?: string | undefined;
  outlier?: (typeof SALIC_METRIC_IDS)[number] | undefined;
  analyst?: string | undefined;
  backlog?: boolean | undefined;
}

/** `LIKE` pattern for a user's fragment, with `%`, `_` and `\` taken literally. */
export function likePattern(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * WHERE clause (alias `p` = detect.salic_projects) and its bound parameters. `backlog` filters on `in_backlog`
 * when the table has it (without it every project is in the queue); `analyst` is an exact, case-insensitive name,
 * or {@link SALIC_NO_ANALYST} for the projects without one.
 */
export function salicProjectWhere(
  f: SalicProjectFilters,
  optional: SalicOptionalColumns = NO_OPTIONAL_COLUMNS,
): {
  sql: string;
  params: Record<string, DuckDBValue>;
} {
  const clauses: string[] = [];
  const params: Record<string, DuckDBValue> = {};
  if (f.minComplexity !== undefined) {
    clauses.push('p.complexity >= $minComplexity');
    params.minComplexity = f.minComplexity;
  }
  if (f.maxComplexity !== undefined) {
    clauses.push('p.complexity <= $maxComplexity');
    params.maxComplexity = f.maxComplexity;
  }
  if (f.band) {
    clauses.push('p.band = $band');
    params.band = f.band;
  }
  if (f.segment) {
    // Either the segment code ("11") or its name, case-insensitively.
    clauses.push('(p.segment_code = $segment OR lower(p.segment) = lower($segment))');
    params.segment = f.segment;
  }
  if (f.area) {
    clauses.push('lower(p.area) = lower($area)');
    params.area = f.area;
  }
  if (f.uf) {
    clauses.push('p.uf = $uf');
    params.uf = f.uf.toUpperCase();
  }
  if (f.analyst === SALIC_NO_ANALYST) {
    clauses.push('p.analyst IS NULL');
  } else if (f.analyst) {
    clauses.push('lower(p.analyst) = lower($analyst)');
    params.analyst = f.analyst;
  }
  if (f.q) {
    clauses.push(
      `(p.name ILIKE $q ESCAPE '\\' OR p.proponent_name ILIKE $q ESCAPE '\\' OR p.pronac LIKE $q ESCAPE '\\')`,
    );
    params.q = likePattern(f.q);
  }
  if (f.backlog !== undefined && optional.inBacklog) {
    clauses.push(f.backlog ? 'p.in_backlog' : 'NOT p.in_backlog');
  }
  if (f.outlier) {
    clauses.push(
      `p.pronac IN (SELECT pronac FROM ${SALIC_TABLES.metrics}
                    WHERE metric = $outlier AND mode = 'robust' AND is_outlier AND valid)`,
    );
    params.outlier = f.outlier;
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * Columns beyond the table contract that `hardin detect salic` may write; the API uses them when present
 * (read once at start from information_schema) and answers without them otherwise.
 */
export interface SalicOptionalColumns {
  /** detect.salic_projects.in_backlog: executed or rendering accounts (the analysts' queue proper). */
  inBacklog: boolean;
  /** detect.salic_projects.contributions_parity: the points per metric of the parity score. */
  contributionsParity: boolean;
  /** detect.salic_segment_stats.scale (linear|log|logit) or .log_scale: the scale of median/MAD. */
  scale: 'scale' | 'log_scale' | false;
  /** detect.salic_segment_stats.level: the peer group used (segment, area, all). */
  level: boolean;
}

export const NO_OPTIONAL_COLUMNS: SalicOptionalColumns = {
  inBacklog: false,
  contributionsParity: false,
  scale: false,
  level: false,
};

/** The columns of a backlog row, camelCase (alias `p`). */
export function salicProjectColumns(optional: SalicOptionalColumns): string {
  return `
  p.pronac AS "pronac", p.name AS "name", p.area AS "area", p.segment AS "segment",
  p.segment_code AS "segmentCode", p.uf AS "uf", p.city AS "city", p.proponent_name AS "proponentName",
  p.proponent_document_masked AS "proponentDocument", p.analyst AS "analyst", p.status AS "status",
  p.approved_cents::BIGINT AS "approvedCents", p.raised_cents::BIGINT AS "raisedCents",
  p.proven_cents::BIGINT AS "provenCents", p.complexity::DOUBLE AS "complexity",
  p.complexity_parity::DOUBLE AS "complexityParity", p.band AS "band", p.outlier_count::INTEGER AS "outlierCount",
  p.admissibility::DOUBLE AS "admissibility", p.admissibility_is_outlier AS "admissibilityIsOutlier",
  ${optional.inBacklog ? 'p.in_backlog' : 'NULL::BOOLEAN'} AS "inBacklog", p.rank::INTEGER AS "rank"`;
}

/** The labelled links to a project on SALIC: the public page and the public API record. */
export function salicLinks(pronac: string): { rel: string; label: string; url: string }[] {
  const id = encodeURIComponent(pronac);
  return [
    {
      rel: 'salic-page',
      label: 'Página pública do projeto no SALIC',
      url: `https://salic.cultura.gov.br/projeto/#/${id}`,
    },
    {
      rel: 'salic-api',
      label: 'Registro do projeto na API pública do SALIC',
      url: `http://api.salic.cultura.gov.br/api/v1/projetos/${id}/`,
    },
  ];
}

/** How the score is computed, in pt-BR (shown beside the gauge; the weights come with each metric). */
export const SALIC_SCORE_METHOD_PT =
  'A complexidade vai de 0 a 10: a soma dos pesos das métricas fora do esperado, dividida pela soma dos pesos ' +
  'de todas as métricas pontuadas e multiplicada por 10 (arredondada a uma casa). Faixas: até 3 normal, acima ' +
  'de 3 complexo, acima de 6 muito complexo. O método robusto (padrão) compara cada projeto com o seu segmento ' +
  'por mediana e desvio absoluto mediano (MAD); o de paridade reproduz as regras do Salic-ML (média + 1,5 ' +
  'desvio-padrão) e os seus pesos. Uma complexidade alta indica onde a análise exigirá mais atenção, não uma ' +
  'irregularidade.';

/** Masks an 11- or 14-digit CPF/CNPJ (bare or punctuated); other values are returned unchanged. */
export function maskDocument(value: string): string {
  if (!/^[\d./-]+$/.test(value)) return value;
  const d = value.replace(/\D/g, '');
  if (d.length === 14) return `${d.slice(0, 2)}.***.***/${d.slice(8, 12)}-**`;
  if (d.length === 11) return `***.${d.slice(3, 6)}.${d.slice(6, 9)}-**`;
  return value;
}

const DOCUMENT_KEY = /(document|documento|cpf|cnpj|cgccpf)/i;

/** snake_case → camelCase (already camelCase keys are unchanged). */
export function camelKey(key: string): string {
  return key.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * A metric's `details` JSON as the API returns it: keys camelCase, and every string under a document-like key
 * that is a bare CPF/CNPJ masked.
 * @example shapeDetails({ provider_document: '12345678000190' }) // { providerDocument: '12.***.***\/0001-**' }
 */
export function shapeDetails(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => shapeDetails(v, key));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      out[camelKey(k)] = shapeDetails(v, k);
    return out;
  }
  if (typeof value === 'string' && DOCUMENT_KEY.test(key)) return maskDocument(value);
  return value;
}

/** Parses a JSON column read as VARCHAR; null for NULL or unparsable text (never a 500 on a bad row). */
export function parseJsonColumn(text: unknown): unknown {
  if (typeof text !== 'string' || text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Histogram bins as stored (`[{lower, upper, count}]`), keeping only well-formed ones. */
export function shapeHistogram(value: unknown): { lower: number; upper: number; count: number }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((b: unknown) => {
    if (b === null || typeof b !== 'object') return [];
    const { lower, upper, count } = b as Record<string, unknown>;
    return typeof lower === 'number' && typeof upper === 'number' && typeof count === 'number'
      ? [{ lower, upper, count }]
      : [];
  });
}
