// API records → rows shaped like the CSV extracts (docs/formats/salic.md "API → lake mapping"), so both routes go
// through the same typed SQL pass and give the same lake columns and quarantine reasons. Values stay text here
// (the shared jsonText, ../csv/staged-writer.ts): numbers are written with their shortest exact decimal form
// (String(n)) and parsed to cents by DuckDB's DECIMAL, never multiplied as floats. Fields the mapping does not use
// are kept as JSON in `_extra`. The staged CSV itself is written by api-stage.ts with the shared StagedCsvWriter.
import { jsonText } from '../csv/index.js';
import type { SalicCaptacao, SalicCodeName, SalicProject, SalicReceipt } from './api-schemas.js';
import { SALIC_DATASETS, type SalicDataset } from './salic-columns.js';
import { SALIC_STAGED_META } from './salic-header.js';

/**
 * Extract columns the public API has no field for (DOMAIN.md §3 lists the `/projetos/` fields): the analyst in
 * charge of the review exists only in the database extracts. These columns are not staged (NULL in the lake for
 * API rows), and a field of that name, should the API ever send one, is kept in `_extra` rather than trusted unseen.
 */
const EXTRACT_ONLY_PROJECT_COLUMNS: ReadonlySet<string> = new Set(['analista']);

/** A staged row: extract header name → text (null = empty), plus `_source_row`, `_origin`, `_extra`. */
export type SalicStagedRow = Record<string, string | null>;

/** The listing's fields have the extract's names (`projetos.csv` mirrors `/projetos/`), bar the extract-only ones. */
const PROJECT_FIELDS = SALIC_DATASETS.projects.columns
  .map((c) => c.header)
  .filter((h) => !EXTRACT_ONLY_PROJECT_COLUMNS.has(h));

/**
 * The staged file header of a dataset: its extract columns (docs/formats/salic.md) the API can fill, then the meta
 * columns. Extract-only columns are left out: the typed pass makes a missing optional column NULL.
 */
export function salicStagedHeader(dataset: SalicDataset): string[] {
  const columns =
    dataset === 'projects' ? PROJECT_FIELDS : SALIC_DATASETS[dataset].columns.map((c) => c.header);
  return [...columns, ...SALIC_STAGED_META];
}

/** JSON of the fields not mapped (HAL `_links` dropped), or null when there are none. */
function extraOf(record: Record<string, unknown>, used: ReadonlySet<string>): string | null {
  const extra: Record<string, unknown> = {};
  let any = false;
  for (const [key, value] of Object.entries(record)) {
    if (used.has(key) || key === '_links') continue;
    extra[key] = value;
    any = true;
  }
  return any ? JSON.stringify(extra) : null;
}

const meta = (position: number, origin: string, extra: string | null): SalicStagedRow => ({
  _source_row: String(position),
  _origin: origin,
  _extra: extra,
});

/** A project of the listing → a `projetos.csv` row. */
export function salicProjectRow(project: SalicProject, position: number, origin: string): SalicStagedRow {
  const row: SalicStagedRow = {};
  for (const field of PROJECT_FIELDS) row[field] = jsonText(project[field]);
  return { ...row, ...meta(position, origin, extraOf(project, new Set(PROJECT_FIELDS))) };
}

const RECEIPT_FIELDS = new Set([
  'id_comprovante_pagamento',
  'id_planilha_aprovacao',
  'cgccpf',
  'nome_fornecedor',
  'tipo_forma_pagamento',
  'nr_comprovante',
  'data_pagamento',
  'valor_pagamento',
]);

/**
 * The payment type code of the API's label: `Cheque` → 1, `Transferencia Bancaria` → 2, `Saque/Dinheiro` → 3
 * (accents and case ignored; a code is kept). Anything else is passed through, so the SQL pass quarantines it
 * with the label echoed.
 */
export function salicPaymentTypeCode(label: unknown): string | null {
  const text = jsonText(label);
  if (text === null) return null;
  const key = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  if (key === 'cheque') return '1';
  if (key === 'transferencia bancaria') return '2';
  if (key === 'saque/dinheiro' || key === 'saque / dinheiro') return '3';
  return text;
}

/** A detail's `relacao_pagamentos` item → a `comprovantes.csv` row of project `pronac`. */
export function salicReceiptRow(
  receipt: SalicReceipt,
  pronac: string,
  position: number,
  origin: string,
): SalicStagedRow {
  return {
    idComprovantePagamento: jsonText(receipt.id_comprovante_pagamento),
    idPlanilhaAprovacao: jsonText(receipt.id_planilha_aprovacao),
    PRONAC: pronac,
    CgcCpfFornecedor: jsonText(receipt.cgccpf),
    NomeFornecedor: jsonText(receipt.nome_fornecedor),
    tpFormaDePagamento: salicPaymentTypeCode(receipt.tipo_forma_pagamento),
    nrComprovante: jsonText(receipt.nr_comprovante),
    DtPagamento: jsonText(receipt.data_pagamento),
    VlComprovado: jsonText(receipt.valor_pagamento),
    ...meta(position, origin, extraOf(receipt, RECEIPT_FIELDS)),
  };
}

const CAPTACAO_FIELDS = new Set(['PRONAC', 'valor', 'data_recibo', 'cgccpf', 'nome_doador']);

/** A fundraising record → a `captacoes.csv` row of project `pronac`. */
export function salicFundraisingRow(
  captacao: SalicCaptacao,
  pronac: string,
  position: number,
  origin: string,
): SalicStagedRow {
  return {
    PRONAC: captacao.PRONAC ?? pronac,
    CgcCpfMecena: jsonText(captacao.cgccpf),
    NomeMecena: jsonText(captacao.nome_doador),
    DtRecibo: jsonText(captacao.data_recibo),
    CaptacaoReal: jsonText(captacao.valor),
    ...meta(position, origin, extraOf(captacao, CAPTACAO_FIELDS)),
  };
}

/** An area or segment → a `codigo,nome` row. */
export function salicCodeNameRow(item: SalicCodeName, position: number, origin: string): SalicStagedRow {
  return {
    codigo: jsonText(item.codigo),
    nome: item.nome,
    ...meta(position, origin, extraOf(item, new Set(['codigo', 'nome']))),
  };
}
