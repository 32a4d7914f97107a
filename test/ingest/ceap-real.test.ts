import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withDb } from '../../src/core/index.js';
import { ingestCeap } from '../../src/pipelines/index.js';
import { hasReal, realFile, realTitle } from '../helpers/shared-data.js';
import { makeTempDir, removeDir } from '../helpers/tmp.js';

const EXTRACT = 'ceap/Ano-2019-extract.csv';
const SAMPLE_2017 = 'ceap/Ano-2017-sample.csv';

/** Independent reference: sum vlrLiquido of a quoted CEAP CSV with a naive splitter, in integer cents. */
function referenceSumCents(file: string): { rows: number; cents: bigint } {
  const lines = fs
    .readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const header = (lines[0] as string).split(';').map((h) => h.replace(/"/g, ''));
  const idx = header.indexOf('vlrLiquido');
  let cents = 0n;
  for (const line of lines.slice(1)) {
    const fields = line.match(/("([^"]|"")*"|[^;]*)(;|$)/g) ?? [];
    const raw = (fields[idx] ?? '').replace(/;$/, '').replace(/^"|"$/g, '');
    const [whole, frac = ''] = raw.split('.');
    const sign = (whole ?? '').startsWith('-') ? -1n : 1n;
    cents +=
      sign * (BigInt((whole ?? '0').replace('-', '') || '0') * 100n + BigInt((frac + '00').slice(0, 2)));
  }
  return { rows: lines.length - 1, cents };
}

describe.skipIf(!hasReal(EXTRACT))(
  realTitle('ingest of the real CEAP extracts (../shared/data/real)', EXTRACT),
  () => {
    let home: string;
    beforeEach(async () => {
      home = await makeTempDir();
    });
    afterEach(async () => removeDir(home));

    it('loads or quarantines every row of the 2019 extract and keeps the vlrLiquido sum to the cent', async () => {
      const file = realFile(EXTRACT);
      const result = await ingestCeap({ home, file });
      const ref = referenceSumCents(file);
      expect(result.status).toBe('written');
      expect(result.vintage).toBe('2019-29');
      expect(result.year).toBe(2019);
      expect(result.rows + result.quarantined).toBe(8528);
      expect(ref.rows).toBe(8528);
      const lakeGlob = path.join(home, 'lake/raw/camara/ceap/*/*.parquet');
      const sum = await withDb((db) =>
        db.one<{ n: number; cents: string }>(
          `SELECT count(*)::BIGINT AS n, CAST(sum(vlrLiquido * 100) AS BIGINT)::VARCHAR AS cents FROM read_parquet('${lakeGlob}')`,
        ),
      );
      expect(sum?.n).toBe(result.rows);
      if (result.quarantined === 0) expect(BigInt(sum?.cents ?? '0')).toBe(ref.cents);
    });

    it.skipIf(!hasReal(SAMPLE_2017))(
      'reads the unquoted 30-column 2017 vintage with space-separated dates',
      async () => {
        const result = await ingestCeap({ home, file: realFile(SAMPLE_2017) });
        expect(result.vintage).toBe('2017-30');
        expect(result.rows).toBe(6);
        expect(result.quarantined).toBe(0);
        const lakeGlob = path.join(home, 'lake/raw/camara/ceap/*/*.parquet');
        const row = await withDb((db) =>
          db.one<{ d: string; cpf: string }>(
            `SELECT min(datEmissao)::VARCHAR AS d, min(cpf) AS cpf FROM read_parquet('${lakeGlob}')`,
          ),
        );
        expect(row?.d).toBe('2017-04-26 00:00:00');
        expect(row?.cpf).toBe('11111111111');
      },
    );
  },
);
