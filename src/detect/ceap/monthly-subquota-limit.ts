// Monthly subquota limit (DOMAIN.md §4.2): some CEAP subquotas have a monthly ceiling per requester. For each
// requester (deputy or leadership), accounting month (numAno/numMes) and subquota with a limit in force, the
// receipts are ordered by issue date (ties: document id, then file line) and summed in integer cents; every
// receipt whose running total passes the limit is flagged. Limits are data: seeds/ceap_subquota_limits.csv.
import type { Detector } from '../detector.js';
import { explanationSql } from '../explanation.js';
import { sqlBrl, sqlMonthBr, sqlYearMonthBr } from '../sql-format.js';

export const monthlySubquotaLimit: Detector = {
  id: 'monthly_subquota_limit',
  title: 'Over the monthly subquota limit',
  titlePt: 'Acima do limite mensal da subcota',
  description:
    'Receipts that take a requester past the monthly limit of a subquota (vehicle rental, taxi/toll/parking, fuel, ' +
    'security, courses/events), using the limit in force in that accounting month.',
  method:
    'Running total of vlrLiquido (integer cents) per requester (nuDeputadoId), accounting month (numAno/numMes) and ' +
    'subquota, ordered by issue date (ties by document id, then file line); every receipt whose running total exceeds ' +
    'the limit in force is flagged. Severity = 0.5 + 0.5 × (running total − limit) / limit, capped at 1.',
  explanationFields: [
    'text',
    'observed',
    'threshold',
    'peerGroup',
    'month',
    'subquota',
    'subquotaDescription',
    'limitCents',
    'runningTotalCents',
    'monthTotalCents',
    'excessCents',
    'window',
    'receiptsInMonth',
    'rank',
    'method',
    'receiptUrl',
  ],
  async run({ db, flagTable }) {
    const ym = `printf('%04d-%02d', r.year, r.month)`;
    await db.run(`
      INSERT INTO ${flagTable}
      WITH limited AS (
        SELECT r.reimbursement_id, r.deputy_id, r.deputy_name, r.year, r.month, r.subquota, r.subquota_description,
               r.issued_at, r.document_id, r.source_line, r.net_cents, r.receipt_url,
               CAST(l.limit_cents AS BIGINT) AS limit_cents, l.valid_from, l.valid_to
        FROM marts.reimbursements r
        JOIN seeds.ceap_subquota_limits l
          ON CAST(l.subquota AS INTEGER) = r.subquota
         AND ${ym} >= CAST(l.valid_from AS VARCHAR)
         AND (l.valid_to IS NULL OR CAST(l.valid_to AS VARCHAR) = '' OR ${ym} <= CAST(l.valid_to AS VARCHAR))
      ),
      running AS (
        SELECT *,
          sum(net_cents) OVER w AS running_total_cents,
          row_number() OVER w AS rank,
          sum(net_cents) OVER g AS month_total_cents,
          count(*) OVER g AS receipts_in_month
        FROM limited
        WINDOW
          w AS (PARTITION BY deputy_id, year, month, subquota
                ORDER BY issued_at NULLS LAST, document_id NULLS LAST, source_line
                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
          g AS (PARTITION BY deputy_id, year, month, subquota)
      )
      SELECT
        reimbursement_id,
        'monthly_subquota_limit',
        least(1.0, 0.5 + 0.5 * (running_total_cents - limit_cents) / limit_cents),
        ${explanationSql({
          text: `'Em ' || ${sqlMonthBr('year', 'month')} || ', os reembolsos de ' || rtrim(lower(coalesce(subquota_description, 'subcota ' || subquota)), '. ')
            || ' de ' || deputy_name || ' somaram ' || ${sqlBrl('running_total_cents')} || ' até este recibo (o ' || rank
            || 'º de ' || receipts_in_month || ' no mês, por data de emissão), acima do limite mensal de '
            || ${sqlBrl('limit_cents')} || ' em vigor desde ' || ${sqlYearMonthBr('valid_from')}
            || '; excesso de ' || ${sqlBrl('running_total_cents - limit_cents')} || '.'`,
          observed: {
            label: 'running total of the month up to this receipt',
            value: 'running_total_cents',
            unit: 'cents',
          },
          threshold: { label: 'monthly limit in force', value: 'limit_cents', unit: 'cents' },
          peerGroup: 'NULL',
          method: 'running total per requester, accounting month and subquota, ordered by issue date',
          receiptUrl: 'receipt_url',
          details: {
            month: `printf('%04d-%02d', year, month)`,
            subquota: 'subquota',
            subquotaDescription: 'subquota_description',
            limitCents: 'limit_cents',
            runningTotalCents: 'running_total_cents',
            monthTotalCents: 'month_total_cents',
            excessCents: 'running_total_cents - limit_cents',
            window: `json_object('from', valid_from, 'to', NULLIF(CAST(valid_to AS VARCHAR), ''))`,
            receiptsInMonth: 'receipts_in_month',
            rank: 'rank',
          },
        })}
      FROM running
      WHERE running_total_cents > limit_cents`);
    const row = await db.one<{ n: number }>(
      `SELECT count(*)::BIGINT AS n FROM ${flagTable} WHERE detector = 'monthly_subquota_limit'`,
    );
    return row?.n ?? 0;
  },
};
