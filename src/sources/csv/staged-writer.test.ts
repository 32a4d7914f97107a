import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../../test/helpers/tmp.js';
import { StagedCsvWriter, csvLine, jsonText } from './staged-writer.js';

describe('csvLine and jsonText', () => {
  it('quotes every non-empty value, doubles quotes, leaves empty values empty', () => {
    expect(csvLine(['a', 'diz "sim"', null, '', undefined, 'duas\nlinhas', 'x;y'], ';')).toBe(
      '"a";"diz ""sim""";;;;"duas\nlinhas";"x;y"\n',
    );
    expect(csvLine(['1', 'a,b'], ',')).toBe('"1","a,b"\n');
  });

  it('writes numbers in their shortest exact form and objects as JSON', () => {
    const cases: [unknown, string | null][] = [
      [99000.3, '99000.3'],
      [1e21, '1e+21'],
      [true, 'true'],
      ['já', 'já'],
      [null, null],
      [undefined, null],
      [{ a: [1] }, '{"a":[1]}'],
    ];
    for (const [value, text] of cases) expect(jsonText(value)).toBe(text);
  });
});

describe('StagedCsvWriter', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it('writes the header and records, the rejects beside them, and hashes both files together', async () => {
    const csv = path.join(dir, 'tramitacoes.csv');
    const writer = await StagedCsvWriter.open(csv, ['id', '_origin'], ';');
    await writer.add(['1', 'http://x/1']);
    writer.reject({ origin: 'http://x/2', line: 2, reason: 'bad id', raw: '{"id":true}' });
    await writer.add(['3', null]);
    const file = await writer.close();
    const text = await fs.readFile(csv, 'utf8');
    expect(text).toBe('"id";"_origin"\n"1";"http://x/1"\n"3";\n');
    const rejects = await fs.readFile(path.join(dir, 'tramitacoes.rejects.ndjson'), 'utf8');
    expect(rejects).toBe(
      '{"_line":2,"_reason":"bad id","_origin":"http://x/2","_raw_line":"{\\"id\\":true}"}\n',
    );
    expect(file).toEqual({
      csv,
      rejects: path.join(dir, 'tramitacoes.rejects.ndjson'),
      records: 2,
      rejected: 1,
      sha256: createHash('sha256').update(text).update(rejects).digest('hex'),
      bytes: Buffer.byteLength(text) + Buffer.byteLength(rejects),
    });
  });

  it('writes no rejects file when nothing was refused, and the same records give the same sha256', async () => {
    const write = async (name: string) => {
      const writer = await StagedCsvWriter.open(path.join(dir, name), ['a'], ',');
      await writer.add(['x']);
      return writer.close();
    };
    const one = await write('one.csv');
    const two = await write('two.csv');
    expect(one.rejects).toBeUndefined();
    expect(await fs.readdir(dir)).toEqual(['one.csv', 'two.csv']);
    expect(one.sha256).toBe(two.sha256);
  });
});
