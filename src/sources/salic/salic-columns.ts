// The SALIC datasets Hardin reads (docs/formats/salic.md is the contract): for each dataset, the extract file
// name, every column's header name in the file, its canonical lake name, its kind (which fixes the lake type and
// the validation), whether it is required and its default. One table drives the header mapping, the typed SQL
// pass and the manifest schema, so they cannot disagree.

export type SalicDataset =
  'projects' | 'budget_lines' | 'receipts' | 'fundraising' | 'unit_prices' | 'areas' | 'segments';

/**
 * - `text`: trimmed, empty → NULL. `pronac`: a string of digits (leading zeros kept).
 * - `int`: integer id. `quantity`: non-negative decimal. `money`: decimal reais → integer cents, exactly.
 * - `date` / `timestamp`: `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`. `document`: CPF/CNPJ, kept as its digits only.
 * - `payment_type`: 1 cheque, 2 bank transfer, 3 cash withdrawal.
 */
export type SalicColumnKind =
  'text' | 'pronac' | 'int' | 'quantity' | 'money' | 'date' | 'timestamp' | 'document' | 'payment_type';

export interface SalicColumn {
  /** Header name in the extract, as docs/formats/salic.md spells it (matched case-insensitively). */
  header: string;
  /** Other header names accepted for this column (matched case-insensitively). */
  aliases?: readonly string[];
  /** Canonical lake column (snake_case; money in `_cents`). */
  lake: string;
  kind: SalicColumnKind;
  /** A row without this value goes to quarantine; a file without this column is refused. */
  required?: boolean;
  /** Negative values go to quarantine (quantities and unit prices). */
  nonNegative?: boolean;
  /** SQL literal used when the value is empty (or the column absent). */
  defaultSql?: string;
}

export interface SalicDatasetSpec {
  dataset: SalicDataset;
  /** File name of the extract (`planilha_aprovada.csv`); undefined for API-only datasets. */
  file?: string;
  description: string;
  columns: readonly SalicColumn[];
  /** Columns whose combination must be unique: later duplicates go to quarantine. */
  uniqueKey?: readonly string[];
}

/** Lake SQL type of each kind. */
export const SALIC_LAKE_TYPES: Record<SalicColumnKind, string> = {
  text: 'VARCHAR',
  pronac: 'VARCHAR',
  int: 'BIGINT',
  quantity: 'DECIMAL(18,4)',
  money: 'BIGINT',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  document: 'VARCHAR',
  payment_type: 'TINYINT',
};

/** The funding source that enters the metrics; also the default when the extract leaves it empty. */
export const SALIC_FEDERAL_INCENTIVE = 'Incentivo Fiscal Federal';

const PROJECTS: SalicDatasetSpec = {
  dataset: 'projects',
  file: 'projetos.csv',
  description: 'Lei Rouanet projects (one row per PRONAC)',
  uniqueKey: ['pronac'],
  columns: [
    { header: 'PRONAC', lake: 'pronac', kind: 'pronac', required: true },
    { header: 'id_pronac', aliases: ['idPRONAC'], lake: 'id_pronac', kind: 'int' },
    { header: 'ano_projeto', lake: 'project_year', kind: 'text' },
    { header: 'nome', lake: 'name', kind: 'text', required: true },
    { header: 'cgccpf', lake: 'proponent_document', kind: 'document', required: true },
    { header: 'proponente', lake: 'proponent_name', kind: 'text' },
    { header: 'area', lake: 'area', kind: 'text', required: true },
    { header: 'segmento', lake: 'segment', kind: 'text', required: true },
    { header: 'cod_segmento', lake: 'segment_code', kind: 'text' },
    { header: 'UF', lake: 'uf', kind: 'text' },
    { header: 'municipio', lake: 'city', kind: 'text' },
    { header: 'data_inicio', lake: 'start_date', kind: 'date' },
    { header: 'data_termino', lake: 'end_date', kind: 'date' },
    { header: 'situacao', lake: 'status', kind: 'text' },
    { header: 'mecanismo', lake: 'mechanism', kind: 'text' },
    { header: 'enquadramento', lake: 'framing', kind: 'text' },
    { header: 'valor_solicitado', lake: 'requested_cents', kind: 'money' },
    { header: 'valor_aprovado', lake: 'approved_cents', kind: 'money' },
    { header: 'valor_captado', lake: 'raised_cents', kind: 'money' },
    { header: 'valor_proposta', lake: 'proposal_cents', kind: 'money' },
    { header: 'outras_fontes', lake: 'other_sources_cents', kind: 'money' },
    // The analyst in charge of the financial review (the backlog's `analyst` sort and filter). Optional and last:
    // older extracts have no such column (NULL then), and the public API has no such field (api-mapping.ts).
    { header: 'analista', lake: 'analyst', kind: 'text' },
  ],
};

const BUDGET_LINES: SalicDatasetSpec = {
  dataset: 'budget_lines',
  file: 'planilha_aprovada.csv',
  description: 'Approved budget sheet (one row per budget line)',
  uniqueKey: ['budget_line_id'],
  columns: [
    { header: 'idPlanilhaAprovacao', lake: 'budget_line_id', kind: 'int', required: true },
    { header: 'PRONAC', lake: 'pronac', kind: 'pronac', required: true },
    { header: 'idPlanilhaItens', lake: 'item_id', kind: 'int', required: true },
    { header: 'Item', lake: 'item', kind: 'text', required: true },
    { header: 'Etapa', lake: 'stage', kind: 'text' },
    { header: 'UfItem', lake: 'uf', kind: 'text' },
    { header: 'MunicipioItem', lake: 'city', kind: 'text' },
    { header: 'QtdeAprovada', lake: 'quantity', kind: 'quantity', required: true, nonNegative: true },
    {
      header: 'OcorrenciaAprovada',
      lake: 'occurrences',
      kind: 'quantity',
      nonNegative: true,
      defaultSql: '1',
    },
    {
      header: 'VlUnitarioAprovado',
      lake: 'unit_price_cents',
      kind: 'money',
      required: true,
      nonNegative: true,
    },
    // Default: quantity × occurrences × unit price (computed in the typed pass, see salic-sql.ts).
    { header: 'VlAprovado', lake: 'approved_cents', kind: 'money' },
    { header: 'DataProjeto', lake: 'budget_date', kind: 'timestamp' },
    {
      header: 'FonteRecurso',
      lake: 'funding_source',
      kind: 'text',
      defaultSql: `'${SALIC_FEDERAL_INCENTIVE}'`,
    },
  ],
};

const RECEIPTS: SalicDatasetSpec = {
  dataset: 'receipts',
  file: 'comprovantes.csv',
  description: 'Payment proofs linked to the budget lines they pay (one row per proof × budget line)',
  uniqueKey: ['receipt_id', 'budget_line_id'],
  columns: [
    { header: 'idComprovantePagamento', lake: 'receipt_id', kind: 'int', required: true },
    { header: 'idPlanilhaAprovacao', lake: 'budget_line_id', kind: 'int', required: true },
    { header: 'PRONAC', lake: 'pronac', kind: 'pronac', required: true },
    { header: 'CgcCpfFornecedor', lake: 'provider_document', kind: 'document', required: true },
    { header: 'NomeFornecedor', lake: 'provider_name', kind: 'text' },
    { header: 'tpFormaDePagamento', lake: 'payment_type', kind: 'payment_type', required: true },
    { header: 'nrComprovante', lake: 'proof_number', kind: 'text' },
    { header: 'DtPagamento', lake: 'payment_date', kind: 'date' },
    { header: 'VlComprovado', lake: 'proven_cents', kind: 'money', required: true },
  ],
};

const FUNDRAISING: SalicDatasetSpec = {
  dataset: 'fundraising',
  file: 'captacoes.csv',
  description: 'Sponsorship received by projects (one row per receipt of a sponsor)',
  columns: [
    { header: 'PRONAC', lake: 'pronac', kind: 'pronac', required: true },
    { header: 'CgcCpfMecena', lake: 'sponsor_document', kind: 'document', required: true },
    { header: 'NomeMecena', lake: 'sponsor_name', kind: 'text' },
    { header: 'DtRecibo', lake: 'receipt_date', kind: 'date' },
    { header: 'CaptacaoReal', lake: 'raised_cents', kind: 'money', required: true },
  ],
};

const UNIT_PRICES: SalicDatasetSpec = {
  dataset: 'unit_prices',
  file: 'valor_unitario_aprovado.csv',
  description: 'Approved unit prices of budget items (real sample shape; item-price statistics only)',
  columns: [
    // The real sample's first column is an unnamed row index (pandas' `to_csv` default).
    { header: '', aliases: ['index', 'Unnamed: 0'], lake: 'row_index', kind: 'int' },
    { header: 'Item', lake: 'item', kind: 'text', required: true },
    {
      header: 'ValorUnitarioAprovado',
      aliases: ['VlUnitarioAprovado'],
      lake: 'unit_price_cents',
      kind: 'money',
      required: true,
      nonNegative: true,
    },
    { header: 'Data', lake: 'date', kind: 'timestamp' },
    // The database id of the project (idPRONAC), not the PRONAC.
    { header: 'idPRONAC', lake: 'id_pronac', kind: 'int' },
  ],
};

const AREAS: SalicDatasetSpec = {
  dataset: 'areas',
  description: 'Cultural areas (API /projetos/areas/)',
  uniqueKey: ['code'],
  columns: [
    { header: 'codigo', lake: 'code', kind: 'text', required: true },
    { header: 'nome', lake: 'name', kind: 'text', required: true },
  ],
};

const SEGMENTS: SalicDatasetSpec = {
  dataset: 'segments',
  description: 'Cultural segments (API /projetos/segmentos/)',
  uniqueKey: ['code'],
  columns: [
    { header: 'codigo', lake: 'code', kind: 'text', required: true },
    { header: 'nome', lake: 'name', kind: 'text', required: true },
  ],
};

export const SALIC_DATASETS: Readonly<Record<SalicDataset, SalicDatasetSpec>> = {
  projects: PROJECTS,
  budget_lines: BUDGET_LINES,
  receipts: RECEIPTS,
  fundraising: FUNDRAISING,
  unit_prices: UNIT_PRICES,
  areas: AREAS,
  segments: SEGMENTS,
};

/** The datasets read from CSV extracts, in ingest order (projects first: the others refer to them). */
export const SALIC_EXTRACT_DATASETS = [
  'projects',
  'budget_lines',
  'receipts',
  'fundraising',
  'unit_prices',
] as const satisfies readonly SalicDataset[];

export type SalicExtractDataset = (typeof SALIC_EXTRACT_DATASETS)[number];

/**
 * Meta columns every SALIC lake row carries after the canonical ones: `source_row` (the record's row number in its
 * file, header = 1, or its 1-based position in the API listing), `_origin` (file name or API URL), `_extra`
 * (JSON of unknown columns/fields, NULL when none) and `_input_sha256`.
 */
export const SALIC_META_COLUMNS = [
  { name: 'source_row', type: 'BIGINT' },
  { name: '_origin', type: 'VARCHAR' },
  { name: '_extra', type: 'VARCHAR' },
  { name: '_input_sha256', type: 'VARCHAR' },
] as const;

/** The lake schema of a dataset (canonical columns then meta columns), as recorded in manifests. */
export function salicLakeSchema(dataset: SalicDataset): { name: string; type: string }[] {
  return [
    ...SALIC_DATASETS[dataset].columns.map((c) => ({ name: c.lake, type: SALIC_LAKE_TYPES[c.kind] })),
    ...SALIC_META_COLUMNS.map((c) => ({ name: c.name, type: c.type })),
  ];
}

/** Which extract dataset a file name stands for (`planilha_aprovada.csv` → budget_lines), if any. */
export function salicDatasetOfFile(fileName: string): SalicExtractDataset | undefined {
  const name = fileName.toLowerCase();
  if (/^valor_unitario_aprovado.*\.csv$/.test(name)) return 'unit_prices';
  return SALIC_EXTRACT_DATASETS.find((d) => SALIC_DATASETS[d].file === name);
}
