import path from 'node:path';
import fs from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withDb } from '../../src/core/index.js';
import { ingestCeap } from '../../src/pipelines/index.js';
import { REPO_ROOT } from '../helpers/shared-data.js';
import { makeTempDir, removeDir } from '../helpers/tmp.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/ceap');

async function lakeRows(home: string) {
  const glob = path.join(home, 'lake/raw/camara/ceap/*/*.parquet');
  return withDb((db) =>
    db.all<Record<string, unknown>>(
      `SELECT txNomeParlamentar, ideCadastro, txtFornecedor, txtCNPJCPF, CAST(datEmissao AS VARCHAR) AS dat,
              CAST(vlrLiquido AS VARCHAR) AS liquido, CAST(vlrGlosa AS VARCHAR) AS glosa, nuDeputadoId, ideDocumento,
              cpf, urlDocumento, _line, _vintage, year
       FROM read_parquet('${glob}', hive_partitioning = true) ORDER BY _line`,
    ),
  );
}

describe('ingestCeap over every vintage (hand-made fixtures)', () => {
  let home: string;
  beforeEach(async () => {
    home = await makeTempDir();
  });
  afterEach(async () => removeDir(home));

  const cases = [
    { file: 'current-32.csv', vintage: 'current-32', hasCpf: true, hasUrl: true },
    { file: 'v2020-31.csv', vintage: '2020-31', hasCpf: true, hasUrl: true },
    { file: 'v2019-29.csv', vintage: '2019-29', hasCpf: false, hasUrl: false },
    { file: 'v2017-30.csv', vintage: '2017-30', hasCpf: true, hasUrl: false },
    { file: 'v2017-05-comma.csv', vintage: '2017-05-variant', hasCpf: true, hasUrl: false },
  ];
  for (const c of cases) {
    it(`maps ${c.file} by header name (${c.vintage})`, async () => {
      const result = await ingestCeap({ home, file: path.join(FIXTURES, c.file) });
      expect(result).toMatchObject({
        status: 'written',
        vintage: c.vintage,
        rows: 3,
        quarantined: 0,
        year: 2024,
      });
      const rows = await lakeRows(home);
      expect(rows.map((r) => r.liquido)).toEqual(['111.30', '1200.00', '-320.55']);
      expect(rows.map((r) => r.glosa)).toEqual(['0.00', '22.67', '0.00']);
      expect(rows.map((r) => r._line)).toEqual([2, 3, 4]);
      expect(rows[0]?.dat).toBe('2024-01-16 00:00:00');
      expect(rows[1]).toMatchObject({
        ideCadastro: null,
        txNomeParlamentar: 'LIDERANÇA DO PT',
        nuDeputadoId: 2439,
      });
      expect(rows[1]?.txtCNPJCPF).toBe('037.139.030/0010-8');
      expect(rows[0]?.cpf).toBe(c.hasCpf ? '52998224725' : null);
      expect(rows[0]?.urlDocumento === null).toBe(!c.hasUrl);
      expect(rows[0]?.year).toBe(2024);
      expect(rows.every((r) => r._vintage === c.vintage)).toBe(true);
    });
  }

  it('unzips a .csv.zip and ingests its CSV', async () => {
    const { default: yazl } = await import('yazl');
    const zipPath = path.join(home, 'Ano-2024.csv.zip');
    await new Promise<void>((resolve, reject) => {
      const zip = new yazl.ZipFile();
      zip.addFile(path.join(FIXTURES, 'current-32.csv'), 'Ano-2024.csv');
      zip.end();
      const chunks: Buffer[] = [];
      zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
      zip.outputStream.on('end', () => fs.writeFile(zipPath, Buffer.concat(chunks)).then(resolve, reject));
    });
    const result = await ingestCeap({ home, file: zipPath });
    expect(result).toMatchObject({ status: 'written', rows: 3, year: 2024 });
    expect(result.input.name).toBe('Ano-2024.csv');
  });
});
