// Registering the candidates of one training run, the same way for every task: each candidate becomes the next
// version with its evaluation figures, the same report, data snapshot and run id, in the order the report already
// numbered them (another run registering the same model meanwhile is an error, not a silent renumbering); then the
// winner gets `champion` and the runner-up `challenger`.
import { ModelError, packageVersion } from '../../core/index.js';
import type { BinaryEvaluation } from '../../ml/index.js';
import type { DataSnapshot, FeatureSpec, Registry } from '../../registry/index.js';
import {
  candidateSummary,
  evaluationFigures,
  round,
  sameSnapshot,
  type TrainedCandidateSummary,
} from './training-figures.js';

export interface RunCandidate {
  name: string;
  algorithm: string;
  artifact: unknown;
  params: Record<string, string | number | boolean | null>;
  fitSeconds: number;
  iterations: number;
  valid: BinaryEvaluation;
  test: BinaryEvaluation;
  featureSchema: FeatureSpec[];
  /** Task-specific metrics stored beside the figures (e.g. the base rate, the learning curve). */
  extraMetrics?: Record<string, unknown>;
}

export interface RunRegistration {
  task: string;
  seed: number;
  dataKind: 'synthetic' | 'real';
  dataSnapshot: DataSnapshot;
  createdAt: string;
  report: { html: string; json: unknown };
  trainRunId: string;
  /** The version each candidate must get (the report was written with these numbers). */
  versionOf: ReadonlyMap<string, number>;
}

/** Registers every candidate in order and returns their summaries (aliases not set yet). */
export async function registerRun(
  registry: Registry,
  candidates: readonly RunCandidate[],
  run: RunRegistration,
): Promise<TrainedCandidateSummary[]> {
  const summaries: TrainedCandidateSummary[] = [];
  for (const c of candidates) {
    const registered = await registry.register({
      name: run.task,
      algorithm: c.algorithm,
      artifact: c.artifact,
      params: c.params,
      seed: run.seed,
      metrics: {
        dataKind: run.dataKind,
        valid: evaluationFigures(c.valid),
        test: evaluationFigures(c.test),
        ...c.extraMetrics,
        fitSeconds: round(c.fitSeconds, 3),
      },
      featureSchema: c.featureSchema,
      dataSnapshot: run.dataSnapshot,
      codeVersion: packageVersion(),
      createdAt: run.createdAt,
      report: run.report,
      trainRunId: run.trainRunId,
    });
    const expected = run.versionOf.get(c.name);
    if (registered.version !== expected) {
      throw new ModelError(
        `train ${run.task}: registered ${c.name} as version ${registered.version}, expected ${expected}; ` +
          `another training run registered a ${run.task} model at the same time — rerun`,
      );
    }
    summaries.push(candidateSummary(c, registered.version));
  }
  return summaries;
}

/** Gives `champion` to the winner and `challenger` to the runner-up, marking both summaries. */
export async function promoteRun(
  registry: Registry,
  task: string,
  winner: TrainedCandidateSummary,
  runnerUp: TrainedCandidateSummary,
  { reason, runnerUpReason, at }: { reason: string; runnerUpReason: string; at: string },
): Promise<void> {
  await registry.promote(task, winner.version, { reason, at });
  await registry.setAlias(task, 'challenger', runnerUp.version, { reason: runnerUpReason, at });
  winner.alias = 'champion';
  runnerUp.alias = 'challenger';
}

/**
 * The champion of `task` when it was trained on exactly `current` (the lake inputs now), by this code version and
 * seed, with an intact artifact — a re-run of the demo then has nothing to train. Undefined otherwise.
 */
export async function upToDateChampion(
  registry: Registry,
  task: string,
  seed: number,
  current: DataSnapshot,
): Promise<{ version: number; algorithm: string } | undefined> {
  const champion = await registry.getVersion(task, 'champion').catch(() => undefined);
  if (!champion || champion.seed !== seed || champion.codeVersion !== packageVersion()) return undefined;
  if (!sameSnapshot(champion.dataSnapshot, current)) return undefined;
  const check = await registry.verifyArtifact(task, champion.version);
  return check.status === 'ok' ? { version: champion.version, algorithm: champion.algorithm } : undefined;
}
