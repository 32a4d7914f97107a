import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withDb } from '../../src/core/index.js';
import { ingestCeap } from '../../src/pipelines/index.js';
import { REPO_ROOT } from '../helpers/shared-data.js';
import { makeTempDir, removeDir } from '../helpers/tmp.js';

const GOOD = path.join(REPO_ROOT, 'test/fixtures/ceap/current-32.csv');

async function quarantine(home: string) {
  const glob = path.join(home, 'lake/quarantine/camara/ceap/*.parquet');
  return withDb((db) =>
    db.all<{ _line: number; _reason: string }>(
      `SELECT _line, _reason FROM read_parquet('${glob}') ORDER BY _line`,
    ),
  );
}

describe('ingestCeap on malformed input', () => {
  let home: string;
  let good: string;
  beforeEach(async () => {
    home = await makeTempDir();
    good = await fs.readFile(GOOD, 'utf8');
  });
  afterEach(async () => removeDir(home));

  async function write(name: string, content: string | Buffer) {
    const file = path.join(home, name);
    await fs.writeFile(file, content);
    return file;
  }

  it('quarantines a non-numeric value with its column, value and line', async () => {
    const file = await write('Ano-2024.csv', good.replace('"1200"', '"12,3x"'));
    const result = await ingestCeap({ home, file });
    expect(result.rows).toBe(2);
    expect(result.quarantined).toBe(1);
    expect(result.quarantineSamples).toEqual([
      { line: 3, reason: 'column vlrLiquido: "12,3x" is not a number' },
    ]);
    expect(await quarantine(home)).toEqual([
      { _line: 3, _reason: 'column vlrLiquido: "12,3x" is not a number' },
    ]);
  });

  it('quarantines a value with more than two decimals instead of rounding it', async () => {
    const file = await write('Ano-2024.csv', good.replace('"111.3";"0";"111.3"', '"111.305";"0";"111.305"'));
    const result = await ingestCeap({ home, file });
    expect(result.quarantined).toBe(1);
    expect(result.quarantineSamples[0]?.reason).toBe(
      'column vlrDocumento: "111.305" has more than 2 decimal places; column vlrLiquido: "111.305" has more than 2 decimal places',
    );
  });

  it('quarantines the cut last line of a truncated file and keeps the rest', async () => {
    const file = await write('Ano-2024.csv', good.slice(0, good.lastIndexOf('\n"FULANA') + 60));
    const result = await ingestCeap({ home, file });
    expect(result.rows).toBe(2);
    expect(result.quarantined).toBe(1);
    expect(result.quarantineSamples[0]?.line).toBe(4);
    expect(result.quarantineSamples[0]?.reason).toMatch(/^malformed line: /);
  });

  it('quarantines a line with too many fields and numbers the following lines right', async () => {
    const lines = good.split('\n');
    lines.splice(2, 0, `${lines[1]};"extra"`);
    const file = await write('Ano-2024.csv', lines.join('\n'));
    const result = await ingestCeap({ home, file });
    expect(result).toMatchObject({ rows: 3, quarantined: 1 });
    expect(result.quarantineSamples[0]).toMatchObject({ line: 3 });
    expect(result.quarantineSamples[0]?.reason).toMatch(/too many columns/);
    const glob = path.join(home, 'lake/raw/camara/ceap/*/*.parquet');
    const loaded = await withDb((db) =>
      db.all<{ _line: number }>(`SELECT _line FROM read_parquet('${glob}') ORDER BY _line`),
    );
    expect(loaded.map((r) => r._line)).toEqual([2, 4, 5]);
  });

  it('quarantines an impossible month and an empty required value', async () => {
    const file = await write(
      'Ano-2024.csv',
      good
        .replace('"1";"2024";"0";"";"";"1554246"', '"13";"2024";"0";"";"";"1554246"')
        .replace('"2439"', '""'),
    );
    const result = await ingestCeap({ home, file });
    expect(result.quarantined).toBe(2);
    const reasons = (await quarantine(home)).map((r) => r._reason);
    expect(reasons).toContain('column numMes: "13" is not a month (1-12)');
    expect(reasons).toContain('column nuDeputadoId: is empty (required)');
  });

  it('keeps an unknown extra column in _extra and warns about it', async () => {
    const lines = good.replace(/^\uFEFF/, '').split('\n');
    const withExtra = lines
      .map((l, i) => (l === '' ? l : `${l};${i === 0 ? '"novaColuna"' : `"v${i}"`}`))
      .join('\n');
    const file = await write('Ano-2024.csv', withExtra);
    const result = await ingestCeap({ home, file });
    expect(result.rows).toBe(3);
    expect(result.warnings.join(' ')).toContain('unknown column(s) kept in _extra: novaColuna');
    const glob = path.join(home, 'lake/raw/camara/ceap/*/*.parquet');
    const extra = await withDb((db) =>
      db.all<{ e: string }>(`SELECT _extra AS e FROM read_parquet('${glob}') ORDER BY _line`),
    );
    expect(JSON.parse(extra[0]?.e ?? '{}')).toEqual({ novaColuna: 'v1' });
  });

  const fatal: [string, string | Buffer, RegExp][] = [
    ['an empty file', '', /Ano-2024\.csv is empty/],
    ['a file with only a BOM', Buffer.from([0xef, 0xbb, 0xbf]), /is empty/],
    [
      'a comma-delimited file',
      'txNomeParlamentar,numSubCota,vlrLiquido\nA,1,2\n',
      /no ';' separator \(found ",": wrong delimiter\?\)/,
    ],
    [
      'a header without required columns',
      '"foo";"bar"\n"1";"2"\n',
      /lacks required column\(s\) txNomeParlamentar, numSubCota/,
    ],
    [
      'a header with no rows',
      `${readFileSync(GOOD, 'utf8').split('\n')[0]}\n`,
      /has a header but no data rows/,
    ],
  ];
  for (const [what, content, message] of fatal) {
    it(`rejects ${what} with a clear message and writes nothing`, async () => {
      const file = await write('Ano-2024.csv', content);
      await expect(ingestCeap({ home, file })).rejects.toThrow(message);
      await expect(fs.readdir(path.join(home, 'lake/raw'))).rejects.toThrow();
      expect(await fs.readdir(path.join(home, 'lake/_staging'))).toEqual([]);
    });
  }

  it('rejects a zip without a CSV, naming its entries', async () => {
    const { default: yazl } = await import('yazl');
    const zipPath = path.join(home, 'Ano-2024.csv.zip');
    await new Promise<void>((resolve, reject) => {
      const zip = new yazl.ZipFile();
      zip.addBuffer(Buffer.from('hello'), 'LEIAME.txt');
      zip.end();
      const chunks: Buffer[] = [];
      zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
      zip.outputStream.on('end', () => fs.writeFile(zipPath, Buffer.concat(chunks)).then(resolve, reject));
    });
    await expect(ingestCeap({ home, file: zipPath })).rejects.toThrow(
      'Ano-2024.csv.zip contains no .csv file (entries: LEIAME.txt)',
    );
  });

  it('rejects a file that is not a zip although named .zip', async () => {
    const file = await write('Ano-2024.csv.zip', good);
    await expect(ingestCeap({ home, file })).rejects.toThrow(/Ano-2024\.csv\.zip is not a readable zip/);
  });

  it('rejects a missing file', async () => {
    await expect(ingestCeap({ home, file: path.join(home, 'nope.csv') })).rejects.toThrow(
      /nope\.csv does not exist/,
    );
  });
});
