// Runs the SALIC CSV → typed rows pass in a DuckDB connection (salic-sql.ts) and writes two staged Parquet files
// with the shared step (../csv/write-typed-rows.ts): the valid rows in canonical lake columns, and the quarantine
// (every rejected record with its row number, reason and raw text). Money values with more than two decimal
// places are counted here and reported as warnings. Nothing is held in Node; the caller (a pipeline) commits the
// files to the lake.
import { quoteIdent, type Db } from '../../core/index.js';
import { writeTypedRows, type QuarantineSample, type TypedRowsResult } from '../csv/index.js';
import type { SalicHeader } from './salic-header.js';
import {
  SALIC_SQL_TABLES,
  salicLakeColumns,
  salicQuarantineColumns,
  salicReadSql,
  salicRejectsSql,
  salicRoundedCountsSql,
  salicRowNumberExpression,
  salicTypedSql,
} from './salic-sql.js';

export interface SalicParseOptions {
  db: Db;
  file: string;
  header: SalicHeader;
  sha256: string;
  /** `_origin` of the rows (the file name for extracts). */
  origin: string;
  dataFile: string;
  quarantineFile: string;
  /**
   * NDJSON of records refused before they reached the CSV (API schema violations), one object per line with
   * `_line`, `_reason`, `_origin`, `_raw_line`; `extraRejects` is their count.
   */
  extraRejectsFile?: string | undefined;
  extraRejects?: number | undefined;
}

export type SalicQuarantineSample = QuarantineSample;

export type SalicParseResult = TypedRowsResult;

let sequence = 0;

/**
 * Parses, types and validates a SALIC CSV; writes `dataFile` (valid rows) and `quarantineFile` (when needed).
 * @example await parseSalicCsv({ db, file, header, sha256, origin: 'captacoes.csv', dataFile, quarantineFile })
 */
export async function parseSalicCsv(options: SalicParseOptions): Promise<SalicParseResult> {
  const { db, file, header } = options;
  const rejectsTable = `salic_rejects_${++sequence}`;
  await db.run(salicReadSql(file, header, rejectsTable));
  const rejects = await db.all<{ line: number; raw: string | null; reason: string }>(
    salicRejectsSql(rejectsTable),
  );
  await db.run(
    salicTypedSql({
      header,
      rowNumber: salicRowNumberExpression(rejects.map((r) => r.line)),
      origin: options.origin,
      sha256: options.sha256,
    }),
  );
  const warnings = [...header.warnings];
  const rounded = salicRoundedCountsSql(header);
  if (rounded) {
    // Over no rows the counts are NULL, read as 0: a file without data records gets no warning.
    const row = (await db.one<Record<string, number>>(rounded.sql)) ?? {};
    rounded.columns.forEach((column, k) => {
      const n = Number(row[`n${k}`] ?? 0);
      if (n > 0) {
        warnings.push(
          `column ${column}: ${n} value(s) with more than 2 decimal places rounded to the cent (half away from zero)`,
        );
      }
    });
  }
  return writeTypedRows({
    db,
    typedTable: quoteIdent(SALIC_SQL_TABLES.typed),
    rowsTable: SALIC_SQL_TABLES.rows,
    lakeColumns: salicLakeColumns(header),
    quarantineColumns: salicQuarantineColumns(header),
    lineColumn: 't.source_row',
    readerRejectsSql: salicRejectsSql(rejectsTable),
    readerRejects: rejects.length,
    origin: options.origin,
    dataFile: options.dataFile,
    quarantineFile: options.quarantineFile,
    extraRejectsFile: options.extraRejectsFile,
    extraRejects: options.extraRejects,
    quarantineView: 'salic_quarantine',
    warnings,
  });
}
