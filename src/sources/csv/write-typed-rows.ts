// The last step of every CSV → typed rows pass, once a connector's SQL has built its typed table in DuckDB:
// write the valid rows to a staged Parquet file in the lake's columns, and every rejected record to a quarantine
// Parquet file with its line, reason and origin — rows the typed pass refused (with their raw columns), records
// the CSV reader could not split (with their raw line), and records refused before the CSV (an NDJSON of API
// schema violations or unreadable JSON lines, see staged-writer.ts). Nothing is held in Node; the caller (a
// pipeline) commits the files to the lake. The SQL that types a dataset stays with its connector.
import { quoteLiteral, type Db } from '../../core/index.js';

export interface TypedRowsOptions {
  db: Db;
  /** The typed table: one row per record the reader accepted, with `_r` (ordinal), `_reason` (NULL if valid), `_origin`. */
  typedTable: string;
  /** The raw rows table, joined on `_r` for the quarantine's raw columns. */
  rowsTable: string;
  /** SELECT list of the lake file over the typed table. */
  lakeColumns: string;
  /** SELECT list of the raw columns a quarantined row keeps, over the rows table. */
  quarantineColumns: string;
  /** The line of a typed row, as a column of `t` (the typed table), e.g. `t._line`. */
  lineColumn: string;
  /** `SELECT line, raw, reason …` of the records the CSV reader refused, and their count. */
  readerRejectsSql: string;
  readerRejects: number;
  /** `_origin` of the reader's rejects (the file name for portal files). */
  origin: string;
  dataFile: string;
  quarantineFile: string;
  /** NDJSON of records refused before the CSV (`_line`, `_reason`, `_origin`, `_raw_line`) and their count. */
  extraRejectsFile?: string | undefined;
  extraRejects?: number | undefined;
  /** Name of the temp view of the quarantine, unique per connector, e.g. `prop_quarantine`. */
  quarantineView: string;
  /** Warnings so far (the header's, the connector's); `N record(s) quarantined` is added. */
  warnings: readonly string[];
}

export interface QuarantineSample {
  line: number | null;
  reason: string;
}

export interface TypedRowsResult {
  /** Data records read (accepted by the CSV reader), malformed records not included. */
  records: number;
  rows: number;
  quarantined: number;
  /** Set when at least one record was quarantined. */
  quarantineFile: string | undefined;
  /** The first 10 quarantined records by line. */
  samples: QuarantineSample[];
  warnings: string[];
}

/**
 * Writes `dataFile` (valid typed rows, in `_r` order) and, when any record was rejected, `quarantineFile`.
 * @example await writeTypedRows({ db, typedTable: 'prop_typed', rowsTable: 'prop_rows', lineColumn: 't._line', … })
 */
export async function writeTypedRows(o: TypedRowsOptions): Promise<TypedRowsResult> {
  const { db, typedTable: typed } = o;
  const counts = await db.one<{ total: number; bad: number }>(
    `SELECT count(*)::BIGINT AS total, count(_reason)::BIGINT AS bad FROM ${typed}`,
  );
  const records = counts?.total ?? 0;
  const bad = counts?.bad ?? 0;
  const extra = o.extraRejectsFile ? (o.extraRejects ?? 0) : 0;
  const warnings = [...o.warnings];

  await db.run(
    `COPY (SELECT ${o.lakeColumns} FROM ${typed} WHERE _reason IS NULL ORDER BY _r)
     TO ${quoteLiteral(o.dataFile)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`,
  );

  const quarantined = bad + o.readerRejects + extra;
  const parts: string[] = [];
  if (bad > 0) {
    parts.push(`SELECT ${o.lineColumn}::BIGINT AS _line, t._reason, CAST(NULL AS VARCHAR) AS _raw_line, t._origin,
        ${o.quarantineColumns}
      FROM ${o.rowsTable} JOIN ${typed} t USING (_r) WHERE t._reason IS NOT NULL`);
  }
  if (o.readerRejects > 0) {
    parts.push(`SELECT line AS _line, reason AS _reason, raw AS _raw_line, ${quoteLiteral(o.origin)} AS _origin
      FROM (${o.readerRejectsSql})`);
  }
  if (extra > 0 && o.extraRejectsFile) {
    parts.push(`SELECT _line, _reason, _raw_line, _origin FROM read_json(${quoteLiteral(o.extraRejectsFile)},
      format = 'newline_delimited', columns = {_line: 'BIGINT', _reason: 'VARCHAR', _raw_line: 'VARCHAR', _origin: 'VARCHAR'})`);
  }
  let samples: QuarantineSample[] = [];
  if (parts.length > 0) {
    await db.run(`CREATE OR REPLACE TEMP VIEW ${o.quarantineView} AS ${parts.join(' UNION ALL BY NAME ')}`);
    await db.run(
      `COPY (SELECT * FROM ${o.quarantineView} ORDER BY _line NULLS LAST, _reason)
       TO ${quoteLiteral(o.quarantineFile)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    samples = await db.all<{ line: number | null; reason: string }>(
      `SELECT _line AS line, _reason AS reason FROM ${o.quarantineView} ORDER BY _line NULLS LAST, _reason LIMIT 10`,
    );
    warnings.push(`${quarantined} record(s) quarantined`);
  }
  return {
    records,
    rows: records - bad,
    quarantined,
    quarantineFile: parts.length > 0 ? o.quarantineFile : undefined,
    samples,
    warnings,
  };
}
