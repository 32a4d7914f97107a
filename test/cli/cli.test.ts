import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/shared-data.js';
import { makeTempDir, removeDir } from '../helpers/tmp.js';

const CLI = path.join(REPO_ROOT, 'bin/hardin.js');

function hardin(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('hardin CLI contract', () => {
  let home: string;
  beforeAll(async () => {
    home = await makeTempDir();
  });
  afterAll(async () => removeDir(home));

  it('runs the demo pipeline without serving and prints one JSON summary', () => {
    const r = hardin(['demo', '--no-serve', '--json', '--scale', '0.02', '--home', home]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.ingested.rows).toBeGreaterThan(5000);
    expect(summary.ingested.quarantined).toBe(0);
    expect(summary.tables.map((t: { name: string }) => t.name)).toContain('marts.reimbursements');
    expect(summary.evaluation[0]).toMatchObject({ detector: 'monthly_subquota_limit' });
    expect(summary.evaluation[0].recall).toBeGreaterThanOrEqual(0.95);
    expect(summary.evaluation[0].precision).toBeGreaterThanOrEqual(0.9);
    // the Câmara bills (at least 0.15 of a real volume) and their three outcome models
    expect(summary.bills.bills).toBeGreaterThan(2500);
    expect(summary.models['bill-outcome'].trained).toBe(true);
    expect(summary.models['bill-outcome'].candidates.map((c: { algorithm: string }) => c.algorithm)).toEqual([
      'logistic-regression',
      'gradient-boosted-trees',
      'gru',
    ]);
  });

  it('re-running the demo reuses the generated files and the lake reports them unchanged', () => {
    const r = hardin(['demo', '--no-serve', '--json', '--scale', '0.02', '--home', home]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).ingested.files[0]).toMatchObject({ status: 'unchanged', version: 1 });
  });

  it('query --json prints an array of rows; writes are refused with exit 2', () => {
    const r = hardin([
      'query',
      'SELECT count(*)::INT AS n FROM marts.reimbursements',
      '--json',
      '--home',
      home,
    ]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows[0].n).toBeGreaterThan(5000);
    const w = hardin(['query', 'DELETE FROM marts.reimbursements', '--home', home]);
    expect(w.code).toBe(2);
    expect(w.stderr).toContain('query is read-only');
    const bad = hardin(['query', 'SELECT * FROM nope', '--json', '--home', home]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).error.message).toContain('nope');
  });

  it('catalog --json lists datasets, tables and lineage', () => {
    const r = hardin(['catalog', '--json', '--home', home]);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.datasets.map((d: { name: string }) => d.name)).toEqual(
      expect.arrayContaining(['raw.camara.ceap', 'gold.ceap_flags']),
    );
    expect(c.tables.length).toBeGreaterThanOrEqual(6);
  });

  it('exits 2 on usage errors with a message naming the problem', () => {
    expect(hardin(['nonsense']).code).toBe(2);
    const r = hardin(['ingest', 'camara', 'ceap', '--year', '20x9', '--home', home]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--year: "20x9" is not an integer');
    const s = hardin(['ingest', 'senado', 'ceaps', '--file', 'x.csv', '--home', home, '--json']);
    expect(s.code).toBe(2);
    expect(JSON.parse(s.stdout).error.message).toContain('unknown dataset "senado ceaps"');
  });

  it('exits 1 with a clear message when an input file is bad', () => {
    const r = hardin(['ingest', 'camara', 'ceap', '--file', path.join(home, 'missing.csv'), '--home', home]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/missing\.csv does not exist/);
  });
});
