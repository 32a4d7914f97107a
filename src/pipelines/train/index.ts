// Training pipelines: one entry per task, all returning the same summary shape.
import { trainBillOutcome, type TrainBillOutcomeOptions, type TrainBillOutcomeResult } from './bill/index.js';
import { trainGlosa, type TrainGlosaOptions, type TrainGlosaResult } from './train-glosa.js';

export type TrainTaskOptions = TrainGlosaOptions & Pick<TrainBillOutcomeOptions, 'rnn'>;
export type TrainTaskResult = TrainGlosaResult | TrainBillOutcomeResult;

export const TRAIN_TASKS: Record<string, (options: TrainTaskOptions) => Promise<TrainTaskResult>> = {
  glosa: trainGlosa,
  'bill-outcome': trainBillOutcome,
};

/** Runs the named task's training pipeline. */
export function trainTask(task: string, options: TrainTaskOptions): Promise<TrainTaskResult> {
  const run = TRAIN_TASKS[task];
  if (!run) throw new Error(`unknown training task "${task}"`);
  return run(options);
}

export {
  trainGlosa,
  upToDateGlosaChampion,
  type TrainGlosaOptions,
  type TrainGlosaResult,
} from './train-glosa.js';
export { GLOSA_FEATURES, GLOSA_TASK, glosaFeaturesSql, loadGlosaData } from './glosa-task.js';
export { loadColumns } from './load-columns.js';
export { buildGlosaMatrices, writeGlosaMatrices, type GlosaMatrices } from './glosa-matrices.js';
export * from './bill/index.js';
