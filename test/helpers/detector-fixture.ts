// Runs one detector over a hand-made warehouse (fresh in-memory DuckDB, closed afterwards) and returns its flags
// with parsed explanations, ordered by reimbursement id: the shared harness of the detectors' unit tests.
import { withDb, type Db } from '../../src/core/index.js';
import { runDetectors, type Detector } from '../../src/detect/index.js';

export interface FixtureFlag {
  id: string;
  severity: number;
  explanation: Record<string, any>;
}

export async function runDetectorOn(
  setup: (db: Db) => Promise<void>,
  detector: Detector,
): Promise<FixtureFlag[]> {
  return withDb(async (db) => {
    await setup(db);
    await runDetectors(db, 'ceap', [detector], 'run-1', new Date('2026-01-01T00:00:00Z'));
    const rows = await db.all<{ id: string; severity: number; e: string }>(
      `SELECT reimbursement_id AS id, severity, CAST(explanation AS VARCHAR) AS e FROM detect.ceap_flags ORDER BY id`,
    );
    return rows.map((r) => ({
      id: r.id,
      severity: r.severity,
      explanation: JSON.parse(r.e) as Record<string, any>,
    }));
  });
}

export const flagIds = (rows: { id: string }[]): string[] => rows.map((r) => r.id);
