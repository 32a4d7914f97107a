// An evaluation with its ROC and precision-recall curves cut to at most `points` points (the area figures are kept
// as computed on the full curves), so a report and the registry stay small whatever the test set's size; and a
// candidate's evaluation in the form every task's report shows it.
import { downsampleCurve, type BinaryEvaluation } from '../../ml/index.js';
import type { FeatureImportance, ModelEvaluation } from './crisp-dm-types.js';

export function slimEvaluation(e: BinaryEvaluation, points = 200): BinaryEvaluation {
  const roc = downsampleCurve(e.roc.fpr, e.roc.tpr, e.roc.thresholds, points);
  const pr = downsampleCurve(e.pr.recall, e.pr.precision, e.pr.thresholds, points);
  return {
    ...e,
    roc: { fpr: roc.x, tpr: roc.y, thresholds: roc.thresholds, auc: e.roc.auc },
    pr: { recall: pr.x, precision: pr.y, thresholds: pr.thresholds, averagePrecision: e.pr.averagePrecision },
  };
}

/** A fitted candidate's evaluation as the report shows it: slimmed curves and its 15 strongest features. */
export function reportedModel(c: {
  name: string;
  algorithm: string;
  valid: BinaryEvaluation;
  test: BinaryEvaluation;
  featureImportance: readonly FeatureImportance[];
}): ModelEvaluation {
  return {
    name: c.name,
    algorithm: c.algorithm,
    valid: slimEvaluation(c.valid),
    test: slimEvaluation(c.test),
    featureImportance: [...c.featureImportance]
      .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
      .slice(0, 15),
  };
}
