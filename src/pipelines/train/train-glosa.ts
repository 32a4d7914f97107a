// `hardin train glosa`: will the Câmara refuse part of this claim? Reads features.glosa_features from the
// warehouse, splits by accounting period (train → valid → test, oldest to newest), fits logistic regression and
// gradient-boosted trees, evaluates both on the same held-out periods, writes the CRISP-DM report and registers
// both versions; the champion (by the rule in fit-candidates.ts) gets the `champion` alias and the other one
// `challenger`. With fewer than 50,000 rows (e.g. the real 2019 extract) a stratified 5-fold cross-validation
// on the train+valid periods is added to the report, because one small test window is a noisy estimate.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Db, ModelError, homePaths, silentProgress, type Config, type Progress } from '../../core/index.js';
import {
  countPositives,
  evaluateBinary,
  rocAuc,
  stratifiedKFold,
  timeSplit,
  type BinaryEvaluation,
} from '../../ml/index.js';
import { Registry, canonicalJson, type DataSnapshot } from '../../registry/index.js';
import { renderCrispDmHtml, renderCrispDmJson } from '../report/index.js';
import { fitCandidates, type CandidateResult, type TabularSplit } from './fit-candidates.js';
import { buildGlosaReport } from './glosa-report.js';
import { promoteRun, registerRun, upToDateChampion } from './register-run.js';
import { GLOSA_FEATURES, GLOSA_TASK, loadGlosaData, type GlosaData } from './glosa-task.js';
import {
  lakeDataKind,
  lakeSnapshot,
  round,
  versionHistory,
  type TrainedCandidateSummary,
} from './training-figures.js';

export type { TrainedCandidateSummary } from './training-figures.js';

export interface TrainGlosaOptions {
  home: string;
  seed?: number;
  now?: Date;
  runId: string;
  threads?: number;
  /** 'auto' (default): synthetic when every CEAP input came from Hardin's generator. */
  dataKind?: 'synthetic' | 'real' | 'auto';
  /** Give the run's winner the champion alias (default true). */
  promote?: boolean;
  progress?: Progress;
  duckdb?: Pick<Config, 'duckdbMemoryLimit' | 'duckdbThreads'>;
}

export interface TrainGlosaResult {
  task: string;
  dataKind: 'synthetic' | 'real';
  rows: number;
  positives: number;
  split: {
    axis: 'period' | 'claim_date';
    train: number;
    valid: number;
    test: number;
    testFrom: string;
    testTo: string;
  };
  candidates: TrainedCandidateSummary[];
  champion: string;
  crossValidation?: { name: string; folds: number; aucMean: number; aucStd: number }[];
  reportHtml: string;
  durationMs: number;
}

const SMALL_DATA_ROWS = 50_000;
const MIN_PERIODS_FOR_PERIOD_SPLIT = 6;

export async function trainGlosa(options: TrainGlosaOptions): Promise<TrainGlosaResult> {
  const started = performance.now();
  const seed = options.seed ?? 42;
  const now = options.now ?? new Date();
  const progress = options.progress ?? silentProgress;
  const paths = homePaths(options.home);
  const db = await Db.open({
    path: paths.warehouse,
    readOnly: true,
    memoryLimit: options.duckdb?.duckdbMemoryLimit,
    threads: options.duckdb?.duckdbThreads,
  });
  let data: GlosaData;
  let groups: { group: string; rows: number; positiveRate: number }[];
  try {
    progress.start('train glosa: read features', 1);
    const exists = await db.one<{ n: number }>(
      `select count(*) as n from information_schema.tables where table_schema = 'features' and table_name = 'glosa_features'`,
    );
    if (!exists?.n) {
      throw new ModelError(
        `train glosa: the warehouse in ${options.home} has no features.glosa_features table; run \`hardin build\` first`,
      );
    }
    data = await loadGlosaData(db);
    groups = await db.all(
      `select cast(f.subquota as varchar) || ' ' || coalesce(any_value(r.subquota_description), '') as "group",
              count(*) as rows, avg(f.label) as "positiveRate"
         from features.glosa_features f join marts.reimbursements r using (reimbursement_id)
        group by f.subquota order by rows desc limit 15`,
    );
  } finally {
    db.close();
  }
  const positives = countPositives(data.label);
  if (data.n < 200 || positives < 20) {
    throw new ModelError(
      `train glosa: ${data.n} rows with ${positives} glosas is too little to train and evaluate; ` +
        `expected at least 200 rows and 20 glosas`,
    );
  }

  // By accounting period when the data spans enough of them; else (e.g. a one-month extract) by claim date.
  const periods = new Set(data.periods).size;
  const splitAxis: 'period' | 'claim_date' =
    periods >= MIN_PERIODS_FOR_PERIOD_SPLIT ? 'period' : 'claim_date';
  const split = timeSplit(splitAxis === 'period' ? data.time : data.claimDay, {
    validShare: 0.15,
    testShare: 0.2,
  });
  for (const [name, rows] of Object.entries({ train: split.train, valid: split.valid, test: split.test })) {
    if (rows.length === 0 || countIn(data.label, rows) === 0) {
      throw new ModelError(
        `train glosa: the ${name} part of the time split has no glosa (${rows.length} rows); ` +
          `the data must span several accounting periods with glosas in each part`,
      );
    }
  }
  progress.start('train glosa: fit', 2);
  const taskData = {
    task: GLOSA_TASK,
    n: data.n,
    label: data.label,
    columns: data.columns,
    features: GLOSA_FEATURES,
  };
  let stepN = 0;
  const fitted = await fitCandidates(taskData, split, {
    seed,
    threads: options.threads,
    onStep: () => progress.update(stepN++),
  });

  // A naive baseline: the subquota's glosa rate in earlier periods, used as the score.
  const baselineScores = pick(data.columns.subquota_prior_glosa_rate as Float64Array, split.test);
  const testLabels = pickLabels(data.label, split.test);
  const baseline: BinaryEvaluation = evaluateBinary(testLabels, baselineScores, 0.5);

  let crossValidation: TrainGlosaResult['crossValidation'];
  if (data.n < SMALL_DATA_ROWS) {
    progress.start('train glosa: cross-validation', 5);
    crossValidation = await crossValidate(taskData, [...split.train, ...split.valid], seed, options.threads);
  }

  const dataKind =
    options.dataKind && options.dataKind !== 'auto' ? options.dataKind : await detectDataKind(options.home);
  const snapshot = await ceapSnapshot(options.home);
  const registry = await Registry.open(options.home);
  const previous = await registry.listVersions(GLOSA_TASK).catch(() => []);

  // Versions are numbered by the registry; the report needs them, so reserve the order first: register in the
  // order of candidates, then write the same report into both (register accepts the report up front).
  const versionOf = new Map<string, number>();
  const nextVersion = (previous.length ? Math.max(...previous.map((v) => v.version)) : 0) + 1;
  fitted.candidates.forEach((c, i) => versionOf.set(c.name, nextVersion + i));
  const champion = fitted.candidates.find((c) => c.name === fitted.champion.name) as CandidateResult;

  const report = buildGlosaReport({
    generatedAt: now.toISOString(),
    dataKind,
    data,
    positives,
    groups,
    split,
    splitAxis,
    fitted,
    baseline,
    crossValidation,
    snapshot,
    championVersion: versionOf.get(champion.name) ?? 0,
    championSha256: createHash('sha256').update(canonicalJson(champion.model)).digest('hex'),
    history: versionHistory(previous),
  });
  const html = renderCrispDmHtml(report);
  const json = JSON.parse(renderCrispDmJson(report)) as unknown;

  const summaries = await registerRun(
    registry,
    fitted.candidates.map((c) => ({
      ...c,
      artifact: c.model,
      featureSchema: GLOSA_FEATURES.map((f) => ({
        name: f.name,
        type: f.kind === 'category' ? ('category' as const) : ('number' as const),
        description: f.description,
        ...(f.descriptionPt ? { descriptionPt: f.descriptionPt } : {}),
        ...(f.kind === 'category'
          ? { allowed: c.model.encoding.categories.find((k) => k.feature === f.name)?.levels ?? [] }
          : {}),
      })),
    })),
    {
      task: GLOSA_TASK,
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
    await promoteRun(
      registry,
      GLOSA_TASK,
      summaries.find((s) => s.name === champion.name) as TrainedCandidateSummary,
      summaries.find((s) => s.name !== champion.name) as TrainedCandidateSummary,
      {
        reason: fitted.champion.reason,
        runnerUpReason: 'runner-up of the same training run',
        at: now.toISOString(),
      },
    );
  }
  const testRows = split.test;
  return {
    task: GLOSA_TASK,
    dataKind,
    rows: data.n,
    positives,
    split: {
      axis: splitAxis,
      train: split.train.length,
      valid: split.valid.length,
      test: testRows.length,
      testFrom: dayOrPeriod(data, splitAxis, testRows, 'first'),
      testTo: dayOrPeriod(data, splitAxis, testRows, 'last'),
    },
    candidates: summaries,
    champion: champion.name,
    crossValidation,
    reportHtml: path.join(
      paths.home,
      'registry',
      GLOSA_TASK,
      String(versionOf.get(champion.name)),
      'report.html',
    ),
    durationMs: Math.round(performance.now() - started),
  };
}

async function crossValidate(
  taskData: Parameters<typeof fitCandidates>[0],
  rows: number[],
  seed: number,
  threads: number | undefined,
): Promise<NonNullable<TrainGlosaResult['crossValidation']>> {
  const labels = pickLabels(taskData.label, rows);
  const folds = stratifiedKFold(labels, 5, seed);
  const aucs = new Map<string, number[]>();
  for (const fold of folds) {
    const train = fold.train.map((k) => rows[k] as number);
    const test = fold.test.map((k) => rows[k] as number);
    // early stopping and threshold need a validation part: the last 15% of the fold's training rows
    const cut = Math.floor(train.length * 0.85);
    const split: TabularSplit = { train: train.slice(0, cut), valid: train.slice(cut), test };
    const fitted = await fitCandidates(taskData, split, { seed, threads });
    for (const c of fitted.candidates) {
      const list = aucs.get(c.name) ?? [];
      list.push(rocAuc(pickLabels(taskData.label, test), c.testProbabilities));
      aucs.set(c.name, list);
    }
  }
  return [...aucs.entries()].map(([name, list]) => {
    const mean = list.reduce((a, b) => a + b, 0) / list.length;
    const std = Math.sqrt(list.reduce((a, b) => a + (b - mean) ** 2, 0) / list.length);
    return { name, folds: list.length, aucMean: round(mean, 4), aucStd: round(std, 4) };
  });
}

/**
 * The glosa champion when it was trained on exactly the current lake data, by this code version and seed — a
 * re-run of the demo then has nothing to train. Undefined otherwise.
 */
export async function upToDateGlosaChampion(
  home: string,
  seed: number,
): Promise<{ version: number; algorithm: string } | undefined> {
  return upToDateChampion(await Registry.open(home), GLOSA_TASK, seed, await ceapSnapshot(home));
}

/** The current CEAP partitions of the lake: what this model was trained on. */
function ceapSnapshot(home: string): Promise<DataSnapshot> {
  return lakeSnapshot(home, ['camara/ceap']);
}

/** Synthetic when every current CEAP input was written by Hardin's generator (it records that in the manifest). */
function detectDataKind(home: string): Promise<'synthetic' | 'real'> {
  return lakeDataKind(home, ['camara/ceap']);
}

/** The first or last period (or claim date) of a part, as text. */
function dayOrPeriod(
  data: GlosaData,
  axis: 'period' | 'claim_date',
  rows: ArrayLike<number>,
  which: 'first' | 'last',
): string {
  if (rows.length === 0) return '';
  const axisValues = axis === 'period' ? data.time : data.claimDay;
  let best = rows[0] as number;
  for (let k = 1; k < rows.length; k++) {
    const i = rows[k] as number;
    const v = axisValues[i] as number;
    if (which === 'first' ? v < (axisValues[best] as number) : v > (axisValues[best] as number)) best = i;
  }
  return axis === 'period'
    ? (data.periods[best] ?? '')
    : new Date((data.claimDay[best] as number) * 86_400_000).toISOString().slice(0, 10);
}

function pick(values: Float64Array, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k] as number] as number;
  return out;
}

function pickLabels(values: Uint8Array, rows: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k] as number] as number;
  return out;
}

function countIn(labels: Uint8Array, rows: ArrayLike<number>): number {
  let c = 0;
  for (let k = 0; k < rows.length; k++) c += labels[rows[k] as number] as number;
  return c;
}
