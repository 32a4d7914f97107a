// The bill-outcome task: will a pending bill become law within two years, from its tramitação so far.
export {
  trainBillOutcome,
  upToDateBillChampion,
  type BillCandidateSummary,
  type TrainBillOutcomeOptions,
  type TrainBillOutcomeResult,
} from './train-bill-outcome.js';
export {
  BILL_TASK,
  assertBillOutcomeModel,
  billAlgorithm,
  predictBillOutcome,
  type BillOutcomeModel,
} from './bill-model.js';
export { FINAL_SITUATIONS, eventsUpTo, isPending, type BillEvent, type BillHistory } from './bill-history.js';
export { loadBillHistories } from './bill-load.js';
export { BILL_FEATURES, billFeatureColumns, type BillSnapshot } from './bill-features.js';
export { HORIZON_DAYS, SNAPSHOT_AGES, pendingSnapshots, trainingSnapshots } from './bill-snapshots.js';
