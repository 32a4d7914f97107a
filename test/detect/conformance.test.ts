// One conformance suite for every detector of the CEAP suite: whatever it checks, its flags must point at real
// reimbursements, carry a severity in [0, 1] and the standard explanation, and be deterministic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, homePaths, newRunId } from '../../src/core/index.js';
import { CEAP_DETECTORS, EXPLANATION_KEYS } from '../../src/detect/index.js';
import { runDetect } from '../../src/pipelines/index.js';
import { prepareDemoHome, type DemoHome } from '../helpers/demo-home.js';
import { removeDir } from '../helpers/tmp.js';

const UNITS = ['cents', 'count', 'ratio', 'none'];

async function readFlags(home: string) {
  const db = await Db.open({ path: homePaths(home).warehouse, readOnly: true });
  try {
    return await db.all<{ id: string; detector: string; severity: number; e: string; known: boolean }>(
      `SELECT f.reimbursement_id AS id, f.detector, f.severity, CAST(f.explanation AS VARCHAR) AS e,
              r.reimbursement_id IS NOT NULL AS known
       FROM detect.ceap_flags f LEFT JOIN marts.reimbursements r USING (reimbursement_id)
       ORDER BY f.detector, f.reimbursement_id`,
    );
  } finally {
    db.close();
  }
}

describe('CEAP detector conformance', () => {
  let demo: DemoHome;
  let twin: DemoHome;
  beforeAll(async () => {
    [demo, twin] = await Promise.all([
      prepareDemoHome({ scale: 0.05, seed: 11 }),
      prepareDemoHome({ scale: 0.05, seed: 11 }),
    ]);
  });
  afterAll(async () => {
    await removeDir(demo.home);
    await removeDir(twin.home);
  });

  for (const detector of CEAP_DETECTORS) {
    describe(detector.id, () => {
      it('documents itself', () => {
        expect(detector.id).toMatch(/^[a-z][a-z_]*$/);
        for (const text of [detector.title, detector.titlePt, detector.description, detector.method]) {
          expect(text.length).toBeGreaterThan(10);
        }
        expect(detector.explanationFields).toEqual(expect.arrayContaining([...EXPLANATION_KEYS]));
      });

      it('flags real reimbursements with a severity in [0, 1] and the standard explanation', async () => {
        const flags = (await readFlags(demo.home)).filter((f) => f.detector === detector.id);
        expect(flags.length, `${detector.id} raised no flag on the demo data`).toBeGreaterThan(0);
        const seen = new Set<string>();
        for (const f of flags) {
          expect(f.known, `${f.id} is not in marts.reimbursements`).toBe(true);
          expect(seen.has(f.id), `${f.id} flagged twice by ${detector.id}`).toBe(false);
          seen.add(f.id);
          expect(f.severity).toBeGreaterThanOrEqual(0);
          expect(f.severity).toBeLessThanOrEqual(1);
          const e = JSON.parse(f.e) as Record<string, any>;
          for (const key of EXPLANATION_KEYS)
            expect(e, `${detector.id} explanation lacks ${key}`).toHaveProperty(key);
          expect(typeof e.text).toBe('string');
          expect(e.text.length).toBeGreaterThan(20);
          for (const side of ['observed', 'threshold']) {
            expect(typeof e[side].value, `${side}.value`).toBe('number');
            expect(UNITS).toContain(e[side].unit);
            expect(e[side].label.length).toBeGreaterThan(0);
          }
          if (e.peerGroup !== null) {
            expect(typeof e.peerGroup.description).toBe('string');
            expect(e.peerGroup.n).toBeGreaterThan(0);
          }
          if (e.receiptUrl !== null) expect(e.receiptUrl).toMatch(/^https:\/\/www\.camara\.leg\.br\//);
        }
      });
    });
  }

  it('gives the same flags for the same data and seed, run after run and home after home', async () => {
    const first = await readFlags(demo.home);
    await runDetect({
      home: demo.home,
      runId: newRunId(new Date('2026-01-01T00:05:00Z')),
      now: new Date('2026-01-01T00:05:00Z'),
    });
    expect(await readFlags(demo.home)).toEqual(first);
    expect(await readFlags(twin.home)).toEqual(first);
  });
});
