// Benchmark suites. Each prints JSON lines and a final {"suite":…,"ok":true}.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCeap } from '../dist/src/sources/index.js';
import { ingestCeap, ingestSalicExtracts, openWarehouse, runBuild } from '../dist/src/pipelines/index.js';
import {
  CEAP_DETECTORS,
  computeSalicFamilies,
  rankCeapDeputies,
  runDetectors,
  runSalicMetrics,
} from '../dist/src/detect/index.js';
import { generateSalic } from '../dist/src/sources/synthetic/salic/index.js';
import {
  fitGbdt,
  fitIsolationForest,
  fitLogisticRegression,
  predictGbdt,
  predictLogistic,
  rocAuc,
  scoreIsolationForest,
  selectRows,
} from '../dist/src/ml/index.js';
import { fitRnn } from '../dist/src/ml/rnn/index.js';
import { makeMlBenchData, writeMlBenchData } from './ml-data.js';
import { makeRnnBenchData, toSequenceDataset, writeRnnBenchData } from './rnn-data.js';
import { serve } from './serve.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const emit = (o) => console.log(JSON.stringify(o));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Debian's python3-pandas/python3-sklearn install under /usr/bin/python3; a pyenv `python3` on PATH lacks them.
const PYTHON = process.env.BENCH_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

function hasPython(module) {
  return spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

async function ingest() {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'hardin-bench-'));
  try {
    const gen = await generateCeap({ outDir: path.join(tmp, 'data'), seed: 7, scale: 2.8, years: [2025] });
    const file = gen.files[0];
    const bytes = (await fs.stat(file.path)).size;
    emit({ suite: 'ingest', metric: 'input', rows: file.rows, bytes });
    const times = [];
    for (let i = 0; i <= runs; i++) {
      const home = path.join(tmp, `home-${i}`);
      const t0 = performance.now();
      const r = await ingestCeap({ home, file: file.path });
      const s = (performance.now() - t0) / 1000;
      if (i > 0) times.push(s); // first run is a warm-up
      if (r.rows + r.quarantined !== file.rows)
        throw new Error(`bench: ${r.rows}+${r.quarantined} != ${file.rows}`);
      await fs.rm(home, { recursive: true, force: true });
    }
    const s = median(times);
    const figure = {
      suite: 'ingest',
      metric: 'csv_to_lake_s',
      value: round(s),
      rows_per_s: Math.round(file.rows / s),
      n: file.rows,
    };
    if (hasPython('pandas')) {
      const out = execFileSync(
        PYTHON,
        [path.join(here, 'anchors/pandas_read_csv.py'), file.path, String(runs)],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        },
      );
      const anchor = JSON.parse(out.trim());
      emit({
        ...figure,
        anchor: 'pandas.read_csv(dtype=str)',
        anchor_value: round(anchor.median_s),
        ratio: round(s / anchor.median_s),
        anchor_rows_per_s: Math.round(anchor.rows / anchor.median_s),
      });
    } else {
      emit(figure);
      emit({
        suite: 'ingest',
        skipped: 'anchor not installed: python3-pandas (apt-get install -y python3-pandas)',
      });
    }
    emit({ suite: 'ingest', ok: true });
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

function round(x, digits = 3) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

// All CEAP detectors over ≥ 5M reimbursements (target ≤ 10 s, BENCHMARKS.md): one generated year at real volume,
// replicated 13× inside the warehouse with distinct requester, document and reimbursement ids.
async function detect() {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const copies = Number(process.env.BENCH_DETECT_COPIES ?? 13);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'hardin-bench-'));
  try {
    const gen = await generateCeap({ outDir: path.join(tmp, 'data'), seed: 7, scale: 1, years: [2025] });
    const home = path.join(tmp, 'home');
    await ingestCeap({ home, file: gen.files[0].path });
    await runBuild({ home, runId: 'bench' });
    const db = await openWarehouse(home);
    try {
      await db.run(`CREATE OR REPLACE TABLE marts.reimbursements AS
        SELECT * REPLACE (deputy_id + k * 10000000 AS deputy_id, document_id + k * 100000000 AS document_id,
                          reimbursement_id || '-' || k AS reimbursement_id,
                          -- distinct receipt numbers per copy, or every copy would be a genuine duplicate claim
                          CASE WHEN k = 0 THEN document_number ELSE document_number || '-' || k END AS document_number)
        FROM marts.reimbursements, range(${copies}) t(k)`);
      const n = (await db.one('SELECT count(*)::BIGINT AS n FROM marts.reimbursements')).n;
      const times = [];
      let last;
      for (let i = 0; i <= runs; i++) {
        const t0 = performance.now();
        last = await runDetectors(db, 'ceap', CEAP_DETECTORS, `bench-${i}`);
        await rankCeapDeputies(db);
        if (i > 0) times.push((performance.now() - t0) / 1000);
      }
      emit({
        suite: 'detect',
        metric: 'all_detectors_s',
        value: round(median(times)),
        n,
        detectors: CEAP_DETECTORS.length,
        flags: last.flags,
        target_s: 10,
      });
      for (const d of last.detectors)
        emit({ suite: 'detect', metric: `${d.id}_s`, value: round(d.durationMs / 1000), flags: d.flags, n });
      if (hasPython('pandas')) {
        // The same rows for pandas: the prior art's monthly-limit and meal-outlier rules (CSV, no pyarrow here).
        const csv = path.join(tmp, 'reimbursements.csv');
        await db.run(`COPY (SELECT deputy_id, year, month, subquota, issue_date, net_cents, supplier_document,
                                   supplier_document_kind, supplier_name FROM marts.reimbursements)
                      TO ${JSON.stringify(csv).replace(/"/g, "'")} (HEADER, DELIMITER ',')`);
        const ours =
          (last.detectors.find((d) => d.id === 'monthly_subquota_limit')?.durationMs ?? 0) +
          (last.detectors.find((d) => d.id === 'meal_price_outlier')?.durationMs ?? 0);
        const out = execFileSync(
          PYTHON,
          [
            path.join(here, 'anchors/pandas_ceap_rules.py'),
            csv,
            path.join(here, '..', 'seeds', 'ceap_subquota_limits.csv'),
            String(runs),
          ],
          { encoding: 'utf8', maxBuffer: 1 << 20 },
        );
        const anchor = JSON.parse(out.trim());
        emit({
          suite: 'detect',
          metric: 'monthly_limit_and_meal_outlier_s',
          value: round(ours / 1000),
          n,
          anchor: anchor.anchor,
          anchor_value: round(anchor.value),
          ratio: round(ours / 1000 / anchor.value),
          anchor_load_s: round(anchor.load_s),
          anchor_flags: {
            monthly_limit: anchor.monthly_limit_flags,
            meal_outlier: anchor.meal_outlier_flags,
          },
        });
      } else {
        emit({
          suite: 'detect',
          skipped: 'anchor not installed: python3-pandas (apt-get install -y python3-pandas)',
        });
      }
    } finally {
      db.close();
    }
    emit({ suite: 'detect', ok: true });
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

// ML: Hardin's logistic regression, gradient-boosted trees and isolation forest on 200k × 20 synthetic rows (fit
// on the first 160k, AUC on the rest), side by side with scikit-learn on the same binary files in the same run.
async function ml() {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const n = Number(process.env.BENCH_ML_ROWS ?? 200000);
  const nTrain = Math.floor(n * 0.8);
  const data = makeMlBenchData({ n, p: 20, seed: 1 });
  const trainRows = Uint32Array.from({ length: nTrain }, (_, i) => i);
  const train = selectRows(
    { x: data.x, n: data.n, p: data.p, y: data.y, featureNames: names(data.p) },
    trainRows,
  );
  const testY = data.y.subarray(nTrain);
  const testAuc = (scores) => rocAuc(testY, scores.subarray(nTrain));
  const gbdtParams = {
    maxIter: 200,
    learningRate: 0.1,
    maxLeafNodes: 31,
    minSamplesLeaf: 20,
    l2Regularization: 0,
  };
  const ours = {};
  {
    const fit = await timed(runs, () => fitLogisticRegression(train, {}));
    const score = await timed(runs, () => predictLogistic(fit.result, data.x, data.n));
    ours.lr = { fit_s: fit.s, score_s: score.s, auc: testAuc(score.result), n_iter: fit.result.iterations };
  }
  {
    const fit = await timed(runs, () => fitGbdt(train, { seed: 0, ...gbdtParams, earlyStopping: false }));
    const score = await timed(runs, () => predictGbdt(fit.result, data.x, data.n));
    ours.gbdt = {
      fit_s: fit.s,
      score_s: score.s,
      auc: testAuc(score.result),
      n_iter: fit.result.trees.length,
    };
  }
  {
    const fit = await timed(runs, () => fitIsolationForest(train.x, train.n, train.p, { seed: 0 }));
    const score = await timed(runs, () => scoreIsolationForest(fit.result, data.x, data.n));
    ours.if = { fit_s: fit.s, score_s: score.s, auc: testAuc(score.result) };
  }
  let anchors = {};
  if (hasPython('sklearn')) {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'hardin-bench-ml-'));
    try {
      const files = await writeMlBenchData(tmp, data);
      const hgb = {
        max_iter: gbdtParams.maxIter,
        learning_rate: gbdtParams.learningRate,
        max_leaf_nodes: gbdtParams.maxLeafNodes,
        min_samples_leaf: gbdtParams.minSamplesLeaf,
        l2_regularization: 0,
        early_stopping: false,
        random_state: 0,
      };
      const out = execFileSync(
        PYTHON,
        [
          path.join(here, 'anchors/sklearn_ml.py'),
          ...[
            '--x',
            files.xPath,
            '--y',
            files.yPath,
            '--n',
            String(n),
            '--p',
            '20',
            '--n-train',
            String(nTrain),
          ],
          ...['--runs', String(runs), '--models', 'lr,if', '--lr-standardize', '--hgb', JSON.stringify(hgb)],
        ],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      for (const line of out.trim().split('\n')) {
        const r = JSON.parse(line);
        const key = r.model.includes('Logistic') ? 'lr' : r.model.includes('Isolation') ? 'if' : 'gbdt';
        anchors[key] = r;
      }
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  } else {
    emit({
      suite: 'ml',
      skipped: 'anchor not installed: python3-sklearn (apt-get install -y python3-sklearn)',
    });
  }
  const labels = { lr: 'logistic_regression', gbdt: 'gbdt', if: 'isolation_forest' };
  for (const key of ['lr', 'gbdt', 'if']) {
    const o = ours[key];
    const a = anchors[key];
    // isolation forest: fit and score together, as BENCHMARKS.md's target reads
    const value = key === 'if' ? o.fit_s + o.score_s : o.fit_s;
    const anchorValue = a ? (key === 'if' ? a.fit_s + a.score_s : a.fit_s) : undefined;
    emit({
      suite: 'ml',
      metric: `${labels[key]}_${key === 'if' ? 'fit_score_s' : 'fit_s'}`,
      value: round(value),
      n: train.n,
      p: train.p,
      ...(a ? { anchor: a.model, anchor_value: round(anchorValue), ratio: round(value / anchorValue) } : {}),
      ...(key === 'gbdt'
        ? { target_ratio: 1.0 }
        : key === 'lr'
          ? { target_ratio: 1.5 }
          : { target_ratio: 1.0 }),
    });
    emit({
      suite: 'ml',
      metric: `${labels[key]}_auc`,
      value: round(o.auc, 4),
      ...(a ? { anchor: a.model, anchor_value: round(a.auc, 4), diff: round(o.auc - a.auc, 4) } : {}),
      ...(o.n_iter !== undefined ? { n_iter: o.n_iter } : {}),
    });
  }
  emit({ suite: 'ml', ok: true });
}

function names(p) {
  return Array.from({ length: p }, (_, j) => `x${j}`);
}

/** Median seconds of `runs` calls after one warm-up, with the last result. */
async function timed(runs, fn) {
  let result = await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await fn();
    times.push((performance.now() - t0) / 1000);
  }
  return { s: median(times), result };
}

// RNN: seconds per epoch of Hardin's GRU and LSTM (hidden 32, batch 64, Adam, clipping) on 20k sequences × 24
// steps × 8 inputs, side by side with PyTorch CPU (2 threads, and 1) training the same network on the same
// binary data in the same run, each cell's anchor right after our own fit so both see the same machine load.
// First epoch = warm-up; the figure is the median of the others (BENCHMARKS.md: ≤ 1.5× torch).
async function rnn() {
  const epochs = Math.max(2, Number(process.env.BENCH_RNN_EPOCHS ?? 4));
  const n = Number(process.env.BENCH_RNN_ROWS ?? 20000);
  const shape = { n, steps: 24, d: 8 };
  const data = makeRnnBenchData({ ...shape, seed: 1 });
  const ds = toSequenceDataset(data);
  const params = { hidden: 32, batchSize: 64, learningRate: 1e-3, clipNorm: 1 };
  const withTorch = hasPython('torch');
  if (!withTorch) {
    emit({ suite: 'rnn', skipped: 'anchor not installed: python3-torch (apt-get install -y python3-torch)' });
  }
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'hardin-bench-rnn-'));
  const ours = {};
  const anchors = {};
  const anchors1 = {};
  try {
    const files = withTorch ? await writeRnnBenchData(tmp, data) : undefined;
    for (const cell of ['gru', 'lstm']) {
      const times = [];
      const cpu = [];
      let loss;
      let t = performance.now();
      let c = process.cpuUsage();
      await fitRnn(ds, {
        seed: 0,
        cell,
        epochs,
        ...params,
        onEpoch: (e) => {
          const now = performance.now();
          const used = process.cpuUsage(c); // all threads of the process, workers included
          times.push((now - t) / 1000);
          cpu.push((used.user + used.system) / 1e6);
          t = now;
          c = process.cpuUsage();
          loss = e.trainLoss;
        },
      });
      ours[cell] = { epoch_s: median(times.slice(1)), cpu_s: median(cpu.slice(1)), loss };
      if (!files) continue;
      const out = execFileSync(
        PYTHON,
        [
          path.join(here, 'anchors/torch_rnn.py'),
          ...['--x', files.xPath, '--y', files.yPath, '--n', String(n), '--steps', '24', '--d', '8'],
          ...['--cells', cell, '--hidden', String(params.hidden), '--batch', String(params.batchSize)],
          ...['--epochs', String(epochs), '--threads', '2,1'],
          ...['--lr', String(params.learningRate), '--clip', String(params.clipNorm)],
        ],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      // torch.set_num_threads(2) is the anchor; 1 thread is reported too (often faster on a busy machine).
      for (const line of out.trim().split('\n')) {
        const r = JSON.parse(line);
        if (r.threads === 2) anchors[r.cell] = r;
        else anchors1[r.cell] = r;
      }
    }
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
  for (const cell of ['gru', 'lstm']) {
    const o = ours[cell];
    const a = anchors[cell];
    const a1 = anchors1[cell];
    emit({
      suite: 'rnn',
      metric: `${cell}_epoch_s`,
      value: round(o.epoch_s),
      ...shape,
      hidden: params.hidden,
      batch: params.batchSize,
      ...(a
        ? {
            anchor: `${a.model} (2 threads)`,
            anchor_value: round(a.epoch_s),
            ratio: round(o.epoch_s / a.epoch_s),
          }
        : {}),
      ...(a1
        ? { anchor_1thread_value: round(a1.epoch_s), ratio_1thread: round(o.epoch_s / a1.epoch_s) }
        : {}),
      // CPU seconds per epoch (all threads): less sensitive than wall time to what else the machine runs.
      cpu_s: round(o.cpu_s),
      ...(a ? { anchor_cpu_s: round(a.cpu_s) } : {}),
      ...(a1 ? { anchor_1thread_cpu_s: round(a1.cpu_s) } : {}),
      target_ratio: 1.5,
    });
    emit({
      suite: 'rnn',
      metric: `${cell}_train_loss`,
      value: round(o.loss, 4),
      epochs,
      ...(a ? { anchor: a.model, anchor_value: round(a.loss, 4), diff: round(o.loss - a.loss, 4) } : {}),
    });
  }
  emit({ suite: 'rnn', ok: true });
}

// SALIC: every metric, both modes, scores and tables (runSalicMetrics) for the default generated data (seed 42,
// scale 1 ≈ 20k projects, 0.5M budget lines, 0.5M receipt rows) after ingest + build; median of BENCH_RUNS runs
// after a warm-up. Side by side: three metrics (items count, +50%, new providers) in Hardin alone and in pandas
// on the same CSV extracts (bench/anchors/pandas_salic.py; its CSV reading reported apart).
async function salic() {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const scale = Number(process.env.BENCH_SALIC_SCALE ?? 1);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'hardin-bench-'));
  try {
    const dir = path.join(tmp, 'data');
    const gen = await generateSalic({ outDir: dir, seed: 42, scale, api: false });
    emit({
      suite: 'salic',
      metric: 'input',
      projects: gen.projects,
      budget_lines: gen.budgetLines,
      receipts: gen.receipts,
      fundraising: gen.fundraising,
    });
    const home = path.join(tmp, 'home');
    let t0 = performance.now();
    await ingestSalicExtracts({ home, dir });
    emit({ suite: 'salic', metric: 'ingest_s', value: round((performance.now() - t0) / 1000) });
    t0 = performance.now();
    const built = await runBuild({ home, runId: 'bench' });
    const salicModels = built.models.filter((m) => m.name.includes('salic'));
    emit({
      suite: 'salic',
      metric: 'build_s',
      value: round((performance.now() - t0) / 1000),
      salic_models_s: round(salicModels.reduce((s, m) => s + m.durationMs, 0) / 1000),
    });
    const db = await openWarehouse(home);
    try {
      const all = await timed(runs, () => runSalicMetrics(db, { runId: 'bench', now: new Date() }));
      const cpu0 = process.cpuUsage();
      await runSalicMetrics(db, { runId: 'bench', now: new Date() });
      const cpu = process.cpuUsage(cpu0);
      emit({
        suite: 'salic',
        metric: 'all_metrics_s',
        value: round(all.s),
        projects: all.result.projects,
        metric_rows: all.result.metricRows,
        process_cpu_s: round((cpu.user + cpu.system) / 1e6),
        target_s: 15,
      });
      for (const t of all.result.timings) {
        emit({
          suite: 'salic',
          metric: `${t.step.replace(/\W+/g, '_')}_s`,
          value: round(t.durationMs / 1000),
        });
      }
      const families = ['count-metrics', 'over-approved', 'new-providers'];
      const three = await timed(runs, () => computeSalicFamilies(db, families));
      const figure = { suite: 'salic', metric: 'three_metrics_s', value: round(three.s), families };
      if (hasPython('pandas')) {
        const out = execFileSync(PYTHON, [path.join(here, 'anchors/pandas_salic.py'), dir, String(runs)], {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        });
        const a = JSON.parse(out.trim());
        emit({
          ...figure,
          anchor: 'pandas 1.5 (items count, +50%, new providers)',
          anchor_value: round(a.median_s),
          ratio: round(three.s / a.median_s),
          anchor_load_s: round(a.load_s),
          anchor_over150_projects: a.over150_projects,
        });
      } else {
        emit(figure);
        emit({
          suite: 'salic',
          skipped: 'anchor not installed: python3-pandas (apt-get install -y python3-pandas)',
        });
      }
    } finally {
      db.close();
    }
    emit({ suite: 'salic', ok: true });
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

export const suites = { ingest, detect, ml, rnn, salic, serve };
