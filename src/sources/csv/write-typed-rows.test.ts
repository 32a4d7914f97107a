import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../../test/helpers/tmp.js';
import { quoteLiteral, withDb, type Db } from '../../core/index.js';
import { writeTypedRows, type TypedRowsOptions } from './write-typed-rows.js';

/** A typed pass's tables in miniature: rows 1 and 3 valid, row 2 (line 4) refused; line 3 of the file unreadable. */
async function tables(db: Db, badRows = true) {
  await db.run(`CREATE TEMP TABLE t_rows AS SELECT * FROM (VALUES (1, '10'), (2, 'x'), (3, '30')) v(_r, c0)`);
  await db.run(`CREATE TEMP TABLE t_typed AS SELECT _r, _r + 1 + (_r > 1)::INT AS _line,
      CASE WHEN c0 = 'x' AND ${badRows} THEN 'value: "x" is not a number' END AS _reason,
      'f.csv' AS _origin, TRY_CAST(c0 AS INTEGER) AS value
    FROM t_rows`);
  await db.run(
    `CREATE TEMP TABLE t_rejects AS SELECT 3 AS line, '"1;2' AS raw, 'malformed line: unterminated quote' AS reason`,
  );
}

describe('writeTypedRows', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  const options = (db: Db, more: Partial<TypedRowsOptions> = {}): TypedRowsOptions => ({
    db,
    typedTable: 't_typed',
    rowsTable: 't_rows',
    lakeColumns: 'value, _line',
    quarantineColumns: 'c0 AS raw_value',
    lineColumn: 't._line',
    readerRejectsSql: 'SELECT line, raw, reason FROM t_rejects',
    readerRejects: 1,
    origin: 'f.csv',
    dataFile: path.join(dir, 'data.parquet'),
    quarantineFile: path.join(dir, 'quarantine.parquet'),
    quarantineView: 'test_quarantine',
    warnings: ['f.csv: unknown column(s) kept in _extra: "novo"'],
    ...more,
  });

  it('writes valid rows in order, and every rejected record — typed, reader and pre-CSV — to the quarantine', async () => {
    const ndjson = path.join(dir, 'f.rejects.ndjson');
    await fs.writeFile(
      ndjson,
      `${JSON.stringify({ _line: null, _reason: 'camara api: no detail', _origin: 'http://x/9', _raw_line: '{"id":9}' })}\n`,
    );
    await withDb(async (db) => {
      await tables(db);
      const result = await writeTypedRows(options(db, { extraRejectsFile: ndjson, extraRejects: 1 }));
      expect(result).toEqual({
        records: 3,
        rows: 2,
        quarantined: 3,
        quarantineFile: path.join(dir, 'quarantine.parquet'),
        samples: [
          { line: 3, reason: 'malformed line: unterminated quote' },
          { line: 4, reason: 'value: "x" is not a number' },
          { line: null, reason: 'camara api: no detail' },
        ],
        warnings: ['f.csv: unknown column(s) kept in _extra: "novo"', '3 record(s) quarantined'],
      });
      const read = (file: string, order: string) =>
        db.all(`SELECT * FROM read_parquet(${quoteLiteral(file)}) ORDER BY ${order}`);
      expect(await read(path.join(dir, 'data.parquet'), '_line')).toEqual([
        { value: 10, _line: 2 },
        { value: 30, _line: 5 },
      ]);
      const quarantine = await read(path.join(dir, 'quarantine.parquet'), '_line NULLS LAST, _reason');
      expect(quarantine.map((q) => [q._line, q._origin, q._raw_line, q.raw_value])).toEqual([
        [3, 'f.csv', '"1;2', null],
        [4, 'f.csv', null, 'x'],
        [null, 'http://x/9', '{"id":9}', null],
      ]);
    });
  });

  it('writes no quarantine file and adds no warning when every record is valid', async () => {
    await withDb(async (db) => {
      await tables(db, false);
      const result = await writeTypedRows(options(db, { readerRejects: 0, warnings: [] }));
      expect(result).toMatchObject({
        records: 3,
        rows: 3,
        quarantined: 0,
        quarantineFile: undefined,
        samples: [],
        warnings: [],
      });
      expect(await fs.readdir(dir)).toEqual(['data.parquet']);
    });
  });
});
