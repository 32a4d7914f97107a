// Monthly subquota limit (DOMAIN.md §4.2): some CEAP subquotas have a monthly ceiling per requester. For each
// requester (deputy or leadership), accounting month (numAno/numMes) and subquota with a limit in force, the
// receipts are ordered by issue date and summed in integer cents; every receipt whose running total passes the
// limit is flagged. Limits are data: seeds/ceap_subquota_limits.csv.
//
// Two modes (docs/decisions/0003-monthly-limit-semantics.md):
// - default: exact cents (DECIMAL → integer), ties by document id then file line;
// - parity: the prior art's semantics to the letter (Serenata's MonthlySubquotaLimitClassifier): cents as
//   int(net_value * 100) on floats (so "111.3" counts 11129), a stable sort by issue date over the file order
//   (missing dates last), running total per applicant/year/month within each subquota window, flag when > limit.
import type { Detector } from '../detector.js';
import { explanationSql } from '../explanation.js';
import { sqlBrl, sqlMonthBr, sqlYearMonthBr } from '../sql-format.js';

export interface MonthlySubquotaLimitOptions {
  mode?: 'default' | 'parity';
}

const ORDER = {
  default: 'issued_at NULLS LAST, document_id NULLS LAST, source_year, source_line',
  parity: 'issued_at NULLS LAST, source_year, source_line',
} as const;

const CENTS = {
  default: 'r.net_cents',
  // int(float * 100) in Python truncates toward zero after the float product: reproduce it bit for bit.
  parity: 'CAST(trunc((CAST(r.net_cents AS DOUBLE) / 100.0) * 100.0) AS BIGINT)',
} as const;

/** The detector in the given mode; `monthlySubquotaLimit` is the default one, in the CEAP suite. */
export function createMonthlySubquotaLimit(options: MonthlySubquotaLimitOptions = {}): Detector {
  const mode = options.mode ?? 'default';
  const id = mode === 'parity' ? 'monthly_subquota_limit_parity' : 'monthly_subquota_limit';
  return {
    id,
    title: 'Over the monthly subquota limit',
    titlePt:
      mode === 'parity'
        ? 'Acima do limite mensal da subcota (paridade)'
        : 'Acima do limite mensal da subcota',
    descriptionPt:
      'Recibos que levam o requerente além do limite mensal de uma subcota (locação de veículos, táxi/pedágio/estacionamento, combustível, segurança, cursos/eventos), pelo limite em vigor no mês de competência.',
    methodPt:
      mode === 'parity'
        ? 'Paridade com o trabalho anterior: centavos como int(vlrLiquido × 100) em ponto flutuante, ordem estável por data de emissão sobre a ordem do arquivo; sinaliza quando o acumulado passa do limite.'
        : 'Soma acumulada do vlrLiquido (em centavos) por requerente, mês de competência e subcota, na ordem de emissão (empates: id do documento, depois linha do arquivo); sinaliza cada recibo cujo acumulado passa do limite em vigor. Severidade = 0,5 + 0,5 × excesso / limite, no máximo 1.',
    description:
      'Receipts that take a requester past the monthly limit of a subquota (vehicle rental, taxi/toll/parking, fuel, ' +
      'security, courses/events), using the limit in force in that accounting month.',
    method:
      mode === 'parity'
        ? 'Parity with the prior art: cents as int(vlrLiquido × 100) on floats, stable sort by issue date over file ' +
          'order (missing dates last), running total per requester, accounting month and subquota window; flagged when ' +
          'the running total exceeds the limit. Severity as in the default mode.'
        : 'Running total of vlrLiquido (integer cents) per requester (nuDeputadoId), accounting month (numAno/numMes) ' +
          'and subquota, ordered by issue date (ties by document id, then file line); every receipt whose running ' +
          'total exceeds the limit in force is flagged. Severity = 0.5 + 0.5 × (running total − limit) / limit, capped at 1.',
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
               r.issued_at, r.document_id, r.source_year, r.source_line, ${CENTS[mode]} AS net_cents, r.receipt_url,
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
                ORDER BY ${ORDER[mode]}
                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
          g AS (PARTITION BY deputy_id, year, month, subquota)
      )
      SELECT
        reimbursement_id,
        '${id}',
        least(1.0, 0.5 + 0.5 * (running_total_cents - limit_cents) / limit_cents),
        ${explanationSql({
          text: `'Em ' || ${sqlMonthBr('year', 'month')} || ', os reembolsos de ' || rtrim(lower(coalesce(subquota_description, 'subcota ' || subquota)), '. ')
            || ' de ' || deputy_name || ' somaram ' || ${sqlBrl('running_total_cents')} || ' até este recibo (o ' || rank
            || 'º de ' || receipts_in_month || ' no mês, por data de emissão), acima do limite mensal de '
            || ${sqlBrl('limit_cents')} || ' em vigor desde ' || ${sqlYearMonthBr('valid_from')}
            || '; excesso de ' || ${sqlBrl('running_total_cents - limit_cents')} || '.'`,
          observed: {
            label: 'acumulado do mês até este recibo',
            value: 'running_total_cents',
            unit: 'cents',
          },
          threshold: { label: 'limite mensal em vigor', value: 'limit_cents', unit: 'cents' },
          peerGroup: 'NULL',
          method: `running total per requester, accounting month and subquota, ordered by issue date (${mode} mode)`,
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
    },
  };
}

export const monthlySubquotaLimit = createMonthlySubquotaLimit();
export const monthlySubquotaLimitParity = createMonthlySubquotaLimit({ mode: 'parity' });
