import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../test/helpers/tmp.js';
import { quoteLiteral, type Db } from '../core/index.js';
import { commitParsedCsv, type CommitParsedCsvOptions, type ParsedCsv } from './commit-parsed-csv.js';

describe('commitParsedCsv', () => {
  let home: string;
  let csv: string;
  let parses: number;
  beforeEach(async () => {
    home = await makeTempDir();
    csv = path.join(home, 'input.csv');
    await fs.writeFile(csv, 'a\n1\n2\n');
    parses = 0;
  });
  afterEach(async () => {
    await removeDir(home);
  });

  /** A parse writing two rows, one of them refused, the way a connector's parse does. */
  const parse = async (
    db: Db,
    files: { dataFile: string; quarantineFile: string },
  ): Promise<ParsedCsv<{ line: number; reason: string }>> => {
    parses++;
    await db.run(`COPY (SELECT 1 AS a) TO ${quoteLiteral(files.dataFile)} (FORMAT parquet)`);
    await db.run(
      `COPY (SELECT 3 AS _line, 'a: "x" is not a number' AS _reason) TO ${quoteLiteral(files.quarantineFile)} (FORMAT parquet)`,
    );
    return {
      records: 2,
      rows: 1,
      quarantined: 1,
      quarantineFile: files.quarantineFile,
      samples: [{ line: 3, reason: 'a: "x" is not a number' }],
      warnings: ['1 record(s) quarantined'],
    };
  };

  const options = (more: Partial<CommitParsedCsvOptions<{ line: number; reason: string }>> = {}) => ({
    run: { home, now: new Date('2025-01-02T03:04:05Z') },
    source: 'test',
    dataset: 'things',
    partition: { key: 'batch', value: 'b1' },
    file: csv,
    input: { name: 'input.csv', sha256: 'a'.repeat(64), url: 'http://x/input.csv', synthetic: true },
    vintage: 'v1',
    schema: [{ name: 'a', type: 'INTEGER' }],
    headerWarnings: ['input.csv: unknown column(s) kept in _extra: "b"'],
    parse,
    started: Date.now(),
    ...more,
  });

  const staging = () => fs.readdir(path.join(home, 'lake', '_staging'));

  it('commits the parsed files as a version of the partition, then does nothing for the same input', async () => {
    const written = await commitParsedCsv(options());
    expect(written).toMatchObject({
      status: 'written',
      partitionValue: 'b1',
      version: 1,
      vintage: 'v1',
      rows: 1,
      quarantined: 1,
      quarantineSamples: [{ line: 3, reason: 'a: "x" is not a number' }],
      warnings: ['1 record(s) quarantined'],
    });
    expect(written.input).toEqual({
      name: 'input.csv',
      sha256: 'a'.repeat(64),
      bytes: 6,
      url: 'http://x/input.csv',
      synthetic: true,
    });
    const parts = await fs.readdir(path.join(home, 'lake', 'raw', 'test', 'things', 'batch=b1'));
    expect(parts).toEqual([`part-${'a'.repeat(16)}.parquet`]);
    expect(await staging()).toEqual([]);

    const again = await commitParsedCsv(options());
    expect(parses).toBe(1);
    expect(again).toMatchObject({
      status: 'unchanged',
      runId: written.runId,
      version: 1,
      rows: 1,
      quarantineSamples: [],
      warnings: [
        'input.csv: unknown column(s) kept in _extra: "b"',
        `same input as version 1 (run ${written.runId}): nothing to do`,
      ],
    });
  });

  it('refuses a header without data rows and discards the staging folder; a failing parse too', async () => {
    const empty = async () => ({
      records: 0,
      rows: 0,
      quarantined: 0,
      quarantineFile: undefined,
      samples: [],
      warnings: [],
    });
    await expect(commitParsedCsv(options({ parse: empty }))).rejects.toMatchObject({
      code: 'SOURCE',
      message: 'test things: input.csv has a header but no data rows',
    });
    expect(await staging()).toEqual([]);
    const failing = async () => {
      throw new Error('parse failed');
    };
    await expect(commitParsedCsv(options({ parse: failing }))).rejects.toThrow('parse failed');
    expect(await staging()).toEqual([]);
    await expect(fs.readdir(path.join(home, 'lake', 'raw'))).rejects.toThrow();
  });
});
