// Runs the proposition CSV → typed rows pass in a DuckDB connection (sql.ts) and writes two staged Parquet files
// with the shared step (../../csv/write-typed-rows.ts): the valid rows in the lake's columns, and the quarantine
// (every rejected record with its row number, reason and raw text). Nothing is held in Node; the caller (a
// pipeline) commits the files to the lake.
import type { Db } from '../../../core/index.js';
import { writeTypedRows, type QuarantineSample, type TypedRowsResult } from '../../csv/index.js';
import type { PropositionHeader } from './header.js';
import {
  PROPOSITION_SQL_TABLES,
  propositionLakeColumns,
  propositionQuarantineColumns,
  propositionReadSql,
  propositionRejectsSql,
  propositionRowNumberExpression,
  propositionTypedSql,
} from './sql.js';

export interface PropositionParseOptions {
  db: Db;
  file: string;
  header: PropositionHeader;
  sha256: string;
  /** `_origin` of the rows (the file name for bulk files; staged API files carry their own). */
  origin: string;
  dataFile: string;
  quarantineFile: string;
  /**
   * NDJSON of records refused before they reached the CSV (API schema violations, unreadable JSON lines), one
   * object per line with `_line`, `_reason`, `_origin`, `_raw_line`; `extraRejects` is their count.
   */
  extraRejectsFile?: string | undefined;
  extraRejects?: number | undefined;
}

export type PropositionQuarantineSample = QuarantineSample;

export type PropositionParseResult = TypedRowsResult;

let sequence = 0;

/**
 * Parses, types and validates a proposition CSV; writes `dataFile` (valid rows) and `quarantineFile` (when needed).
 * @example await parsePropositionCsv({ db, file, header, sha256, origin: 'proposicoes-2024.csv', dataFile, quarantineFile })
 */
export async function parsePropositionCsv(options: PropositionParseOptions): Promise<PropositionParseResult> {
  const { db, file, header } = options;
  const rejectsTable = `prop_rejects_${++sequence}`;
  await db.run(propositionReadSql(file, header, rejectsTable));
  const rejects = await db.all<{ line: number; raw: string | null; reason: string }>(
    propositionRejectsSql(rejectsTable),
  );
  await db.run(
    propositionTypedSql({
      header,
      rowNumber: propositionRowNumberExpression(rejects.map((r) => r.line)),
      origin: options.origin,
      sha256: options.sha256,
    }),
  );
  return writeTypedRows({
    db,
    typedTable: PROPOSITION_SQL_TABLES.typed,
    rowsTable: PROPOSITION_SQL_TABLES.rows,
    lakeColumns: propositionLakeColumns(header),
    quarantineColumns: propositionQuarantineColumns(header),
    lineColumn: 't._line',
    readerRejectsSql: propositionRejectsSql(rejectsTable),
    readerRejects: rejects.length,
    origin: options.origin,
    dataFile: options.dataFile,
    quarantineFile: options.quarantineFile,
    extraRejectsFile: options.extraRejectsFile,
    extraRejects: options.extraRejects,
    quarantineView: 'prop_quarantine',
    warnings: header.warnings,
  });
}
