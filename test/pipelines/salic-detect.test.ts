// `hardin detect salic` end to end at a small scale: the seeded generator (scale 0.05 ≈ 1,000 projects) →
// ingest → build → detect → evaluation against the planted anomalies, plus the gold copies; and the suite's
// behaviour in a home without SALIC data.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, NotFoundError } from '../../src/core/index.js';
import { runBuild } from '../../src/pipelines/build.js';
import { runDetect, type DetectSuiteResult } from '../../src/pipelines/detect.js';
import { evaluateSalic, type SalicEvaluation } from '../../src/pipelines/evaluate-salic.js';
import { ingestSalicExtracts } from '../../src/pipelines/ingest-salic.js';
import { generateSalic } from '../../src/sources/synthetic/salic/index.js';
import { readCsv } from '../../src/sources/synthetic/salic/testing.js';
import { makeTempDir, removeDir } from '../helpers/tmp.js';
import { writeCeapLake } from '../warehouse/helpers.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

describe('salic detect pipeline on generated data (seed 42, scale 0.05)', () => {
  let home: string;
  let result: DetectSuiteResult;
  let evaluation: SalicEvaluation;

  beforeAll(async () => {
    home = await makeTempDir('hardin-salic-detect-');
    const data = path.join(home, 'salic-data');
    await generateSalic({ outDir: data, seed: 42, scale: 0.05, api: false });
    await ingestSalicExtracts({ home, dir: data, now: at(0) });
    await runBuild({ home, runId: 'r1', now: at(1) });
    [result] = (await runDetect({ home, suite: 'salic', runId: 'r2', now: at(2) })) as [DetectSuiteResult];
    evaluation = await evaluateSalic({ home, groundTruthFile: path.join(data, 'salic-ground-truth.csv') });
  }, 120_000);

  afterAll(async () => {
    await removeDir(home);
  });

  // The acceptance (≥ 0.9 per metric) is measured at scale 1 (bench, decision 0008); at 0.05 a metric has 6–18
  // plants and one miss costs 0.11–0.17 (e.g. a reused cheque under the material R$ 500, a budget whose three
  // overpriced lines have small (segment, item) groups), so per metric ≥ 0.8 and ≥ 0.95 over all metrics here.
  it('finds the planted anomalies of every metric in robust mode', () => {
    const robust = evaluation.metrics.filter((m) => m.mode === 'robust' && m.planted > 0);
    expect(robust).toHaveLength(11);
    for (const m of robust) {
      expect.soft(m.recall, `${m.metric} recall`).toBeGreaterThanOrEqual(0.8);
      expect.soft(m.precision, `${m.metric} precision`).toBeGreaterThanOrEqual(0.8);
    }
    const sum = (k: 'planted' | 'flagged' | 'truePositives') => robust.reduce((s, m) => s + m[k], 0);
    expect(sum('truePositives') / sum('planted')).toBeGreaterThanOrEqual(0.95);
    expect(sum('truePositives') / sum('flagged')).toBeGreaterThanOrEqual(0.95);
  });

  it("shows the prior art's rules flag far more than was planted where they are binary or mean-based", () => {
    const parity = (metric: string) =>
      evaluation.metrics.find((m) => m.mode === 'parity' && m.metric === metric);
    for (const metric of ['valor_a_ser_comprovado', 'novos_fornecedores']) {
      expect(parity(metric)?.precision ?? 1).toBeLessThan(0.5);
      expect(parity(metric)?.recall).toBe(1);
    }
  });

  it('summarises the run per metric and publishes the four tables to the gold zone', async () => {
    expect(result.suite).toBe('salic');
    expect(result.detectors.map((d) => d.id)).toContain('preco_itens');
    expect(result.salic?.metricRows).toBe((result.salic?.projects ?? 0) * 22);
    for (const name of [
      'salic_projects',
      'salic_metrics',
      'salic_segment_stats',
      'salic_metric_definitions',
    ]) {
      const manifest = JSON.parse(
        await fs.readFile(path.join(home, 'lake', 'gold', name, '_manifest.json'), 'utf8'),
      ) as { rows: number; runId: string };
      expect(manifest.runId).toBe('r2');
      expect(manifest.rows).toBeGreaterThan(0);
    }
  });

  it('ranks the backlog 1..n with bands consistent with the score', async () => {
    const db = await Db.open({ path: path.join(home, 'warehouse.duckdb'), readOnly: true });
    try {
      const row = await db.one<Record<string, number>>(
        `SELECT count(*)::INTEGER AS n, min(rank) AS lo, max(rank) AS hi, count(DISTINCT rank)::INTEGER AS ranks,
                count(*) FILTER (WHERE (band = 'muito_complexo') <> (complexity > 6)
                                    OR (band = 'complexo') <> (complexity > 3 AND complexity <= 6))::INTEGER AS bad
         FROM detect.salic_projects`,
      );
      expect(row).toEqual({ n: row?.n, lo: 1, hi: row?.n, ranks: row?.n, bad: 0 });
      const first = await db.one<{ complexity: number }>(
        `SELECT complexity FROM detect.salic_projects WHERE rank = 1`,
      );
      const max = await db.one<{ m: number }>(`SELECT max(complexity) AS m FROM detect.salic_projects`);
      expect(first?.complexity).toBe(max?.m);
    } finally {
      db.close();
    }
  });

  it("carries each project's analyst from projetos.csv through the marts into the backlog, NULL when unassigned", async () => {
    const csv = readCsv(path.join(home, 'salic-data', 'projetos.csv'));
    const expected = new Map(csv.records.map((r) => [r.PRONAC ?? '', r.analista || null]));
    const db = await Db.open({ path: path.join(home, 'warehouse.duckdb'), readOnly: true });
    try {
      const rows = await db.all<{
        pronac: string;
        analyst: string | null;
        marts: string | null;
        queue: boolean;
      }>(
        `SELECT d.pronac, d.analyst, m.analyst AS marts, d.in_backlog AS queue
         FROM detect.salic_projects d JOIN marts.salic_projects m USING (pronac) ORDER BY d.pronac`,
      );
      expect(rows).toHaveLength(expected.size);
      expect(rows.filter((r) => r.analyst !== expected.get(r.pronac) || r.marts !== r.analyst)).toEqual([]);
      const assigned = rows.filter((r) => r.analyst !== null);
      expect(new Set(assigned.map((r) => r.analyst)).size).toBeGreaterThanOrEqual(24);
      // Analysts review the queue; part of the queue still waits for one.
      expect(assigned.every((r) => r.queue)).toBe(true);
      expect(rows.filter((r) => r.queue && r.analyst === null).length).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});

/** One valid CEAP line: a home with CEAP data only. */
const CEAP_ROW = {
  txNomeParlamentar: 'FULANA DE TAL',
  ideCadastro: 204554,
  sgUF: 'SP',
  nuDeputadoId: 4001,
  numSubCota: 3,
  txtDescricao: 'COMBUSTÍVEIS E LUBRIFICANTES.',
  txtFornecedor: 'POSTO',
  txtCNPJCPF: '12345678000190',
  txtNumero: '1',
  indTipoDocumento: 0,
  datEmissao: '2024-01-10 00:00:00',
  vlrDocumento: '10.00',
  vlrGlosa: '0',
  vlrLiquido: '10.00',
  numMes: 1,
  numAno: 2024,
  ideDocumento: 1,
  _line: 2,
  _vintage: '2019-29',
  _input_sha256: 'a'.repeat(64),
};

describe('salic detect in a home with CEAP data only', () => {
  it('fails with what to do when asked by name, and is skipped with the reason among all suites', async () => {
    const home = await makeTempDir('hardin-salic-none-');
    try {
      await writeCeapLake(path.join(home, 'lake'), [CEAP_ROW]);
      await runBuild({ home, runId: 'r1', now: at(1) });
      const asked = runDetect({ home, suite: 'salic', runId: 'r2', now: at(2) });
      await expect(asked).rejects.toThrow(NotFoundError);
      await expect(asked).rejects.toThrow(/marts\.salic_projects has no rows .*hardin ingest salic/);
      const all = await runDetect({ home, runId: 'r3', now: at(3) });
      const salic = all.find((r) => r.suite === 'salic');
      expect(salic?.skipped).toMatch(/no SALIC data/);
      expect(all.map((r) => r.suite)).toEqual(['ceap', 'salic']);
    } finally {
      await removeDir(home);
    }
  }, 30_000);
});
