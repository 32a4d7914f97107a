import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CEAP_COLUMNS, CEAP_VINTAGES, generateCeap } from './index.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hardin-synthetic-vintages-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Fields of one line: quoted (`""` escapes) or bare, separated by `;`. */
function splitLine(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/(?:^|;)("(?:[^"]|"")*"|[^;"]*)/g)) {
    const f = m[1] ?? '';
    out.push(f.startsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f);
  }
  return out;
}

describe('generateCeap vintages', () => {
  for (const vintage of CEAP_VINTAGES) {
    it(`writes the ${vintage} layout: header, BOM, quoting, dates and decimals`, async () => {
      const out = await generateCeap({
        outDir: path.join(dir, `v-${vintage}`),
        seed: 3,
        scale: 0.005,
        vintage,
      });
      const text = readFileSync(out.files[0]?.path ?? '', 'utf8');
      const quoted = vintage === 'current' || vintage === '2020' || vintage === '2019';
      expect(text.startsWith('\uFEFF')).toBe(quoted);
      expect(text.endsWith('\n') && !text.includes('\r')).toBe(true);
      const lines = text
        .replace(/^\uFEFF/, '')
        .split('\n')
        .slice(0, -1);
      const header = splitLine(lines[0] ?? '');
      const data = lines.slice(1).map(splitLine);
      expect(header).toEqual(CEAP_COLUMNS[vintage]);
      const field = quoted ? '"(?:[^"]|"")*"' : '(?:[^;"]*|"(?:[^"]|"")*")';
      const lineRe = new RegExp(`^${field}(?:;${field}){${header.length - 1}}$`);
      for (const line of lines) expect(line).toMatch(lineRe);
      const col = (name: string): number => header.indexOf(name);
      const dateRe = quoted ? /^202[45]-\d\d-\d\dT\d\d:\d\d:\d\d$/ : /^202[45]-\d\d-\d\d \d\d:\d\d:\d\d$/;
      const moneyRe = vintage === '2017-comma' ? /^-?\d+,\d\d$/ : /^-?\d+(\.\d?[1-9])?$/;
      for (const r of data) {
        expect(r).toHaveLength(header.length);
        expect(r[col('datEmissao')]).toMatch(dateRe);
        for (const m of ['vlrDocumento', 'vlrGlosa', 'vlrLiquido']) expect(r[col(m)]).toMatch(moneyRe);
      }
    });
  }

  it('zips Ano-YYYY.csv into Ano-YYYY.csv.zip with the same bytes as the plain file', async () => {
    const plain = await generateCeap({ outDir: path.join(dir, 'zip-plain'), seed: 5, scale: 0.005 });
    const zipped = await generateCeap({ outDir: path.join(dir, 'zip'), seed: 5, scale: 0.005, zip: true });
    const again = await generateCeap({
      outDir: path.join(dir, 'zip-again'),
      seed: 5,
      scale: 0.005,
      zip: true,
    });
    expect(path.basename(zipped.files[0]?.path ?? '')).toBe('Ano-2025.csv.zip');
    expect(again.files[0]?.sha256).toBe(zipped.files[0]?.sha256);
    const entries = await unzip(zipped.files[0]?.path ?? '');
    expect([...entries.keys()]).toEqual(['Ano-2025.csv']);
    expect(entries.get('Ano-2025.csv')?.equals(readFileSync(plain.files[0]?.path ?? ''))).toBe(true);
  });
});

function unzip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, Buffer>();
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const parts: Buffer[] = [];
          stream.on('data', (b: Buffer) => parts.push(b));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
