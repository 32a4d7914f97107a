// Invalid CNPJ/CPF (DOMAIN.md §4.2, prior art `invalid_cnpj_cpf`): a receipt whose supplier document cannot be a
// real taxpayer id. Checked on the receipt types that name a Brazilian supplier — 0 Nota Fiscal, 1 Recibo and
// 4 NF-e (the prior art skipped NF-e); 2 (expense abroad) has no Brazilian document and is left out.
//
// Whether a document is valid is decided once, in the warehouse: `marts.suppliers.has_valid_check_digits`
// (models/marts/suppliers.sql, modulo 11 on 14-digit CNPJs and 11-digit CPFs, repeated digits invalid, any
// other length invalid). This detector only joins to it and, for the explanation, recomputes the expected check
// digits of the few invalid documents. Left out as "no document": empty documents and the House's placeholders,
// i.e. documents with at most two significant digits (`000.000.000/0000-1` phone, `-7` post, all zeros).
// Two kinds of flags, each with its own observed/threshold labels:
// - wrong check digits (or one digit repeated) on 14/11 digits: severity 0.7;
// - wrong length (neither 14 nor 11 digits): severity 0.5, often a typing slip rather than a made-up supplier.
import type { Detector } from '../detector.js';
import { explanationSql } from '../explanation.js';
import { sqlBrl, sqlMonthBr } from '../sql-format.js';

const ID = 'invalid_cnpj_cpf';
/** indTipoDocumento checked: Nota Fiscal, Recibo, NF-e. */
export const INVALID_DOCUMENT_TYPES = [0, 1, 4] as const;
const SEVERITY_CHECK_DIGITS = 0.7;
const SEVERITY_LENGTH = 0.5;

const METHOD =
  'Supplier document digits (txtCNPJCPF without mask) on Nota Fiscal (0), Recibo (1) and NF-e (4) receipts, ' +
  'judged by the warehouse (marts.suppliers.has_valid_check_digits): modulo-11 check digits of a 14-digit CNPJ ' +
  'or an 11-digit CPF, one digit repeated is invalid, any other length is invalid. Empty documents and House ' +
  'placeholders (at most two significant digits, e.g. 00000000000001 phone, 00000000000007 post) are skipped. ' +
  'Severity 0.7 for wrong check digits, 0.5 for a wrong length.';

const dateBr = (expr: string) => `strftime(${expr}, '%d/%m/%Y')`;

/** Columns and pt-BR phrases shared by both kinds of flag (`r` = reimbursement, `d` = checked document). */
const RECEIPT_PHRASE = `' Comprovante (' || CASE r.document_type WHEN 0 THEN 'nota fiscal' WHEN 1 THEN 'recibo'
    ELSE 'nota fiscal eletrônica' END || ') de ' || ${sqlBrl('r.net_cents')}
    || coalesce(', emitido em ' || ${dateBr('r.issue_date')}, '') || ', apresentado por ' || coalesce(r.deputy_name, 'requerente ' || r.deputy_id)
    || ' em ' || ${sqlMonthBr('r.year', 'r.month')} || '.'`;

/** The supplier documents the warehouse judged invalid, without empty ones and placeholders. */
const INVALID_SUPPLIERS = `
  SELECT supplier_document AS digits
  FROM marts.suppliers
  WHERE NOT has_valid_check_digits
    AND length(ltrim(supplier_document, '0')) > 2
    AND regexp_full_match(supplier_document, '[0-9]+')`;

/**
 * The invalid documents with their found and expected check digits: one row per distinct invalid supplier
 * document (a few thousand at most), so the modulo-11 arithmetic never runs per reimbursement. `kind` is 'other'
 * for a wrong length, as `supplier_document_kind` in the marts.
 */
const INVALID_DOCUMENTS_CTE = `
    WITH docs AS (
      SELECT digits, length(digits) AS n,
        list_transform(string_split(digits, ''), lambda c: CAST(c AS INTEGER)) AS ds
      FROM (${INVALID_SUPPLIERS})
    ),
    weighted AS (
      SELECT *,
        CASE n WHEN 14 THEN [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] WHEN 11 THEN [10, 9, 8, 7, 6, 5, 4, 3, 2] END AS w1,
        CASE n WHEN 14 THEN [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] WHEN 11 THEN [11, 10, 9, 8, 7, 6, 5, 4, 3, 2] END AS w2
      FROM docs
    ),
    first_digit AS (
      SELECT *, list_sum(list_transform(range(1, n - 1), lambda i: ds[i] * w1[i])) % 11 AS r1
      FROM weighted WHERE n IN (11, 14)
    ),
    second_digit AS (
      SELECT *, CASE WHEN r1 < 2 THEN 0 ELSE 11 - r1 END AS d1,
        (list_sum(list_transform(range(1, n - 1), lambda i: ds[i] * w2[i]))
          + (CASE WHEN r1 < 2 THEN 0 ELSE 11 - r1 END) * w2[n - 1]) % 11 AS r2
      FROM first_digit
    ),
    invalid_documents AS MATERIALIZED (
      SELECT digits, n, CASE n WHEN 14 THEN 'cnpj' ELSE 'cpf' END AS kind,
        right(digits, 2) AS found,
        CAST(d1 AS VARCHAR) || CAST(CASE WHEN r2 < 2 THEN 0 ELSE 11 - r2 END AS VARCHAR) AS expected,
        length(replace(digits, left(digits, 1), '')) = 0 AS repeated
      FROM second_digit
      UNION ALL
      SELECT digits, n, 'other', NULL, NULL, false FROM docs WHERE n NOT IN (11, 14)
    )`;

function details(reason: string): Record<string, string> {
  return {
    reason,
    documentKind: 'd.kind',
    documentRaw: 'r.supplier_document_raw',
    documentDigits: 'd.digits',
    digitCount: 'd.n',
    foundCheckDigits: 'd.found',
    expectedCheckDigits: 'd.expected',
    supplierName: 'r.supplier_name',
    documentType: 'r.document_type',
    documentTypeLabel: `CASE r.document_type WHEN 0 THEN 'nota_fiscal' WHEN 1 THEN 'recibo' ELSE 'nota_fiscal_eletronica' END`,
    documentNumber: 'r.document_number',
    documentId: 'r.document_id',
    netCents: 'r.net_cents',
    issueDate: 'CAST(r.issue_date AS VARCHAR)',
    month: `printf('%04d-%02d', r.year, r.month)`,
    subquota: 'r.subquota',
    subquotaDescription: 'r.subquota_description',
  };
}

const CHECK_DIGITS_EXPLANATION = explanationSql({
  text: `'O ' || upper(d.kind) || ' do fornecedor ' || coalesce(r.supplier_name, '(sem nome)') || ', escrito "'
        || coalesce(r.supplier_document_raw, d.digits) || '" (dígitos ' || d.digits || '), '
        || CASE WHEN d.repeated
             THEN 'é um só dígito repetido, número que a Receita Federal não atribui: não é um ' || upper(d.kind) || ' válido.'
             ELSE 'termina em ' || d.found || ', mas os dígitos verificadores calculados (módulo 11) sobre os '
               || (d.n - 2) || ' primeiros são ' || d.expected || ': não é um ' || upper(d.kind) || ' válido.'
           END || ${RECEIPT_PHRASE}`,
  observed: { label: 'dígitos verificadores encontrados', value: 'CAST(d.found AS INTEGER)', unit: 'none' },
  threshold: {
    label: 'dígitos verificadores esperados (módulo 11)',
    value: 'CAST(d.expected AS INTEGER)',
    unit: 'none',
  },
  peerGroup: 'NULL',
  method: 'modulo-11 check digits of the supplier CNPJ/CPF (marts.suppliers.has_valid_check_digits)',
  receiptUrl: 'r.receipt_url',
  details: details(`CASE WHEN d.repeated THEN 'repeated_digits' ELSE 'check_digits' END`),
});

const LENGTH_EXPLANATION = explanationSql({
  text: `'O documento do fornecedor ' || coalesce(r.supplier_name, '(sem nome)') || ', escrito "'
        || coalesce(r.supplier_document_raw, d.digits) || '", tem ' || d.n || ' dígitos (' || d.digits
        || '): um CNPJ tem 14 e um CPF, 11; não é um documento válido.' || ${RECEIPT_PHRASE}`,
  observed: { label: 'dígitos no documento do fornecedor', value: 'd.n', unit: 'count' },
  threshold: {
    label: 'dígitos de um documento válido (CPF 11, CNPJ 14)',
    value: 'CASE WHEN d.n > 11 THEN 14 ELSE 11 END',
    unit: 'count',
  },
  peerGroup: 'NULL',
  method: 'length of the supplier CNPJ/CPF (14 or 11 digits)',
  receiptUrl: 'r.receipt_url',
  details: details(`'length'`),
});

// One scan of the reimbursements, joined to the few invalid documents; each kind of flag has its own
// explanation (its own observed/threshold labels).
const sql = (flagTable: string) => `
  INSERT INTO ${flagTable}
  ${INVALID_DOCUMENTS_CTE}
  SELECT r.reimbursement_id, '${ID}',
    CASE WHEN d.kind = 'other' THEN ${SEVERITY_LENGTH} ELSE ${SEVERITY_CHECK_DIGITS} END,
    CASE WHEN d.kind = 'other' THEN ${LENGTH_EXPLANATION} ELSE ${CHECK_DIGITS_EXPLANATION} END
  FROM marts.reimbursements r
  JOIN invalid_documents d ON d.digits = r.supplier_document
  WHERE r.document_type IN (${INVALID_DOCUMENT_TYPES.join(', ')})`;

export const invalidCnpjCpf: Detector = {
  id: ID,
  title: 'Invalid CNPJ/CPF',
  titlePt: 'CNPJ/CPF inválido',
  descriptionPt: 'CNPJ ou CPF do fornecedor com dígitos verificadores errados ou tamanho inválido.',
  methodPt:
    'Confere os dígitos verificadores (módulo 11) do CNPJ/CPF nas notas fiscais, recibos e notas fiscais eletrônicas (tipos 0, 1 e 4 — o trabalho anterior ignorava o tipo 4). Documentos de preenchimento da Câmara (telefonia, correios) e despesas no exterior ficam de fora.',
  description:
    'Receipts (nota fiscal, recibo, NF-e) whose supplier CNPJ or CPF has wrong check digits or a wrong length: ' +
    'the document cannot belong to a real company or person.',
  method: METHOD,
  explanationFields: [
    'text',
    'observed',
    'threshold',
    'peerGroup',
    'method',
    'receiptUrl',
    'reason',
    'documentKind',
    'documentRaw',
    'documentDigits',
    'digitCount',
    'foundCheckDigits',
    'expectedCheckDigits',
    'supplierName',
    'documentType',
    'documentTypeLabel',
    'documentNumber',
    'documentId',
    'netCents',
    'issueDate',
    'month',
    'subquota',
    'subquotaDescription',
  ],
  async run({ db, flagTable }) {
    await db.run(sql(flagTable));
  },
};
