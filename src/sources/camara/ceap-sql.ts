// Pure SQL generation for parsing a raw CEAP CSV in DuckDB. The file is read as text with explicit columns
// (no dialect sniffing: faster and exact), each value is typed with TRY_CAST, and every row that fails a check
// gets a reason naming the column and echoing the bad value. Structurally broken lines (wrong column count,
// unterminated quotes) are caught by DuckDB's reject table with their line numbers.
import { quoteIdent, quoteLiteral } from '../../core/index.js';
import { CEAP_COLUMNS, LAKE_TYPES, type CeapColumn } from './ceap-columns.js';
import type { CeapHeader } from './ceap-header.js';

export interface CeapParseSqlOptions {
  file: string;
  header: CeapHeader;
  /** Name of the temp table that receives raw text columns plus `_r` (row ordinal) and `_reason`. */
  table: string;
  rejectsTable: string;
}

/** File column name → alias used in the raw table (canonical name, or the header name for unknown columns). */
function rawAlias(header: CeapHeader, i: number): string {
  return header.mapped[i]?.name ?? header.names[i] ?? `column${i}`;
}

/** SQL that reads the CSV into `table` (raw text + `_r` + `_reason`). Rejected lines land in `rejectsTable`. */
export function ceapReadSql({ file, header, table, rejectsTable }: CeapParseSqlOptions): string {
  const columns = header.names.map((_, i) => `${quoteLiteral(rawAlias(header, i))}: 'VARCHAR'`).join(', ');
  const present = new Set(header.mapped.filter((c): c is CeapColumn => c !== undefined).map((c) => c.name));
  const checks = CEAP_COLUMNS.filter((c) => present.has(c.name)).flatMap((c) => columnChecks(c));
  const reason = checks.length > 0 ? `NULLIF(concat_ws('; ', ${checks.join(', ')}), '')` : 'NULL';
  return `CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS
SELECT row_number() OVER () AS _r, *, ${reason} AS _reason
FROM read_csv(${quoteLiteral(file)}, delim = ';', quote = '"', escape = '"', header = true, auto_detect = false,
  columns = {${columns}}, ignore_errors = true, store_rejects = true, rejects_table = ${quoteLiteral(rejectsTable)},
  rejects_scan = ${quoteLiteral(`${rejectsTable}_scan`)}, strict_mode = true, null_padding = false, parallel = true)`;
}

/** Text → typed value expression for one canonical column (reads the raw text column of the same name). */
export function typedExpression(column: CeapColumn): string {
  const v = `trim(${quoteIdent(column.name)})`;
  switch (column.type) {
    case 'text':
      return `NULLIF(${v}, '')`;
    case 'int':
      return `TRY_CAST(NULLIF(${v}, '') AS INTEGER)`;
    case 'bigint':
      return `TRY_CAST(NULLIF(${v}, '') AS BIGINT)`;
    case 'money':
      // Decimal comma ("1.234,56", May-2017 variant) or decimal point ("1234.56").
      return `TRY_CAST(CASE WHEN contains(${v}, ',') THEN replace(replace(${v}, '.', ''), ',', '.') ELSE NULLIF(${v}, '') END AS DECIMAL(14,2))`;
    case 'timestamp':
      return `COALESCE(TRY_CAST(NULLIF(${v}, '') AS TIMESTAMP), try_strptime(NULLIF(${v}, ''), '%d/%m/%Y'))`;
  }
}

/** Reason expressions (NULL when fine) for one column. */
function columnChecks(column: CeapColumn): string[] {
  const raw = quoteIdent(column.name);
  const v = `trim(${raw})`;
  const out: string[] = [];
  const label = `'column ${column.name}: '`;
  if (column.required) {
    out.push(`CASE WHEN ${raw} IS NULL OR ${v} = '' THEN ${label} || 'is empty (required)' END`);
  }
  if (column.type !== 'text') {
    const expected = { int: 'an integer', bigint: 'an integer', money: 'a number', timestamp: 'a date' }[
      column.type
    ];
    out.push(
      `CASE WHEN ${v} <> '' AND ${typedExpression(column)} IS NULL THEN ${label} || '"' || ${raw} || '" is not ${expected}' END`,
    );
  }
  if (column.type === 'money') {
    out.push(
      `CASE WHEN regexp_matches(${v}, '[.,]\\d{3,}$') AND NOT regexp_matches(${v}, '^-?\\d{1,3}(\\.\\d{3})+(,\\d*)?$') THEN ${label} || '"' || ${raw} || '" has more than 2 decimal places' END`,
    );
  }
  if (column.name === 'numMes') {
    out.push(
      `CASE WHEN TRY_CAST(${v} AS INTEGER) NOT BETWEEN 1 AND 12 THEN ${label} || '"' || ${raw} || '" is not a month (1-12)' END`,
    );
  }
  if (column.name === 'numAno') {
    out.push(
      `CASE WHEN TRY_CAST(${v} AS INTEGER) NOT BETWEEN 2000 AND 2100 THEN ${label} || '"' || ${raw} || '" is not a plausible year' END`,
    );
  }
  return out;
}

/** The typed SELECT list written to the lake: every canonical column (NULL when absent), unknown columns in `_extra`. */
export function ceapLakeSelect(header: CeapHeader): string {
  const present = new Set(header.mapped.filter((c): c is CeapColumn => c !== undefined).map((c) => c.name));
  const cols = CEAP_COLUMNS.map((c) =>
    present.has(c.name)
      ? `${typedExpression(c)} AS ${quoteIdent(c.name)}`
      : `CAST(NULL AS ${LAKE_TYPES[c.type]}) AS ${quoteIdent(c.name)}`,
  );
  const extra =
    header.unknown.length > 0
      ? `CAST(json_object(${header.unknown.map((n) => `${quoteLiteral(n)}, ${quoteIdent(n)}`).join(', ')}) AS VARCHAR)`
      : 'CAST(NULL AS VARCHAR)';
  return [...cols, `${extra} AS _extra`].join(',\n  ');
}

/** The quarantine SELECT list: every file column as text, plus the reason. */
export function ceapQuarantineSelect(header: CeapHeader): string {
  return header.names.map((_, i) => quoteIdent(rawAlias(header, i))).join(', ');
}
