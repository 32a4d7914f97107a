// Duplicate claim: the same receipt reimbursed more than once, by one requester or by several. Two keys, either
// one suffices:
// - the same receipt: supplier document digits + receipt number as written (txtNumero with a digit other than 0,
//   so "S/N", "sn", "0" and empty numbers never match) + vlrLiquido (> 0) + issue date (datEmissao; a re-submitted
//   receipt carries the date printed on it, and the date keeps apart receipts an individual numbers "1", "2", …
//   again every month or year). House placeholders (at most two significant digits) are skipped. Numbers are
//   compared as written, not reduced to digits: "000123" and "123" do not match. Normalising txtNumero costs a
//   regular expression per row (≈ 3 s of CPU over 5M rows), past the suite's time budget.
// - the same Câmara document id (ideDocumento > 0) in rows that are not installments of one payment: rows of
//   different requesters, or of one requester in different accounting months with numParcela 0.
// Rows are grouped into claims so that installments never count twice: rows with the same ideDocumento and
// numParcela > 0 of one requester are one claim; with numParcela 0, one claim per requester and month; rows
// without an ideDocumento are each their own claim. A key is a duplicate when it spans two or more claims.
// Every row of a duplicated key is flagged; the explanation lists the other copies (both keys together).
import type { Detector } from '../detector.js';
import { explanationSql } from '../explanation.js';
import { sqlBrl, sqlMonthBr } from '../sql-format.js';

const ID = 'duplicate_claim';
/** Other copies listed in full in an explanation (all are counted). */
export const DUPLICATE_CLAIM_MAX_LISTED = 20;
/** Other copies named in the pt-BR sentence. */
const IN_TEXT = 3;

const METHOD =
  'Groups receipts by (supplier CNPJ/CPF digits, receipt number as written, vlrLiquido > 0, ' +
  'issue date) and by ideDocumento > 0; a group is a duplicate when it spans two or more claims — a claim is one ' +
  'ideDocumento paid in installments (numParcela > 0) by one requester, or one ideDocumento of one requester in ' +
  'one accounting month, or one row without ideDocumento. Numbers without a digit ("S/N") or only zeros and ' +
  'House placeholder documents are ignored. Every row of the group is flagged. Severity = 0.6 + 0.2 × ' +
  '(claims − 1), capped at 1.';

const dateBr = (expr: string) => `strftime(${expr}, '%d/%m/%Y')`;

/** The claim a row belongs to (see the header): installments of one document count once. */
const claimKey = (r: string) => `CASE
    WHEN ${r}document_id > 0 AND coalesce(${r}installment, 0) > 0 THEN 'd' || ${r}document_id || '/' || ${r}deputy_id
    WHEN ${r}document_id > 0 THEN 'd' || ${r}document_id || '/' || ${r}deputy_id || '/' || (${r}year * 100 + ${r}month)
    ELSE 'r' || ${r}reimbursement_id END`;

/** Other copies kept per group for the lists: enough to list the maximum after removing the row itself. */
const KEPT_PER_GROUP = DUPLICATE_CLAIM_MAX_LISTED + 1;

// Performance (5M rows): two aggregations over narrow columns find the candidates — receipt keys seen more than
// once, by hash (a collision only adds candidates, checked exactly later), and blocks of 8 ideDocumento holding a
// repeated one — and one scan reads the wide columns of those few rows. Claims and copies are computed on the
// candidates only; copies are listed from at most KEPT_PER_GROUP members per group and counted per group, so a
// large group costs linear, not quadratic, work.
const sql = (flagTable: string) => `
  INSERT INTO ${flagTable}
  WITH receipt_hashes AS MATERIALIZED (
    SELECT hash(supplier_document, document_number, net_cents, issue_date) AS h
    FROM marts.reimbursements
    WHERE net_cents > 0 AND supplier_document IS NOT NULL
    GROUP BY h
    HAVING count(*) > 1
  ),
  -- Ids in blocks of 8 with a bit per id: a block holds a repeated id iff it has more rows than bits set. Exact,
  -- and 8× fewer groups than grouping by ideDocumento (ids are dense integers).
  document_blocks AS MATERIALIZED (
    SELECT document_id >> 3 AS block
    FROM marts.reimbursements
    WHERE document_id > 0
    GROUP BY block
    HAVING count(*) > bit_count(bit_or(1::UTINYINT << CAST(document_id & 7 AS INTEGER)))
  ),
  candidates AS MATERIALIZED (
    SELECT r.reimbursement_id, r.deputy_id, r.deputy_name, r.year, r.month, r.document_id,
      coalesce(r.installment, 0) AS installment, r.issue_date, r.net_cents, r.supplier_name, r.supplier_document,
      r.supplier_document_raw, r.supplier_document_kind, r.document_number, r.receipt_url,
      ${claimKey('r.')} AS claim_key,
      r.net_cents > 0 AND r.supplier_document IS NOT NULL
        AND hash(r.supplier_document, r.document_number, r.net_cents, r.issue_date) IN (SELECT h FROM receipt_hashes)
        AS receipt_candidate,
      r.document_id > 0 AND r.document_id >> 3 IN (SELECT block FROM document_blocks) AS document_candidate
    FROM marts.reimbursements r
    WHERE receipt_candidate OR document_candidate
  ),
  receipt_rows AS (
    SELECT *
    FROM candidates
    WHERE receipt_candidate AND length(ltrim(supplier_document, '0')) > 2 AND regexp_matches(document_number, '[1-9]')
  ),
  receipt_groups AS (
    SELECT supplier_document, document_number, net_cents, issue_date,
      -- The number last: the other parts hold no '|', so the key is unambiguous.
      supplier_document || '|' || net_cents || '|' || coalesce(CAST(issue_date AS VARCHAR), '') || '|' || document_number AS group_key,
      count(DISTINCT claim_key) AS group_claims, count(*) AS group_rows
    FROM receipt_rows
    GROUP BY supplier_document, document_number, net_cents, issue_date
    HAVING min(claim_key) <> max(claim_key)
  ),
  document_groups AS (
    SELECT document_id, 'd|' || document_id AS group_key,
      count(DISTINCT claim_key) AS group_claims, count(*) AS group_rows
    FROM candidates
    WHERE document_candidate
    GROUP BY document_id
    HAVING min(deputy_id) <> max(deputy_id)
      OR min(year * 100 + month) FILTER (WHERE installment = 0)
         <> max(year * 100 + month) FILTER (WHERE installment = 0)
  ),
  -- Every (row, group) membership; a row is in at most one group of each kind.
  members AS (
    SELECT m.reimbursement_id, m.document_id, m.claim_key, 'receipt' AS kind, g.group_key, g.group_claims, g.group_rows
    FROM receipt_rows m
    JOIN receipt_groups g
      ON g.supplier_document = m.supplier_document AND g.document_number = m.document_number AND g.net_cents = m.net_cents
     AND g.issue_date IS NOT DISTINCT FROM m.issue_date
    UNION ALL
    SELECT m.reimbursement_id, m.document_id, m.claim_key, 'document', g.group_key, g.group_claims, g.group_rows
    FROM candidates m JOIN document_groups g USING (document_id)
  ),
  -- Rows in both groups: the overlap is the receipt group's rows with that ideDocumento.
  overlap AS (
    SELECT group_key, document_id, count(DISTINCT claim_key) AS claims, count(*) AS n
    FROM members WHERE kind = 'receipt' AND document_id > 0
    GROUP BY group_key, document_id
  ),
  flagged AS (
    SELECT m.reimbursement_id,
      max(m.group_key) FILTER (WHERE m.kind = 'receipt') AS receipt_key,
      max(m.group_key) FILTER (WHERE m.kind = 'document') AS document_key,
      sum(m.group_claims) AS claims_sum, sum(m.group_rows) AS rows_sum,
      max(m.document_id) AS document_id
    FROM members m
    GROUP BY m.reimbursement_id
  ),
  counted AS (
    SELECT f.*,
      f.claims_sum - CASE WHEN f.document_key IS NULL THEN 0 ELSE coalesce(o.claims, 0) END AS claims,
      f.rows_sum - CASE WHEN f.document_key IS NULL THEN 0 ELSE coalesce(o.n, 0) END AS copies
    FROM flagged f
    LEFT JOIN overlap o ON o.group_key = f.receipt_key AND o.document_id = f.document_id
  ),
  listed AS (
    SELECT m.group_key, c.*
    FROM members m JOIN candidates c USING (reimbursement_id)
    QUALIFY row_number() OVER (PARTITION BY m.group_key ORDER BY c.year, c.month, c.deputy_name, c.reimbursement_id)
      <= ${KEPT_PER_GROUP}
  ),
  others AS (
    SELECT m.reimbursement_id AS id,
      list(DISTINCT {
        'year': o.year,
        'month': o.month,
        'deputyName': o.deputy_name,
        'reimbursementId': o.reimbursement_id,
        'deputyId': o.deputy_id,
        'documentId': o.document_id,
        'installment': o.installment,
        'issueDate': CAST(o.issue_date AS VARCHAR),
        'netCents': o.net_cents
      }) AS copies
    FROM members m
    JOIN listed o ON o.group_key = m.group_key AND o.reimbursement_id <> m.reimbursement_id
    GROUP BY m.reimbursement_id
  ),
  final AS (
    SELECT c.*, f.receipt_key, f.document_key, f.claims, f.copies, f.copies - 1 AS n_others,
      list_transform(list_slice(list_sort(coalesce(o.copies, [])), 1, ${DUPLICATE_CLAIM_MAX_LISTED}), lambda x: struct_pack(
        reimbursementId := x.reimbursementId, deputyId := x.deputyId, deputyName := x.deputyName,
        month := printf('%04d-%02d', x.year, x.month), documentId := x.documentId, installment := x.installment,
        issueDate := x.issueDate, netCents := x.netCents,
        text := 'em ' || lpad(CAST(x.month AS VARCHAR), 2, '0') || '/' || x.year || ' por '
          || coalesce(x.deputyName, 'requerente ' || x.deputyId) || ' (reembolso ' || x.reimbursementId
          || CASE WHEN x.installment > 0 THEN ', parcela ' || x.installment ELSE '' END || ')')) AS others
    FROM candidates c
    JOIN counted f USING (reimbursement_id)
    LEFT JOIN others o ON o.id = c.reimbursement_id
  )
  SELECT reimbursement_id, '${ID}', least(1.0, 0.6 + 0.2 * (claims - 1)),
    ${explanationSql({
      text: `'Comprovante apresentado ' || claims || ' vezes ('
        || array_to_string(list_filter([
             CASE WHEN receipt_key IS NOT NULL THEN 'mesmo fornecedor ' || coalesce(supplier_name || ' ', '') || '('
               || CASE supplier_document_kind WHEN 'cnpj' THEN 'CNPJ ' WHEN 'cpf' THEN 'CPF ' ELSE 'documento ' END
               || coalesce(supplier_document_raw, supplier_document) || '), mesmo número ' || document_number
               || ', mesmo valor ' || ${sqlBrl('net_cents')} || coalesce(' e mesma data de emissão ' || ${dateBr('issue_date')}, '') END,
             CASE WHEN document_key IS NOT NULL THEN 'mesmo ideDocumento ' || document_id END
           ], lambda s: s IS NOT NULL), '; ')
        || '): este reembolso, ' || 'em ' || ${sqlMonthBr('year', 'month')} || ' por ' || coalesce(deputy_name, 'requerente ' || deputy_id)
        || ', e também ' || array_to_string(list_transform(list_slice(others, 1, ${IN_TEXT}), lambda o: o.text), '; ')
        || CASE WHEN n_others > ${IN_TEXT} THEN '; e mais ' || (n_others - ${IN_TEXT}) || ' cópia(s)' ELSE '' END || '.'`,
      observed: { label: 'vezes que o mesmo comprovante foi apresentado', value: 'claims', unit: 'count' },
      threshold: { label: 'apresentações permitidas por comprovante', value: '1', unit: 'count' },
      peerGroup: 'NULL',
      method:
        'same receipt (supplier document, number, value, issue date) or same ideDocumento in different claims',
      receiptUrl: 'receipt_url',
      details: {
        matchedBy: `list_filter([CASE WHEN receipt_key IS NOT NULL THEN 'same_receipt' END,
          CASE WHEN document_key IS NOT NULL THEN 'same_document_id' END], lambda s: s IS NOT NULL)`,
        key: `json_object('supplierDocument', supplier_document, 'documentNumber', document_number,
          'netCents', net_cents, 'issueDate', CAST(issue_date AS VARCHAR), 'documentId', document_id)`,
        claims: 'claims',
        copies: 'copies',
        otherCopiesTotal: 'n_others',
        otherCopies: `list_transform(list_slice(others, 1, ${DUPLICATE_CLAIM_MAX_LISTED}),
          lambda o: struct_pack(reimbursementId := o.reimbursementId, deputyId := o.deputyId, deputyName := o.deputyName,
            month := o.month, documentId := o.documentId, installment := o.installment, issueDate := o.issueDate,
            netCents := o.netCents))`,
        supplierName: 'supplier_name',
        deputyName: 'deputy_name',
        month: `printf('%04d-%02d', year, month)`,
        installment: 'installment',
      },
    })}
  FROM final`;

export const duplicateClaim: Detector = {
  id: ID,
  title: 'Duplicate claim',
  titlePt: 'Comprovante apresentado mais de uma vez',
  descriptionPt:
    'O mesmo comprovante apresentado mais de uma vez, pelo mesmo deputado em outro mês ou por outro deputado.',
  methodPt:
    'Mesmo fornecedor, número do documento, valor e data de emissão; ou o mesmo ideDocumento em requerentes ou meses diferentes. Parcelas de um mesmo pagamento não contam. Todas as cópias são sinalizadas.',
  description:
    'The same receipt reimbursed more than once — same supplier, number, value and issue date, or the same ' +
    'Câmara document id — by one requester in different months or by different requesters. Installments of one ' +
    'payment are not duplicates.',
  method: METHOD,
  explanationFields: [
    'text',
    'observed',
    'threshold',
    'peerGroup',
    'method',
    'receiptUrl',
    'matchedBy',
    'key',
    'claims',
    'copies',
    'otherCopiesTotal',
    'otherCopies',
    'supplierName',
    'deputyName',
    'month',
    'installment',
  ],
  async run({ db, flagTable }) {
    await db.run(sql(flagTable));
  },
};
