// The explanation every flag carries (ARCHITECTURE.md "Detect and learn"): enough for a person to verify the flag
// in a minute. Detectors build it in SQL with `explanationSql`; the API returns it as is; the dashboard renders
// `text`, the observed value against the threshold, the peer group's statistics and, when present, the peer
// distribution with the threshold marked.

export type ExplanationUnit = 'cents' | 'count' | 'ratio' | 'none';

export interface PeerStats {
  /** Who the record was compared with, in pt-BR (e.g. "recibos de refeição do fornecedor 12.345.678/0001-90"). */
  description: string;
  n: number;
  median?: number | null;
  /** Median absolute deviation (raw, not scaled). */
  mad?: number | null;
  mean?: number | null;
  std?: number | null;
  q1?: number | null;
  q3?: number | null;
  /** Set when the natural group was too small and a wider one was used: why, in pt-BR. */
  fallback?: string | null;
  /** Statistics computed on log(value) instead of value. */
  logScale?: boolean;
}

export interface DistributionBin {
  from: number;
  to: number;
  count: number;
}

export interface Explanation {
  /** One or two sentences in pt-BR, values formatted as R$ 1.234,56 and dates DD/MM/AAAA. */
  text: string;
  observed: { label: string; value: number; unit: ExplanationUnit };
  threshold: { label: string; value: number; unit: ExplanationUnit };
  peerGroup: PeerStats | null;
  /** The peer distribution (same unit as `observed`), for a histogram with the threshold marked. */
  distribution?: { bins: DistributionBin[]; logScale: boolean } | null;
  /** How the decision was made, in English (also documented at /api/v1/ceap/detectors). */
  method: string;
  receiptUrl: string | null;
  [detail: string]: unknown;
}

/** Keys every explanation must have (checked by the detector conformance suite). */
export const EXPLANATION_KEYS = [
  'text',
  'observed',
  'threshold',
  'peerGroup',
  'method',
  'receiptUrl',
] as const;

export interface ExplanationSqlParts {
  text: string;
  observed: { label: string; value: string; unit: ExplanationUnit };
  threshold: { label: string; value: string; unit: ExplanationUnit };
  /** SQL expression producing the peer-group JSON object (see `peerGroupSql`), or 'NULL'. */
  peerGroup: string;
  /** SQL producing the distribution JSON, or omitted. */
  distribution?: string;
  method: string;
  receiptUrl: string;
  /** Extra detector-specific fields: key → SQL expression. */
  details?: Record<string, string>;
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The SQL `json_object(...)` of an explanation; every value part is a SQL expression except labels/method. */
export function explanationSql(p: ExplanationSqlParts): string {
  const pairs: string[] = [
    `'text', ${p.text}`,
    `'observed', json_object('label', ${lit(p.observed.label)}, 'value', ${p.observed.value}, 'unit', ${lit(p.observed.unit)})`,
    `'threshold', json_object('label', ${lit(p.threshold.label)}, 'value', ${p.threshold.value}, 'unit', ${lit(p.threshold.unit)})`,
    `'peerGroup', ${p.peerGroup}`,
    `'method', ${lit(p.method)}`,
    `'receiptUrl', ${p.receiptUrl}`,
  ];
  if (p.distribution) pairs.push(`'distribution', ${p.distribution}`);
  for (const [k, v] of Object.entries(p.details ?? {})) pairs.push(`${lit(k)}, ${v}`);
  return `json_object(${pairs.join(',\n    ')})`;
}

/** SQL json_object for a peer group; pass SQL expressions (use 'NULL' for absent statistics). */
export function peerGroupSql(p: {
  description: string;
  n: string;
  median?: string;
  mad?: string;
  mean?: string;
  std?: string;
  q1?: string;
  q3?: string;
  fallback?: string;
  logScale?: boolean;
}): string {
  return `json_object('description', ${p.description}, 'n', ${p.n}, 'median', ${p.median ?? 'NULL'}, 'mad', ${p.mad ?? 'NULL'},
    'mean', ${p.mean ?? 'NULL'}, 'std', ${p.std ?? 'NULL'}, 'q1', ${p.q1 ?? 'NULL'}, 'q3', ${p.q3 ?? 'NULL'},
    'fallback', ${p.fallback ?? 'NULL'}, 'logScale', ${p.logScale ? 'true' : 'false'})`;
}
