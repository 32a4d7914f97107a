// Precision and recall of each CEAP detector against the synthetic ground truth (planted anomalies), by
// joining the ground-truth file (keyed by ideDocumento) with the detector flags.
import { SourceError, exists, quoteLiteral } from '../core/index.js';
import { openWarehouse } from './build.js';

/** Ground-truth anomaly kind → detector id. */
export const ANOMALY_DETECTOR: Record<string, string> = {
  over_monthly_subquota_limit: 'monthly_subquota_limit',
};

export interface DetectorEvaluation {
  detector: string;
  anomaly: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface CeapEvaluation {
  groundTruthFile: string;
  detectors: DetectorEvaluation[];
}

export async function evaluateCeap(options: {
  home: string;
  groundTruthFile: string;
}): Promise<CeapEvaluation> {
  if (!(await exists(options.groundTruthFile))) {
    throw new SourceError(
      `ground truth ${options.groundTruthFile} not found: --evaluate needs the synthetic data of "hardin demo" (or --ground-truth FILE)`,
    );
  }
  const db = await openWarehouse(options.home, undefined, true);
  try {
    const detectors: DetectorEvaluation[] = [];
    for (const [anomaly, detector] of Object.entries(ANOMALY_DETECTOR)) {
      const row = await db.one<{ tp: number; fp: number; fn: number }>(
        `WITH truth AS (
           SELECT DISTINCT r.reimbursement_id
           FROM read_csv(${quoteLiteral(options.groundTruthFile)}, header = true, all_varchar = true) g
           JOIN marts.reimbursements r ON r.document_id = CAST(g.ide_documento AS BIGINT)
           WHERE g.anomaly = ${quoteLiteral(anomaly)}),
         flagged AS (SELECT DISTINCT reimbursement_id FROM detect.ceap_flags WHERE detector = ${quoteLiteral(detector)})
         SELECT
           (SELECT count(*) FROM flagged JOIN truth USING (reimbursement_id))::BIGINT AS tp,
           (SELECT count(*) FROM flagged ANTI JOIN truth USING (reimbursement_id))::BIGINT AS fp,
           (SELECT count(*) FROM truth ANTI JOIN flagged USING (reimbursement_id))::BIGINT AS fn`,
      );
      const tp = row?.tp ?? 0;
      const fp = row?.fp ?? 0;
      const fn = row?.fn ?? 0;
      detectors.push({
        detector,
        anomaly,
        truePositives: tp,
        falsePositives: fp,
        falseNegatives: fn,
        precision: tp + fp === 0 ? 0 : tp / (tp + fp),
        recall: tp + fn === 0 ? 0 : tp / (tp + fn),
      });
    }
    return { groundTruthFile: options.groundTruthFile, detectors };
  } finally {
    db.close();
  }
}
