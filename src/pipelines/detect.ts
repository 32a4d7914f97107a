// `hardin detect [suite]`: runs a detector suite in the warehouse and publishes its flags to the lake's gold zone.
import { UsageError, quoteLiteral, type Config } from '../core/index.js';
import {
  CEAP_DETECTORS,
  rankCeapDeputies,
  runDetectors,
  type Detector,
  type RunDetectorsResult,
} from '../detect/index.js';
import { publishGold } from '../lake/index.js';
import { openWarehouse } from './build.js';

export const DETECTOR_SUITES: Record<string, readonly Detector[]> = { ceap: CEAP_DETECTORS };

export interface DetectOptions {
  home: string;
  suite?: string | undefined;
  runId: string;
  now?: Date;
  duckdb?: Pick<Config, 'duckdbMemoryLimit' | 'duckdbThreads'>;
}

export async function runDetect(options: DetectOptions): Promise<RunDetectorsResult[]> {
  const suites = options.suite ? [options.suite] : Object.keys(DETECTOR_SUITES);
  for (const s of suites) {
    if (!DETECTOR_SUITES[s]) {
      throw new UsageError(
        `unknown detector suite "${s}"; expected one of: ${Object.keys(DETECTOR_SUITES).join(', ')}`,
      );
    }
  }
  const now = options.now ?? new Date();
  const db = await openWarehouse(options.home, options.duckdb);
  try {
    const results: RunDetectorsResult[] = [];
    for (const suite of suites) {
      const result = await runDetectors(
        db,
        suite,
        DETECTOR_SUITES[suite] as readonly Detector[],
        options.runId,
        now,
      );
      if (suite === 'ceap') result.rankedDeputies = await rankCeapDeputies(db);
      await publishGold(
        options.home,
        `${suite}_flags`,
        options.runId,
        (file) =>
          db.run(
            `COPY (SELECT reimbursement_id, detector, severity, CAST(explanation AS VARCHAR) AS explanation, run_id, created_at
                   FROM detect.${suite}_flags) TO ${quoteLiteral(file)} (FORMAT parquet, COMPRESSION zstd)`,
          ),
        {
          writtenAt: now.toISOString(),
          rows: result.flags,
          schema: [
            { name: 'reimbursement_id', type: 'VARCHAR' },
            { name: 'detector', type: 'VARCHAR' },
            { name: 'severity', type: 'DOUBLE' },
            { name: 'explanation', type: 'VARCHAR (JSON)' },
            { name: 'run_id', type: 'VARCHAR' },
            { name: 'created_at', type: 'TIMESTAMP' },
          ],
          inputs: ['marts.reimbursements', 'seeds.ceap_subquota_limits'],
        },
      );
      results.push(result);
    }
    return results;
  } finally {
    db.close();
  }
}
