// The CEAP raw file's columns (DOMAIN.md §1.1): canonical names, lake types, and which are required.
// Files are mapped by header name (case-insensitive), never by position, because the layout drifts by vintage.

export type CeapColumnType = 'text' | 'int' | 'bigint' | 'money' | 'timestamp';

export interface CeapColumn {
  name: string;
  type: CeapColumnType;
  /** A row without this value cannot be attributed or summed: it goes to quarantine. */
  required?: boolean;
}

/** All 32 columns of the current vintage, in the portal's order. */
export const CEAP_COLUMNS: readonly CeapColumn[] = [
  { name: 'txNomeParlamentar', type: 'text', required: true },
  { name: 'cpf', type: 'text' },
  { name: 'ideCadastro', type: 'bigint' },
  { name: 'nuCarteiraParlamentar', type: 'int' },
  { name: 'nuLegislatura', type: 'int' },
  { name: 'sgUF', type: 'text' },
  { name: 'sgPartido', type: 'text' },
  { name: 'codLegislatura', type: 'int' },
  { name: 'numSubCota', type: 'int', required: true },
  { name: 'txtDescricao', type: 'text' },
  { name: 'numEspecificacaoSubCota', type: 'int' },
  { name: 'txtDescricaoEspecificacao', type: 'text' },
  { name: 'txtFornecedor', type: 'text' },
  { name: 'txtCNPJCPF', type: 'text' },
  { name: 'txtNumero', type: 'text' },
  { name: 'indTipoDocumento', type: 'int' },
  { name: 'datEmissao', type: 'timestamp' },
  { name: 'vlrDocumento', type: 'money' },
  { name: 'vlrGlosa', type: 'money' },
  { name: 'vlrLiquido', type: 'money', required: true },
  { name: 'numMes', type: 'int', required: true },
  { name: 'numAno', type: 'int', required: true },
  { name: 'numParcela', type: 'int' },
  { name: 'txtPassageiro', type: 'text' },
  { name: 'txtTrecho', type: 'text' },
  { name: 'numLote', type: 'bigint' },
  { name: 'numRessarcimento', type: 'bigint' },
  { name: 'datPagamentoRestituicao', type: 'timestamp' },
  { name: 'vlrRestituicao', type: 'money' },
  { name: 'nuDeputadoId', type: 'bigint', required: true },
  { name: 'ideDocumento', type: 'bigint' },
  { name: 'urlDocumento', type: 'text' },
];

/** Lake (Parquet) SQL type of each column type. */
export const LAKE_TYPES: Record<CeapColumnType, string> = {
  text: 'VARCHAR',
  int: 'INTEGER',
  bigint: 'BIGINT',
  money: 'DECIMAL(14,2)',
  timestamp: 'TIMESTAMP',
};

/** Columns that must be present in the header for a file to be read as CEAP at all. */
export const CEAP_REQUIRED_HEADER = CEAP_COLUMNS.filter((c) => c.required).map((c) => c.name);

const BY_LOWER = new Map(CEAP_COLUMNS.map((c) => [c.name.toLowerCase(), c]));

/** The canonical column for a header name (`idecadastro` → `ideCadastro`), or undefined when unknown. */
export function canonicalCeapColumn(headerName: string): CeapColumn | undefined {
  return BY_LOWER.get(headerName.trim().toLowerCase());
}
