// `hardin train bill-outcome`: will this pending bill become law within two years? Reads the bills and their
// tramitação events from the warehouse, builds the labelled looks (bill-snapshots.ts), splits them by presentation
// date, fits logistic regression, gradient-boosted trees and a GRU on the same looks, writes the CRISP-DM report
// with the comparison, registers the three versions (champion and challenger aliases by the rule in
// fit-bill-candidates.ts) and scores today's pending bills with the champion into predictions.bill_outcome.
import { createHash } from 'node:crypto';
import path from 'node:path';
import {
  Db,
  ModelError,
  homePaths,
  silentProgress,
  type Config,
  type Progress,
} from '../../../core/index.js';
import { evaluateBinary, type BinaryEvaluation, type FeatureColumns } from '../../../ml/index.js';
import { Registry, canonicalJson, type DataSnapshot } from '../../../registry/index.js';
import { renderCrispDmHtml, renderCrispDmJson, type FeatureDescription } from '../../report/index.js';
import { BILL_FEATURES } from './bill-features.js';
import { daysBetween, type BillHistory } from './bill-history.js';
import { loadBillHistories } from './bill-load.js';
import { BILL_TASK, predictBillOutcome } from './bill-model.js';
import { writeBillPredictions } from './bill-predictions.js';
import { buildBillReport } from './bill-report.js';
import { HORIZON_DAYS, pendingSnapshots, trainingSnapshots } from './bill-snapshots.js';
import { splitByPresentation } from './bill-split.js';
import { fitBillVocabulary, type BillVocabulary } from './bill-vocabulary.js';
import { fitBillCandidates, type BillCandidate } from './fit-bill-candidates.js';
import { promoteRun, registerRun, upToDateChampion } from '../register-run.js';
import {
  lakeDataKind,
  lakeSnapshot,
  round,
  versionHistory,
  type TrainedCandidateSummary,
} from '../training-figures.js';

export interface TrainBillOutcomeOptions {
  home: string;
  seed?: number;
  now?: Date;
  runId: string;
  threads?: number;
  /** 'auto' (default): synthetic when every propositions input came from Hardin's generator. */
  dataKind?: 'synthetic' | 'real' | 'auto';
  /** Give the run's winner the champion alias and write its predictions (default true). */
  promote?: boolean;
  /** Recurrent network settings (tests use fewer epochs). */
  rnn?: { cell?: 'gru' | 'lstm'; hidden?: number; epochs?: number; patience?: number };
  progress?: Progress;
  duckdb?: Pick<Config, 'duckdbMemoryLimit' | 'duckdbThreads'>;
}

export type BillCandidateSummary = TrainedCandidateSummary;

export interface TrainBillOutcomeResult {
  task: string;
  dataKind: 'synthetic' | 'real';
  bills: number;
  rows: number;
  positives: number;
  baseRate: number;
  asOf: string;
  split: { train: number; valid: number; test: number; testFrom: string; testTo: string };
  candidates: BillCandidateSummary[];
  baseline: { auc: number; averagePrecision: number };
  champion: string;
  predictions: number;
  reportHtml: string;
  durationMs: number;
}

const PROPOSITION_DATASETS = [
  'camara/propositions',
  'camara/proposition_authors',
  'camara/proposition_themes',
  'camara/tramitacoes',
];

export async function trainBillOutcome(options: TrainBillOutcomeOptions): Promise<TrainBillOutcomeResult> {
  const started = performance.now();
  const seed = options.seed ?? 42;
  const now = options.now ?? new Date();
  const progress = options.progress ?? silentProgress;
  const paths = homePaths(options.home);
  const duck = {
    path: paths.warehouse,
    memoryLimit: options.duckdb?.duckdbMemoryLimit,
    threads: options.duckdb?.duckdbThreads,
  };

  progress.start('train bill-outcome: read bills', 1);
  const db = await Db.open({ ...duck, readOnly: true });
  const loaded = await loadBillHistories(db).finally(() => db.close());
  const { histories, asOf } = loaded;
  const looks = trainingSnapshots(histories, asOf);
  const positives = looks.labels.reduce((a, b) => a + b, 0);
  if (looks.snapshots.length < 200 || positives < 20) {
    throw new ModelError(
      `train bill-outcome: ${looks.snapshots.length} labelled looks at ${histories.length} bills with ` +
        `${positives} that became law is too little to train and evaluate; expected at least 200 looks and 20 ` +
        `laws (the data must span more than the ${HORIZON_DAYS}-day horizon before ${day(asOf)})`,
    );
  }
  const split = splitByPresentation(histories, looks);
  for (const name of ['train', 'valid', 'test'] as const) {
    const rows = split[name];
    if (rows.length === 0 || rows.every((i) => looks.labels[i] === 0)) {
      throw new ModelError(
        `train bill-outcome: the ${name} part of the split (bills presented ${day(split.ranges[name].from)} to ` +
          `${day(split.ranges[name].to)}, ${rows.length} looks) has no bill that became law; more years of data are needed`,
      );
    }
  }
  const trainBills = [...new Set(split.train.map((i) => looks.bill[i] as number))].map(
    (b) => histories[b] as BillHistory,
  );
  const vocabulary = fitBillVocabulary(trainBills);

  progress.start('train bill-outcome: fit', 3);
  let stepN = 0;
  const fitted = await fitBillCandidates(looks.snapshots, looks.labels, split, vocabulary, {
    seed,
    threads: options.threads,
    rnn: options.rnn,
    onStep: () => progress.update(stepN++),
  });

  // Baseline: the bill type's rate of becoming law among the training looks.
  const typeRate = ratesByType(looks.snapshots, looks.labels, split.train);
  const testY = Uint8Array.from(split.test, (i) => looks.labels[i] as number);
  const baselineScores = Float64Array.from(split.test, (i) => {
    const r = typeRate.get(looks.snapshots[i]!.history.typeCode);
    return r ? (r.p + 1) / (r.n + 20) : 0;
  });
  const baseline: BinaryEvaluation = evaluateBinary(testY, baselineScores, 0.5);

  const dataKind =
    options.dataKind && options.dataKind !== 'auto' ? options.dataKind : await detectDataKind(options.home);
  const snapshot = await propositionsSnapshot(options.home);
  const registry = await Registry.open(options.home);
  const previous = await registry.listVersions(BILL_TASK).catch(() => []);
  const nextVersion = (previous.length ? Math.max(...previous.map((v) => v.version)) : 0) + 1;
  const versionOf = new Map(fitted.candidates.map((c, i) => [c.name, nextVersion + i]));
  const champion = fitted.candidates.find((c) => c.name === fitted.champion.name) as BillCandidate;

  // Today's pending bills, scored by the champion.
  const pending = pendingSnapshots(histories, asOf);
  const pendingProbs = predictBillOutcome(champion.artifact, pending);

  const report = buildBillReport({
    generatedAt: now.toISOString(),
    dataKind,
    bills: histories.length,
    withoutEvents: loaded.withoutEvents,
    looks: looks.snapshots.length,
    positives,
    skippedFinal: looks.skippedFinal,
    skippedCensored: looks.skippedCensored,
    asOf,
    labels: looks.labels,
    split,
    byType: [...ratesByType(looks.snapshots, looks.labels).entries()]
      .sort((a, b) => b[1].n - a[1].n)
      .map(([group, r]) => ({ group, rows: r.n, positiveRate: r.p / r.n })),
    features: describeFeatures(fitted.columns, vocabulary),
    fitted,
    baseline,
    snapshot,
    championVersion: versionOf.get(champion.name) ?? 0,
    championSha256: createHash('sha256').update(canonicalJson(champion.artifact)).digest('hex'),
    history: versionHistory(previous),
    pendingPredicted: pending.length,
  });
  const html = renderCrispDmHtml(report);
  const json = JSON.parse(renderCrispDmJson(report)) as unknown;

  const summaries = await registerRun(
    registry,
    fitted.candidates.map((c) => ({
      ...c,
      featureSchema: featureSchemaOf(c),
      extraMetrics: {
        baseRate: round(positives / looks.snapshots.length, 6),
        ...(c.epochs.length
          ? {
              epochs: c.epochs.map((e) => ({
                epoch: e.epoch,
                trainLoss: round(e.trainLoss, 6),
                validLoss: round(e.validLoss ?? NaN, 6),
                validAuc: round(e.validAuc ?? NaN, 6),
              })),
            }
          : {}),
      },
    })),
    {
      task: BILL_TASK,
      seed,
      dataKind,
      dataSnapshot: snapshot,
      createdAt: now.toISOString(),
      report: { html, json },
      trainRunId: options.runId,
      versionOf,
    },
  );

  if (options.promote !== false) {
    const win = summaries.find((s) => s.name === champion.name) as BillCandidateSummary;
    const runnerUp = [...fitted.candidates]
      .filter((c) => c.name !== champion.name)
      .sort((a, b) => b.valid.pr.averagePrecision - a.valid.pr.averagePrecision)[0] as BillCandidate;
    await promoteRun(
      registry,
      BILL_TASK,
      win,
      summaries.find((s) => s.name === runnerUp.name) as BillCandidateSummary,
      {
        reason: fitted.champion.reason,
        runnerUpReason: 'runner-up of the same training run (validation average precision)',
        at: now.toISOString(),
      },
    );
    const rw = await Db.open(duck);
    try {
      await writeBillPredictions(rw, {
        asOf,
        threshold: champion.artifact.threshold,
        horizonDays: champion.artifact.horizonDays,
        modelName: BILL_TASK,
        modelVersion: win.version,
        algorithm: champion.algorithm,
        predictedAt: now,
        rows: pending.map((s, k) => ({
          billId: s.history.billId,
          ageDays: daysBetween(s.history.presentedAt, asOf),
          eventsUsed: s.events.length,
          probability: pendingProbs[k] as number,
        })),
      });
    } finally {
      rw.close();
    }
  }

  return {
    task: BILL_TASK,
    dataKind,
    bills: histories.length,
    rows: looks.snapshots.length,
    positives,
    baseRate: round(positives / looks.snapshots.length, 6),
    asOf: day(asOf),
    split: {
      train: split.train.length,
      valid: split.valid.length,
      test: split.test.length,
      testFrom: day(split.ranges.test.from),
      testTo: day(split.ranges.test.to),
    },
    candidates: summaries,
    baseline: { auc: round(baseline.roc.auc, 4), averagePrecision: round(baseline.pr.averagePrecision, 4) },
    champion: champion.name,
    predictions: options.promote !== false ? pending.length : 0,
    reportHtml: path.join(
      paths.home,
      'registry',
      BILL_TASK,
      String(versionOf.get(champion.name)),
      'report.html',
    ),
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * The bill-outcome champion when it was trained on exactly the current propositions in the lake, by this code
 * version and seed — a re-run of the demo then has nothing to train. Undefined otherwise.
 */
export async function upToDateBillChampion(
  home: string,
  seed: number,
): Promise<{ version: number; algorithm: string } | undefined> {
  return upToDateChampion(await Registry.open(home), BILL_TASK, seed, await propositionsSnapshot(home));
}

/** The current propositions partitions of the lake: what the model was trained on. */
function propositionsSnapshot(home: string): Promise<DataSnapshot> {
  return lakeSnapshot(home, PROPOSITION_DATASETS);
}

/** Synthetic when every current propositions input was written by Hardin's generator. */
function detectDataKind(home: string): Promise<'synthetic' | 'real'> {
  return lakeDataKind(home, PROPOSITION_DATASETS);
}

/** What the predict endpoint's caller supplies: the bill and its events (the model computes the rest). */
function featureSchemaOf(c: BillCandidate) {
  const vocab = c.artifact.vocabulary;
  const isRnn = c.artifact.estimator.kind === 'rnn';
  return [
    {
      name: 'type_code',
      type: 'category' as const,
      description: 'bill type',
      descriptionPt: 'tipo da proposição',
      allowed: vocab.type,
    },
    {
      name: 'author_kind',
      type: 'category' as const,
      description: 'first author kind',
      descriptionPt: 'tipo do primeiro autor',
      allowed: vocab.authorKind,
    },
    {
      name: 'presented_at',
      type: 'number' as const,
      description: 'presentation date (ISO)',
      descriptionPt: 'data de apresentação',
    },
    {
      name: 'events',
      type: 'number' as const,
      description: isRnn
        ? 'tramitação events up to the cutoff, read as a sequence by the recurrent network'
        : `tramitação events up to the cutoff, summarised into ${BILL_FEATURES.length} aggregate features`,
      descriptionPt: isRnn
        ? 'eventos de tramitação até o corte, lidos em sequência pela rede recorrente'
        : `eventos de tramitação até o corte, resumidos em ${BILL_FEATURES.length} agregados`,
    },
  ];
}

function describeFeatures(columns: FeatureColumns, vocabulary: BillVocabulary): FeatureDescription[] {
  return BILL_FEATURES.map((f) => {
    const values = columns[f.name] as Float64Array;
    if (f.kind === 'category') {
      const counts = new Map<number, number>();
      for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
      const levelsOf = levelNames(f.name, vocabulary);
      const top = [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, 5)
        .map(([code, n]) => ({ value: levelsOf(code), share: n / values.length }));
      return {
        name: f.name,
        description: f.descriptionPt ?? f.description,
        type: 'categorical' as const,
        missingShare: 0,
        summary: { kind: 'categorical' as const, top, distinct: counts.size },
      };
    }
    const sorted = Float64Array.from(values).sort();
    return {
      name: f.name,
      description: f.descriptionPt ?? f.description,
      type: sorted.every((v) => v === 0 || v === 1) ? ('boolean' as const) : ('numeric' as const),
      missingShare: 0,
      summary: {
        kind: 'numeric' as const,
        min: round(sorted[0] ?? NaN, 2),
        median: round(sorted[Math.floor(sorted.length / 2)] ?? NaN, 2),
        max: round(sorted[sorted.length - 1] ?? NaN, 2),
      },
    };
  });
}

function levelNames(feature: string, vocabulary: BillVocabulary) {
  const field = (
    {
      type: 'type',
      author_kind: 'authorKind',
      author_party: 'authorParty',
      theme: 'theme',
      last_situation: 'situation',
      last_organ_kind: 'organKind',
      last_regime: 'regime',
    } as const
  )[feature as 'type'];
  return (code: number) =>
    code === 0 ? 'outro' : code === 1 ? '(vazio)' : (vocabulary[field]?.[code - 2] ?? String(code));
}

/** Looks and laws per bill type, over `rows` (default: every look). */
function ratesByType(
  snapshots: readonly { history: BillHistory }[],
  labels: Uint8Array,
  rows: readonly number[] = snapshots.map((_, i) => i),
) {
  const m = new Map<string, { n: number; p: number }>();
  for (const i of rows) {
    const t = (snapshots[i] as { history: BillHistory }).history.typeCode;
    const r = m.get(t) ?? { n: 0, p: 0 };
    r.n++;
    r.p += labels[i] as number;
    m.set(t, r);
  }
  return m;
}

function day(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '?';
}
