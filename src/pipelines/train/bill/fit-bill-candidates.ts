// Fits the three bill-outcome candidates on one split and evaluates them the same way: logistic regression and
// gradient-boosted trees on the aggregate features (fit-candidates.ts, shared with the glosa task) and a GRU over
// the event sequence. Every candidate's threshold is the highest-F1 one on the validation part, applied unchanged
// to the test part. The champion is the best validation average precision (area under the precision-recall curve:
// with about 2% of positives ROC AUC is near 0.97 for every candidate and says little about the top of the ranking,
// which is what a reader looks at); within 0.005 of the best, the simplest model wins (logistic regression, then
// trees, then the recurrent network), because it is cheaper to serve and to explain. The test part never drives a
// choice.
import {
  chooseThreshold,
  evaluateBinary,
  fitRnn,
  predictRnn,
  type BinaryEvaluation,
  type FeatureColumns,
  type RnnEpochInfo,
} from '../../../ml/index.js';
import { fitCandidates, type FeatureImportanceEntry } from '../fit-candidates.js';
import { BILL_FEATURES, billFeatureColumns, type BillSnapshot } from './bill-features.js';
import { BILL_TASK, type BillOutcomeModel } from './bill-model.js';
import { HORIZON_DAYS } from './bill-snapshots.js';
import { billSequences, chooseSteps } from './bill-sequences.js';
import { indexVocabulary, type BillVocabulary } from './bill-vocabulary.js';

export interface BillSplit {
  train: number[];
  valid: number[];
  test: number[];
}

export interface BillFitOptions {
  seed: number;
  threads?: number;
  /** Recurrent network settings (defaults: GRU, hidden 32, ≤ 30 epochs, patience 4). */
  rnn?: { cell?: 'gru' | 'lstm'; hidden?: number; epochs?: number; patience?: number };
  onStep?: (message: string) => void;
  onEpoch?: (info: RnnEpochInfo) => void;
}

export interface BillCandidate {
  name: string;
  algorithm: string;
  artifact: BillOutcomeModel;
  params: Record<string, string | number | boolean | null>;
  fitSeconds: number;
  iterations: number;
  valid: BinaryEvaluation;
  test: BinaryEvaluation;
  testProbabilities: Float64Array;
  featureImportance: FeatureImportanceEntry[];
  /** The recurrent network's learning curve (per epoch), empty for the tabular models. */
  epochs: RnnEpochInfo[];
}

export interface BillFitResult {
  candidates: BillCandidate[];
  champion: { name: string; rule: string; reason: string };
  thresholdRule: string;
  /** The aggregate features of every snapshot (what the tabular candidates read), for the report. */
  columns: FeatureColumns;
}

export const BILL_CHAMPION_RULE =
  'maior precisão média (área sob a curva PR) na validação, porque os positivos são raros; a até 0,005 do ' +
  'melhor vence o modelo mais simples ' +
  '(regressão logística, depois árvores, depois a rede recorrente)';
const SIMPLICITY = ['logistic-regression', 'gradient-boosted-trees', 'gru', 'lstm'];

/**
 * @example const fitted = await fitBillCandidates(snapshots, labels, split, vocab, { seed: 42 });
 */
export async function fitBillCandidates(
  snapshots: readonly BillSnapshot[],
  labels: Uint8Array,
  split: BillSplit,
  vocabulary: BillVocabulary,
  options: BillFitOptions,
): Promise<BillFitResult> {
  const step = options.onStep ?? (() => undefined);
  const index = indexVocabulary(vocabulary);
  const wrap = (
    estimator: BillOutcomeModel['estimator'],
    threshold: number,
    thresholdRule: string,
  ): BillOutcomeModel => ({
    kind: 'bill_outcome',
    version: 1,
    task: BILL_TASK,
    horizonDays: HORIZON_DAYS,
    vocabulary,
    estimator,
    threshold,
    thresholdRule,
  });

  // Tabular candidates on the aggregate features.
  const columns = billFeatureColumns(snapshots, index);
  const tabular = await fitCandidates(
    { task: BILL_TASK, n: snapshots.length, label: labels, columns, features: BILL_FEATURES },
    split,
    { seed: options.seed, threads: options.threads, onStep: step },
  );
  const candidates: BillCandidate[] = tabular.candidates.map((c) => ({
    name: c.name,
    algorithm: c.algorithm,
    artifact: wrap({ kind: 'tabular', model: c.model }, c.model.threshold, c.model.thresholdRule),
    params: c.params,
    fitSeconds: c.fitSeconds,
    iterations: c.iterations,
    valid: c.valid,
    test: c.test,
    testProbabilities: c.testProbabilities,
    featureImportance: c.featureImportance,
    epochs: [],
  }));

  // The recurrent network on the event sequences.
  step('recurrent network');
  const pick = (rows: number[]) => rows.map((i) => snapshots[i] as BillSnapshot);
  const pickY = (rows: number[]) => Uint8Array.from(rows, (i) => labels[i] as number);
  const steps = chooseSteps(pick(split.train));
  const seq = (rows: number[]) => billSequences(pick(rows), vocabulary, index, steps, pickY(rows));
  const train = seq(split.train);
  const valid = seq(split.valid);
  const test = seq(split.test);
  const cell = options.rnn?.cell ?? 'gru';
  const rnnParams = {
    cell,
    hidden: options.rnn?.hidden ?? 32,
    epochs: options.rnn?.epochs ?? 30,
    patience: options.rnn?.patience ?? 4,
    batchSize: 64,
    learningRate: 0.003,
    clipNorm: 1,
    dropout: 0.1,
    l2: 1e-5,
    steps,
  };
  const epochs: RnnEpochInfo[] = [];
  const t0 = performance.now();
  const rnn = await fitRnn(train, {
    seed: options.seed,
    cell,
    hidden: rnnParams.hidden,
    epochs: rnnParams.epochs,
    patience: rnnParams.patience,
    batchSize: rnnParams.batchSize,
    learningRate: rnnParams.learningRate,
    clipNorm: rnnParams.clipNorm,
    dropout: rnnParams.dropout,
    l2: rnnParams.l2,
    threads: options.threads,
    valid,
    onEpoch: (info) => {
      epochs.push(info);
      options.onEpoch?.(info);
    },
  });
  const fitSeconds = (performance.now() - t0) / 1000;
  const validProbs = predictRnn(rnn, valid);
  const chosen = chooseThreshold(valid.y, validProbs, { kind: 'max_f1' });
  const testProbs = predictRnn(rnn, test);
  candidates.push({
    name: cell,
    algorithm: cell,
    artifact: wrap({ kind: 'rnn', model: rnn }, chosen.threshold, chosen.description),
    params: rnnParams,
    fitSeconds,
    iterations: rnn.epochsRun,
    valid: evaluateBinary(valid.y, validProbs, chosen.threshold),
    test: evaluateBinary(test.y, testProbs, chosen.threshold),
    testProbabilities: testProbs,
    featureImportance: [],
    epochs,
  });

  return {
    candidates,
    champion: chooseChampion(candidates),
    thresholdRule: 'limiar de maior F1 na validação, aplicado sem mudança ao teste',
    columns,
  };
}

/** The champion by BILL_CHAMPION_RULE, with the reason in words (pt-BR, shown on the dashboard). */
export function chooseChampion(
  candidates: readonly Pick<BillCandidate, 'name' | 'algorithm' | 'valid'>[],
): BillFitResult['champion'] {
  const ap = (c: Pick<BillCandidate, 'valid'>) => c.valid.pr.averagePrecision;
  const best = Math.max(...candidates.map(ap));
  const ordered = [...candidates].sort(
    (a, b) => SIMPLICITY.indexOf(a.algorithm) - SIMPLICITY.indexOf(b.algorithm),
  );
  const champion = ordered.find((c) => ap(c) >= best - 0.005) ?? ordered[0]!;
  const others = candidates
    .filter((c) => c !== champion)
    .map((c) => `${ptDecimal(ap(c))} de ${c.name}`)
    .join(' e ');
  return {
    name: champion.name,
    rule: BILL_CHAMPION_RULE,
    reason:
      `${champion.name}: precisão média de validação ${ptDecimal(ap(champion))} contra ${others} ` +
      `(ROC AUC ${ptDecimal(champion.valid.roc.auc)})`,
  };
}

function ptDecimal(x: number): string {
  return x.toFixed(4).replace('.', ',');
}
