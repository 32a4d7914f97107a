import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDb } from '../../src/core/index.js';
import { ingestSalic } from '../../src/pipelines/ingest-salic.js';
import { readCsvRecord } from '../../src/sources/csv/index.js';
import { hasReal, realFile, realTitle } from '../helpers/shared-data.js';
import { makeTempDir, removeDir } from '../helpers/tmp.js';

const SAMPLE = 'salic/valor_unitario_aprovado_sample.csv';

/**
 * Every record of the file as arrays of fields, read with the shared RFC 4180 record reader (the one that reads
 * headers), not with DuckDB's CSV reader, which the ingest uses for data records: an independent parse.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  for (let at = 0; at < text.length;) {
    const record = readCsvRecord(text, ',', at);
    if (!record) throw new Error(`${SAMPLE}: the record at character ${at} has a quote that does not close`);
    records.push(record.fields);
    at = record.next;
  }
  return records;
}

/** Decimal string → cents, rounded half away from zero, in BigInt (no float at any step). */
function centsOf(value: string): bigint {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!m) throw new Error(`not a decimal: ${value}`);
  const frac = (m[3] ?? '').padEnd(3, '0');
  let cents = BigInt(m[2] || '0') * 100n + BigInt(frac.slice(0, 2));
  if (Number(frac[2]) >= 5) cents += 1n;
  return m[1] === '-' ? -cents : cents;
}

describe.skipIf(!hasReal(SAMPLE))(realTitle('ingestSalic on the real unit-price sample', SAMPLE), () => {
  let home: string;
  let result: Awaited<ReturnType<typeof ingestSalic>>;
  let records: string[][];

  beforeAll(async () => {
    home = await makeTempDir();
    result = await ingestSalic({ home, dataset: 'unit_prices', file: realFile(SAMPLE) });
    records = parseCsv(await fs.readFile(realFile(SAMPLE), 'utf8')).slice(1);
  });
  afterAll(async () => removeDir(home));

  it('loads all 18,000 rows with nothing quarantined', () => {
    expect(records).toHaveLength(18_000);
    expect(result).toMatchObject({
      status: 'written',
      rows: 18_000,
      quarantined: 0,
      vintage: 'real-sample-shape',
    });
    expect(result.warnings.join('\n')).toMatch(
      /column ValorUnitarioAprovado: \d+ value\(s\) with more than 2 decimal/,
    );
  });

  it('sums unit prices to the cent exactly like an independent parse of the file', async () => {
    const expected = records.reduce((sum, r) => sum + centsOf(r[2] as string), 0n);
    const glob = path.join(home, 'lake/raw/salic/unit_prices/*/*.parquet');
    const got = await withDb((db) =>
      db.one<{ total: string; n: number; items: number; nulls: number }>(
        `SELECT CAST(sum(unit_price_cents) AS VARCHAR) AS total, count(*) AS n, count(DISTINCT item) AS items,
                count(*) - count(date) AS nulls
         FROM read_parquet('${glob}')`,
      ),
    );
    expect(BigInt(got?.total ?? '0')).toBe(expected);
    expect(got?.n).toBe(18_000);
    // 1,106 distinct names in the file, 1,105 once a trailing line break is trimmed off one of them.
    expect(new Set(records.map((r) => r[1])).size).toBe(1_106);
    expect(got?.items).toBe(new Set(records.map((r) => (r[1] as string).trim())).size);
    expect(got?.items).toBe(1_105);
    expect(got?.nulls).toBe(records.filter((r) => r[3] === '').length);
  });

  it('keeps items with quoted commas, quotes and line breaks, and the row index and idPRONAC', async () => {
    const glob = path.join(home, 'lake/raw/salic/unit_prices/*/*.parquet');
    const withBreak = records.find((r) => (r[1] as string).includes('\n'));
    expect(withBreak).toBeDefined();
    const row = await withDb((db) =>
      db.one<{ item: string; id_pronac: number; source_row: number }>(
        `SELECT item, id_pronac, source_row FROM read_parquet('${glob}') WHERE row_index = ${withBreak?.[0]}`,
      ),
    );
    expect(row?.item).toBe((withBreak?.[1] as string).trim());
    expect(row?.id_pronac).toBe(Number(withBreak?.[4]));
    expect(row?.source_row).toBe(records.indexOf(withBreak as string[]) + 2);
  });
});
