// SQL for the CEAP endpoints: filters are bound parameters, sorting comes from a fixed whitelist, and flags are
// joined from the small per-reimbursement summary of `detect.ceap_flags`.
import type { DuckDBValue } from '@duckdb/node-api';

export const REIMBURSEMENT_SORTS = {
  netCents: 'r.net_cents ASC, r.reimbursement_id',
  '-netCents': 'r.net_cents DESC, r.reimbursement_id',
  issueDate: 'r.issue_date ASC NULLS LAST, r.reimbursement_id',
  '-issueDate': 'r.issue_date DESC NULLS LAST, r.reimbursement_id',
  deputyName: 'r.deputy_name ASC, r.reimbursement_id',
  '-severity': 'f.max_severity DESC NULLS LAST, r.net_cents DESC, r.reimbursement_id',
} as const;

export const DEPUTY_SORTS = {
  '-riskScore': 'k.rank ASC NULLS LAST, d.total_net_cents DESC, d.deputy_id',
  name: 'd.name ASC, d.deputy_id',
  '-netCents': 'd.total_net_cents DESC, d.deputy_id',
  '-flagCount': 'k.flagged_reimbursements DESC NULLS LAST, k.flagged_net_cents DESC NULLS LAST, d.deputy_id',
  '-reimbursements': 'd.reimbursements DESC, d.deputy_id',
} as const;

export interface ReimbursementFilters {
  deputy?: number | undefined;
  year?: number | undefined;
  month?: number | undefined;
  subquota?: number | undefined;
  flagged?: boolean | undefined;
  q?: string | undefined;
  detector?: string | undefined;
}

export function flagSummarySql(hasFlags: boolean): string {
  return hasFlags
    ? `(SELECT reimbursement_id, count(*)::BIGINT AS flag_count, max(severity) AS max_severity
        FROM detect.ceap_flags GROUP BY reimbursement_id)`
    : `(SELECT NULL::VARCHAR AS reimbursement_id, 0::BIGINT AS flag_count, NULL::DOUBLE AS max_severity WHERE false)`;
}

export function reimbursementWhere(f: ReimbursementFilters, hasFlags: boolean) {
  const clauses: string[] = [];
  const params: Record<string, DuckDBValue> = {};
  if (f.deputy !== undefined) {
    clauses.push('r.deputy_id = $deputy');
    params.deputy = f.deputy;
  }
  if (f.year !== undefined) {
    clauses.push('r.year = $year');
    params.year = f.year;
  }
  if (f.month !== undefined) {
    clauses.push('r.month = $month');
    params.month = f.month;
  }
  if (f.subquota !== undefined) {
    clauses.push('r.subquota = $subquota');
    params.subquota = f.subquota;
  }
  if (f.flagged === true) clauses.push('f.flag_count > 0');
  if (f.flagged === false) clauses.push('f.flag_count IS NULL');
  if (f.q) {
    clauses.push(`(r.supplier_name ILIKE $q OR r.supplier_document LIKE $qd)`);
    params.q = `%${f.q}%`;
    params.qd = `%${f.q.replace(/\D+/g, '') || f.q}%`;
  }
  if (f.detector && hasFlags) {
    clauses.push(
      `r.reimbursement_id IN (SELECT reimbursement_id FROM detect.ceap_flags WHERE detector = $detector)`,
    );
    params.detector = f.detector;
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export const REIMBURSEMENT_COLUMNS = `
  r.reimbursement_id AS "id", r.deputy_id AS "deputyId", r.deputy_name AS "deputyName", r.party AS "party",
  r.uf AS "uf", r.is_leadership AS "isLeadership", r.year AS "year", r.month AS "month", r.subquota AS "subquota",
  r.subquota_description AS "subquotaDescription", r.supplier_name AS "supplierName",
  r.supplier_document AS "supplierDocument", r.document_number AS "documentNumber",
  r.document_type AS "documentType", CAST(r.issue_date AS VARCHAR) AS "issueDate",
  r.document_cents AS "documentCents", r.glosa_cents AS "glosaCents", r.net_cents AS "netCents",
  coalesce(f.flag_count, 0)::BIGINT AS "flagCount", f.max_severity AS "maxSeverity"`;

export const REIMBURSEMENT_DETAIL_COLUMNS = `${REIMBURSEMENT_COLUMNS},
  r.installment AS "installment", r.passenger AS "passenger", r.route AS "route", r.document_id AS "documentId",
  r.receipt_url AS "receiptUrl", r.source_year AS "sourceYear", r.source_line AS "sourceLine"`;
