// An evaluation with its ROC and precision-recall curves cut to at most `points` points (the area figures are kept
// as computed on the full curves), so a report and the registry stay small whatever the test set's size.
import { downsampleCurve, type BinaryEvaluation } from '../../ml/index.js';

export function slimEvaluation(e: BinaryEvaluation, points = 200): BinaryEvaluation {
  const roc = downsampleCurve(e.roc.fpr, e.roc.tpr, e.roc.thresholds, points);
  const pr = downsampleCurve(e.pr.recall, e.pr.precision, e.pr.thresholds, points);
  return {
    ...e,
    roc: { fpr: roc.x, tpr: roc.y, thresholds: roc.thresholds, auc: e.roc.auc },
    pr: { recall: pr.x, precision: pr.y, thresholds: pr.thresholds, averagePrecision: e.pr.averagePrecision },
  };
}
