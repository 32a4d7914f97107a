// Runs a detector suite inside the warehouse: flags land in `detect.ceap_flags` (replaced as a whole, in one
// transaction, so readers never see half a run) and the suite's documentation in `detect.detectors`.
import { quoteLiteral, type Db } from '../core/index.js';
import type { Detector } from './detector.js';

export interface DetectorRunSummary {
  id: string;
  title: string;
  flags: number;
  durationMs: number;
}

export interface RunDetectorsResult {
  suite: string;
  runId: string;
  flags: number;
  flaggedReimbursements: number;
  detectors: DetectorRunSummary[];
  durationMs: number;
  /** Requesters with a rank (score > 0), when the suite builds a ranking. */
  rankedDeputies?: number;
}

/** Runs `detectors` against the warehouse `db` and stores their flags. */
export async function runDetectors(
  db: Db,
  suite: string,
  detectors: readonly Detector[],
  runId: string,
  now: Date = new Date(),
): Promise<RunDetectorsResult> {
  const started = Date.now();
  const table = `flags_${suite}`;
  await db.run(`CREATE SCHEMA IF NOT EXISTS detect`);
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${table} (reimbursement_id VARCHAR, detector VARCHAR, severity DOUBLE, explanation JSON)`,
  );
  const summaries: DetectorRunSummary[] = [];
  for (const detector of detectors) {
    const t0 = Date.now();
    await detector.run({ db, runId, flagTable: table });
    const counted = await db.one<{ n: number }>(
      `SELECT count(*)::BIGINT AS n FROM ${table} WHERE detector = ${quoteLiteral(detector.id)}`,
    );
    const flags = counted?.n ?? 0;
    summaries.push({ id: detector.id, title: detector.title, flags, durationMs: Date.now() - t0 });
  }
  await db.run('BEGIN TRANSACTION');
  try {
    await db.run(`CREATE OR REPLACE TABLE detect.${suite}_flags AS
      SELECT reimbursement_id, detector, round(severity, 4) AS severity, explanation,
             ${quoteLiteral(runId)} AS run_id, ${quoteLiteral(now.toISOString())}::TIMESTAMP AS created_at
      FROM ${table} ORDER BY detector, reimbursement_id`);
    await db.run(`CREATE TABLE IF NOT EXISTS detect.detectors (suite VARCHAR, id VARCHAR, title VARCHAR, title_pt VARCHAR,
      description VARCHAR, method VARCHAR, explanation_fields JSON, flags BIGINT, duration_ms BIGINT, run_id VARCHAR,
      ran_at TIMESTAMP)`);
    // Columns added after the first release; warehouses built before them get them here.
    await db.run(`ALTER TABLE detect.detectors ADD COLUMN IF NOT EXISTS description_pt VARCHAR`);
    await db.run(`ALTER TABLE detect.detectors ADD COLUMN IF NOT EXISTS method_pt VARCHAR`);
    await db.run(`DELETE FROM detect.detectors WHERE suite = ${quoteLiteral(suite)}`);
    for (const [i, d] of detectors.entries()) {
      const s = summaries[i] as DetectorRunSummary;
      await db.run(
        `INSERT INTO detect.detectors BY NAME SELECT $suite AS suite, $id AS id, $title AS title, $titlePt AS title_pt,
          $description AS description, $method AS method, $fields::JSON AS explanation_fields, $flags AS flags,
          $ms AS duration_ms, $run AS run_id, $at::TIMESTAMP AS ran_at, $descriptionPt AS description_pt,
          $methodPt AS method_pt`,
        {
          suite,
          id: d.id,
          title: d.title,
          titlePt: d.titlePt,
          description: d.description,
          method: d.method,
          descriptionPt: d.descriptionPt,
          methodPt: d.methodPt,
          fields: JSON.stringify(d.explanationFields),
          flags: s.flags,
          ms: s.durationMs,
          run: runId,
          at: now.toISOString(),
        },
      );
    }
    await db.run('COMMIT');
  } catch (error) {
    await db.run('ROLLBACK');
    throw error;
  }
  const flagged = await db.one<{ n: number }>(
    `SELECT count(DISTINCT reimbursement_id)::BIGINT AS n FROM detect.${suite}_flags`,
  );
  return {
    suite,
    runId,
    flags: summaries.reduce((s, d) => s + d.flags, 0),
    flaggedReimbursements: flagged?.n ?? 0,
    detectors: summaries,
    durationMs: Date.now() - started,
  };
}
