// `hardin train bill-outcome` on a small synthetic Câmara (the real pipeline: generateBills → ingest → build →
// train): three candidates on the same split, the three versions registered with champion and challenger, the
// CRISP-DM report with the comparison and the base rate, predictions.bill_outcome for exactly the pending bills,
// and byte-identical artifacts when trained twice with the same data and seed.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, homePaths, newRunId } from '../../src/core/index.js';
import {
  ingestPropositionFiles,
  runBuild,
  trainBillOutcome,
  type TrainBillOutcomeResult,
} from '../../src/pipelines/index.js';
import { Registry } from '../../src/registry/index.js';
import { generateBills } from '../../src/sources/synthetic/bills/index.js';
import { makeTempDir, removeDir } from '../helpers/tmp.js';

describe('bill-outcome training on synthetic bills', () => {
  let home: string;
  let first: TrainBillOutcomeResult;
  let second: TrainBillOutcomeResult;
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
  beforeAll(async () => {
    home = await makeTempDir('hardin-bill-outcome-');
    const dir = path.join(home, 'bills');
    await generateBills({ outDir: dir, seed: 11, scale: 0.15 });
    await ingestPropositionFiles({ home, dir, now: at(0) });
    await runBuild({ home, runId: newRunId(at(1)), now: at(1) });
    const rnn = { epochs: 3, hidden: 16 };
    first = await trainBillOutcome({ home, runId: 'bills-1', seed: 5, now: at(2), rnn });
    second = await trainBillOutcome({ home, runId: 'bills-2', seed: 5, now: at(2), rnn });
  }, 300_000);
  afterAll(async () => {
    if (home) await removeDir(home);
  });

  it('compares logistic regression, trees and a GRU on the same split, well above the base rate', () => {
    expect(first.dataKind).toBe('synthetic');
    expect(first.candidates.map((c) => c.algorithm)).toEqual([
      'logistic-regression',
      'gradient-boosted-trees',
      'gru',
    ]);
    expect(first.baseRate).toBeCloseTo(first.positives / first.rows, 5);
    expect(first.baseRate).toBeGreaterThan(0.005);
    expect(first.baseRate).toBeLessThan(0.08);
    expect(first.split.train + first.split.valid + first.split.test).toBe(first.rows);
    for (const c of first.candidates) {
      expect(c.test.auc).toBeGreaterThan(0.75);
      expect(c.test.averagePrecision).toBeGreaterThan(first.baseRate);
      expect(c.test.precision).toBeGreaterThan(0);
      expect(c.test.recall).toBeGreaterThan(0);
    }
    expect(first.candidates.filter((c) => c.alias === 'champion').map((c) => c.name)).toEqual([
      first.champion,
    ]);
    expect(first.candidates.filter((c) => c.alias === 'challenger')).toHaveLength(1);
  });

  it('registers three versions and puts the comparison and the base rate in the report', async () => {
    const registry = await Registry.open(home);
    const versions = await registry.listVersions('bill-outcome');
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6]);
    const gru = await registry.getVersion('bill-outcome', 3);
    expect(gru.algorithm).toBe('gru');
    const metrics = gru.metrics as { epochs: unknown[]; baseRate: number; test: { auc: number } };
    expect(metrics.epochs.length).toBeGreaterThan(0);
    expect(metrics.baseRate).toBeCloseTo(first.baseRate, 5);
    const html = await fs.readFile(first.reportHtml, 'utf8');
    for (const text of ['logistic-regression', 'gradient-boosted-trees', 'gru', 'taxa histórica do tipo']) {
      expect(html).toContain(text);
    }
    expect(html).toContain('dados sintéticos');
    const champion = await registry.getVersion('bill-outcome', 'champion');
    expect(champion.version).toBe(second.candidates.find((c) => c.name === second.champion)!.version);
  });

  it('scores exactly the bills pending at the observation date with the champion', async () => {
    const db = await Db.open({ path: homePaths(home).warehouse, readOnly: true });
    try {
      const [pending] = await db.all<{ n: number }>(
        'select count(*)::int as n from marts.bills where not is_final and events_count > 0',
      );
      const rows = await db.all<{
        n: number;
        versions: number;
        version: number;
        bad: number;
        lo: number;
        hi: number;
        asOf: string;
        final: number;
      }>(
        `select count(*)::int as n, count(distinct model_version)::int as versions, max(model_version) as version,
                count(*) filter (where predicted_positive <> (probability >= threshold))::int as bad,
                min(probability) as lo, max(probability) as hi, strftime(max(as_of), '%Y-%m-%d') as "asOf",
                count(*) filter (where b.is_final)::int as final
           from predictions.bill_outcome p join marts.bills b using (bill_id)`,
      );
      const r = rows[0]!;
      expect(r.n).toBe(pending!.n);
      expect(r.n).toBe(second.predictions);
      expect(r.versions).toBe(1);
      expect(r.version).toBe(second.candidates.find((c) => c.alias === 'champion')!.version);
      expect(r.bad).toBe(0);
      expect(r.final).toBe(0);
      expect(r.lo).toBeGreaterThanOrEqual(0);
      expect(r.hi).toBeLessThanOrEqual(1);
      expect(r.asOf).toBe(second.asOf);
    } finally {
      db.close();
    }
  });

  it('registers byte-identical artifacts when trained twice on the same data with the same seed', async () => {
    const registry = await Registry.open(home);
    for (let k = 0; k < 3; k++) {
      const a = first.candidates[k]!.version;
      const b = second.candidates[k]!.version;
      expect(b).toBe(a + 3);
      const read = (v: number) =>
        fs.readFile(path.join(registry.versionDir('bill-outcome', v), 'artifact.json'));
      expect((await read(a)).equals(await read(b))).toBe(true);
    }
  });
});
