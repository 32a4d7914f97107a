// The deputy ranking: one row per requester with a risk summary, ordered by a score a person can recompute.
//
// risk score = Σ over the requester's flagged reimbursements of the highest severity among that reimbursement's
// flags (a receipt flagged by two detectors counts once, at its worst). Ties: flagged value (R$), then id.
// So a requester with many clearly-past-the-line receipts ranks above one with a single borderline flag, and
// the number is the "count of flagged receipts, weighted by how sure we are". Unflagged requesters have score 0
// and no rank. Documented in docs/decisions/0005-deputy-ranking.md.
import type { Db } from '../../core/index.js';

export const RANKING_METHOD_PT =
  'Ordenado pela pontuação de risco: para cada reembolso sinalizado do deputado, a maior severidade entre as ' +
  'suas sinalizações (de 0 a 1), somada sobre os reembolsos. Um recibo sinalizado por dois detectores conta uma ' +
  'vez. Empates: maior valor sinalizado primeiro.';

/** Builds `detect.ceap_deputy_ranking` from `detect.ceap_flags` and the marts. */
export async function rankCeapDeputies(db: Db): Promise<number> {
  await db.run(`
    CREATE OR REPLACE TABLE detect.ceap_deputy_ranking AS
    WITH per_receipt AS (
      SELECT reimbursement_id, max(severity) AS severity, count(*) AS flags
      FROM detect.ceap_flags GROUP BY reimbursement_id
    ),
    spend AS (
      SELECT deputy_id, count(*)::BIGINT AS reimbursements, sum(net_cents)::BIGINT AS net_cents,
             sum(glosa_cents)::BIGINT AS glosa_cents
      FROM marts.reimbursements GROUP BY deputy_id
    ),
    flagged AS (
      SELECT r.deputy_id, count(*)::BIGINT AS flagged_reimbursements, sum(p.flags)::BIGINT AS flag_count,
             sum(p.severity) AS risk_score, sum(r.net_cents)::BIGINT AS flagged_net_cents
      FROM per_receipt p JOIN marts.reimbursements r USING (reimbursement_id) GROUP BY r.deputy_id
    ),
    by_detector AS (
      SELECT r.deputy_id,
             to_json(list({'detector': detector, 'flags': flags, 'netCents': net_cents,
                           'maxSeverity': max_severity} ORDER BY detector)) AS by_detector
      FROM (
        SELECT r.deputy_id, f.detector, count(*)::BIGINT AS flags, sum(r.net_cents)::BIGINT AS net_cents,
               max(f.severity) AS max_severity
        FROM detect.ceap_flags f JOIN marts.reimbursements r USING (reimbursement_id)
        GROUP BY r.deputy_id, f.detector
      ) r GROUP BY r.deputy_id
    )
    SELECT s.deputy_id,
           round(coalesce(f.risk_score, 0), 4) AS risk_score,
           CASE WHEN f.risk_score > 0 THEN
             rank() OVER (ORDER BY f.risk_score DESC NULLS LAST, f.flagged_net_cents DESC NULLS LAST, s.deputy_id)
           END AS rank,
           coalesce(f.flag_count, 0) AS flag_count,
           coalesce(f.flagged_reimbursements, 0) AS flagged_reimbursements,
           coalesce(f.flagged_net_cents, 0) AS flagged_net_cents,
           s.reimbursements, s.net_cents, s.glosa_cents,
           CASE WHEN s.net_cents > 0 THEN coalesce(f.flagged_net_cents, 0) / s.net_cents END AS flagged_share,
           coalesce(b.by_detector, '[]'::JSON) AS by_detector
    FROM spend s LEFT JOIN flagged f USING (deputy_id) LEFT JOIN by_detector b USING (deputy_id)
    ORDER BY rank NULLS LAST, s.deputy_id`);
  const row = await db.one<{ n: number }>(`SELECT count(rank)::BIGINT AS n FROM detect.ceap_deputy_ranking`);
  return row?.n ?? 0;
}
