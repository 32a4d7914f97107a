// The optional `analista` column of projetos.csv through the warehouse (docs/formats/salic.md): present, it becomes
// marts.salic_projects.analyst with blanks inside the name collapsed; absent from the extract, or absent from lake
// files written before the column existed (an identical re-ingest keeps them), the build still works and the
// analyst is NULL. Hand-written extracts (test/fixtures/salic) ingested by the real pipeline, built by the real
// models.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Db, quoteLiteral, withDb } from '../../src/core/index.js';
import { runBuild } from '../../src/pipelines/build.js';
import { ingestSalicExtracts } from '../../src/pipelines/ingest-salic.js';
import { REPO_ROOT } from '../helpers/shared-data.js';
import { makeTempDir, removeDir } from '../helpers/tmp.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/salic');
const AT = new Date('2026-01-01T00:00:00Z');
const EXTRACTS = ['projetos.csv', 'planilha_aprovada.csv', 'comprovantes.csv', 'captacoes.csv'];

describe('salic analyst through the warehouse', () => {
  let home: string;
  let data: string;
  beforeEach(async () => {
    home = await makeTempDir('hardin-salic-analyst-');
    data = path.join(home, 'extracts');
    await fs.mkdir(data);
    for (const name of EXTRACTS) await fs.copyFile(path.join(FIXTURES, name), path.join(data, name));
  });
  afterEach(async () => removeDir(home));

  /** Ingests the extracts folder, builds, and returns PRONAC → analyst of marts.salic_projects. */
  async function build(): Promise<Record<string, string | null>> {
    await ingestSalicExtracts({ home, dir: data, now: AT });
    await runBuild({ home, runId: 'r1', now: AT });
    const db = await Db.open({ path: path.join(home, 'warehouse.duckdb'), readOnly: true });
    try {
      const rows = await db.all<{ pronac: string; analyst: string | null; t: string }>(
        `SELECT pronac, analyst, typeof(analyst) AS t FROM marts.salic_projects ORDER BY pronac`,
      );
      expect(new Set(rows.map((r) => r.t))).toEqual(new Set(['VARCHAR']));
      return Object.fromEntries(rows.map((r) => [r.pronac, r.analyst]));
    } finally {
      db.close();
    }
  }

  it('carries the analista column into marts.salic_projects, collapsing blanks inside the name', async () => {
    const file = path.join(data, 'projetos.csv');
    const lines = (await fs.readFile(file, 'utf8')).trimEnd().split('\n');
    const analysts = ['analista', 'Juliana  Moura\tTavares', '', 'Sérgio Lima'];
    await fs.writeFile(file, `${lines.map((l, i) => `${l},${analysts[i]}`).join('\n')}\n`);
    expect(await build()).toEqual({
      '090123': null,
      '132955': 'Juliana Moura Tavares',
      '171234': 'Sérgio Lima',
    });
  });

  it('builds with analyst NULL from an extract without the column', async () => {
    expect(await build()).toEqual({ '090123': null, '132955': null, '171234': null });
  });

  it('builds with analyst NULL over lake files written before the column existed', async () => {
    await ingestSalicExtracts({ home, dir: data, now: AT });
    // Rewrite the projects partition as an older Hardin wrote it: the same columns but analyst.
    const dir = path.join(home, 'lake/raw/salic/projects/source=extract');
    const [part] = (await fs.readdir(dir)).filter((f) => f.endsWith('.parquet'));
    if (!part) throw new Error(`no parquet file in ${dir}`);
    const file = path.join(dir, part);
    await withDb(async (db) => {
      await db.run(
        `COPY (SELECT * EXCLUDE (analyst) FROM read_parquet(${quoteLiteral(file)})) TO ${quoteLiteral(`${file}.old`)} (FORMAT parquet)`,
      );
      const columns = await db.all<{ name: string }>(
        `SELECT name FROM parquet_schema(${quoteLiteral(`${file}.old`)}) WHERE name = 'analyst'`,
      );
      expect(columns).toEqual([]);
    });
    await fs.rename(`${file}.old`, file);
    expect(await build()).toEqual({ '090123': null, '132955': null, '171234': null });
  });
});
