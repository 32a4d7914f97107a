// The deployable bill-outcome model: the vocabularies learnt in training, the estimator (a tabular model on the
// aggregate features, or a recurrent network on the event sequence), the operating threshold and the label's
// horizon, in one JSON artifact. predictBillOutcome turns bill snapshots into probabilities the same way for
// every estimator, so the training evaluation, the precomputed predictions and the API all go through it.
import { ModelError } from '../../../core/index.js';
import {
  assertTabularModel,
  predictRnn,
  predictTabular,
  type RnnModel,
  type TabularModel,
} from '../../../ml/index.js';
import { billFeatureColumns, type BillSnapshot } from './bill-features.js';
import { billSequences } from './bill-sequences.js';
import { VOCABULARY_FIELDS, indexVocabulary, type BillVocabulary } from './bill-vocabulary.js';

export const BILL_TASK = 'bill-outcome';

export type BillEstimator = { kind: 'tabular'; model: TabularModel } | { kind: 'rnn'; model: RnnModel };

export interface BillOutcomeModel {
  kind: 'bill_outcome';
  version: 1;
  task: typeof BILL_TASK;
  /** The label: becomes law within this many days after the cutoff. */
  horizonDays: number;
  vocabulary: BillVocabulary;
  estimator: BillEstimator;
  /** Probability at or above which a bill is predicted to become law. */
  threshold: number;
  thresholdRule: string;
}

/**
 * P(becomes law within horizonDays of the cutoff) for each snapshot.
 * @example const p = predictBillOutcome(model, [{ history, cutoff: Date.now(), events: history.events }]);
 */
export function predictBillOutcome(
  model: BillOutcomeModel,
  snapshots: readonly BillSnapshot[],
): Float64Array {
  if (snapshots.length === 0) return new Float64Array(0);
  const index = indexVocabulary(model.vocabulary);
  const est = model.estimator;
  if (est.kind === 'tabular') {
    return predictTabular(est.model, billFeatureColumns(snapshots, index), snapshots.length);
  }
  return predictRnn(est.model, billSequences(snapshots, model.vocabulary, index, est.model.steps));
}

/** The algorithm name of an estimator, as registered (gru, lstm, logistic-regression, gradient-boosted-trees). */
export function billAlgorithm(est: BillEstimator): string {
  if (est.kind === 'rnn') return est.model.cell;
  return est.model.estimator.kind === 'gbdt' ? 'gradient-boosted-trees' : 'logistic-regression';
}

/** Checks the shape of an artifact read from disk before anything predicts with it. */
export function assertBillOutcomeModel(value: unknown, where: string): asserts value is BillOutcomeModel {
  const m = value as Partial<BillOutcomeModel> | null;
  if (!m || m.kind !== 'bill_outcome') {
    throw new ModelError(`${where}: not a bill-outcome artifact (kind "${String(m?.kind)}")`);
  }
  if (!m.vocabulary || VOCABULARY_FIELDS.some((f) => !Array.isArray(m.vocabulary?.[f]))) {
    throw new ModelError(`${where}: artifact has no vocabulary for ${VOCABULARY_FIELDS.join(', ')}`);
  }
  if (typeof m.threshold !== 'number' || !(m.threshold >= 0 && m.threshold <= 1)) {
    throw new ModelError(`${where}: artifact threshold ${String(m.threshold)} is not a probability`);
  }
  if (typeof m.horizonDays !== 'number' || !(m.horizonDays > 0)) {
    throw new ModelError(`${where}: artifact horizonDays ${String(m.horizonDays)} is not a positive number`);
  }
  const est = m.estimator;
  if (est?.kind === 'tabular') assertTabularModel(est.model, `${where} (estimator)`);
  else if (est?.kind === 'rnn') {
    const r = est.model as Partial<RnnModel> | undefined;
    if (r?.kind !== 'rnn' || !r.weights || !Number.isInteger(r.steps)) {
      throw new ModelError(`${where}: the recurrent estimator has no weights or sequence length`);
    }
  } else {
    throw new ModelError(
      `${where}: unknown estimator kind "${String((est as unknown as { kind?: string } | undefined)?.kind)}"`,
    );
  }
}
