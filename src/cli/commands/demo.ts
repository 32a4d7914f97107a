// `hardin demo` (what `npm start` runs): generate a full synthetic year at real volume, ingest, build, detect,
// evaluate, then serve the dashboard. Re-running with the same seed/scale reuses the generated files, and the
// lake skips unchanged inputs, so a second start is fast.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import {
  createProgress,
  exists,
  newRunId,
  readJson,
  resolveConfig,
  writeFileAtomic,
} from '../../core/index.js';
import {
  generateBills,
  generateCeap,
  generateSalic,
  type GenerateBillsResult,
  type GenerateCeapResult,
  type GenerateSalicResult,
} from '../../sources/index.js';
import {
  describeSalicEvaluation,
  evaluateCeap,
  evaluateSalic,
  ingestPropositionFiles,
  ingestSalicExtracts,
  runDetect,
  StepTimer,
  trainBillOutcome,
  trainGlosa,
  type TrainTaskOptions,
  upToDateBillChampion,
  upToDateGlosaChampion,
} from '../../pipelines/index.js';
import { createOutput, n, seconds } from '../output.js';
import { intOption, numberOption, yearsOption } from '../options.js';
import { build, describeEvaluation, describeIngest, ingestFiles, logRun } from './data.js';
import { serve } from './serve.js';
import { describeTraining } from './train.js';

interface DemoOptions {
  home?: string;
  seed: number;
  scale: number;
  years: number[];
  port?: number;
  serve: boolean;
  json?: boolean;
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'generate synthetic data, ingest, build, detect, evaluate, train models, then serve the dashboard',
    )
    .option('--home <dir>', 'HARDIN_HOME')
    .option('--seed <n>', 'random seed', intOption('seed', 0, 2 ** 31 - 1), 42)
    .option(
      '--scale <x>',
      'multiple of one real year (≈ 390k CEAP rows; SALIC: 20k projects)',
      numberOption('scale', 0.001, 20),
      1,
    )
    .option('--years <list>', 'comma-separated years', yearsOption, [2025])
    .option('--port <p>', 'HTTP port', intOption('port', 0, 65535))
    .option('--no-serve', 'stop after the pipeline')
    .option('--json', 'print a JSON summary')
    .action(async (o: DemoOptions) => {
      const out = createOutput(Boolean(o.json));
      const config = resolveConfig({ home: o.home, port: o.port });
      const runId = newRunId();
      const timer = new StepTimer();
      const started = Date.now();
      const dataDir = path.join(config.home, 'demo-data');
      try {
        const generated = await timer.step(
          'generate',
          () => generateOnce(dataDir, o, Boolean(o.json)),
          (g) => ({ rows: g.rows, files: g.files.length }),
        );
        out.info(`generated ${n(generated.rows)} synthetic CEAP rows in ${dataDir}`);
        const salicDir = path.join(config.home, 'demo-salic');
        const salicGenerated = await timer.step(
          'generate salic',
          () => generateSalicOnce(salicDir, o),
          (g) => ({ projects: g.projects, budgetLines: g.budgetLines, receipts: g.receipts }),
        );
        out.info(
          `generated ${n(salicGenerated.projects)} synthetic SALIC projects (${n(salicGenerated.budgetLines)} budget lines) in ${salicDir}`,
        );
        const billsDir = path.join(config.home, 'demo-bills');
        const billsGenerated = await timer.step(
          'generate bills',
          () => generateBillsOnce(billsDir, o),
          (g) => ({ bills: g.bills, events: g.events, becameLaw: g.becameLaw }),
        );
        out.info(
          `generated ${n(billsGenerated.bills)} synthetic Câmara bills (${n(billsGenerated.events)} tramitação events, ${n(billsGenerated.becameLaw)} became law) in ${billsDir}`,
        );
        const ingested = await timer.step(
          'ingest',
          () =>
            ingestFiles(
              config,
              generated.files.map((f) => f.path),
              undefined,
              Boolean(o.json),
            ),
          (r) => ({
            rows: r.reduce((s, x) => s + x.rows, 0),
            quarantined: r.reduce((s, x) => s + x.quarantined, 0),
          }),
        );
        for (const r of ingested) out.info(describeIngest(r));
        const salicIngested = await timer.step(
          'ingest salic',
          () => ingestSalicExtracts({ home: config.home, dir: salicDir, duckdb: config }),
          (r) => ({
            rows: r.results.reduce((s, x) => s + x.rows, 0),
            quarantined: r.results.reduce((s, x) => s + x.quarantined, 0),
          }),
        );
        for (const r of salicIngested.results) {
          out.info(`salic ${r.dataset}: ${r.status === 'unchanged' ? 'unchanged' : `${n(r.rows)} rows`}`);
        }
        const billsIngested = await timer.step(
          'ingest bills',
          () => ingestPropositionFiles({ home: config.home, dir: billsDir, duckdb: config }),
          (r) => ({
            rows: r.results.reduce((s, x) => s + x.rows, 0),
            quarantined: r.results.reduce((s, x) => s + x.quarantined, 0),
          }),
        );
        out.info(
          `bills: ${billsIngested.results.filter((r) => r.status === 'unchanged').length} files unchanged, ` +
            `${n(billsIngested.results.reduce((s, r) => s + (r.status === 'written' ? r.rows : 0), 0))} rows written`,
        );
        const built = await timer.step(
          'build',
          () => build(config, runId, Boolean(o.json)),
          (b) => ({
            models: b.models.length,
            tests: b.testsPassed,
          }),
        );
        out.info(`built ${built.models.length} warehouse models, ${built.testsPassed} tests passed`);
        const detected = await timer.step(
          'detect',
          () => runDetect({ home: config.home, runId, duckdb: config }),
          (d) => ({
            flags: d.reduce((s, x) => s + x.flags, 0),
          }),
        );
        const evaluation = await timer.step('evaluate', () =>
          evaluateCeap({ home: config.home, groundTruthFile: generated.groundTruthPath }),
        );
        const salicEvaluation = await timer.step('evaluate salic', () =>
          evaluateSalic({ home: config.home, groundTruthFile: salicGenerated.groundTruth }),
        );
        // Models: retrained only when the data, the code or the seed changed since the champion was trained.
        const train = async <R extends { rows: number; candidates: unknown[] }>(
          model: string,
          step: string,
          upToDate: { version: number; algorithm: string } | undefined,
          run: (o2: TrainTaskOptions) => Promise<R>,
        ): Promise<{ trained?: R; upToDate?: { version: number; algorithm: string } }> => {
          if (upToDate) {
            out.info(
              `${model} models up to date: v${upToDate.version} (${upToDate.algorithm}) is the champion`,
            );
            return { upToDate };
          }
          const options = {
            home: config.home,
            runId,
            seed: o.seed,
            dataKind: 'synthetic' as const,
            duckdb: config,
          };
          const trained = await timer.step(
            step,
            () => run({ ...options, progress: createProgress(!o.json) }),
            (t) => ({ rows: t.rows, versions: t.candidates.length }),
          );
          return { trained };
        };
        const glosaRun = await train(
          'glosa',
          'train',
          await upToDateGlosaChampion(config.home, o.seed),
          trainGlosa,
        );
        const billsRun = await train(
          'bill-outcome',
          'train bills',
          await upToDateBillChampion(config.home, o.seed),
          trainBillOutcome,
        );
        const [trained, upToDate] = [glosaRun.trained, glosaRun.upToDate];
        const [billsTrained, billsUpToDate] = [billsRun.trained, billsRun.upToDate];
        await logRun(config.home, runId, 'demo', timer);
        const summary = {
          runId,
          home: config.home,
          durationMs: Date.now() - started,
          generated: {
            rows: generated.rows,
            files: generated.files.map((f) => f.path),
            anomalies: generated.anomalies,
          },
          ingested: {
            rows: ingested.reduce((s, r) => s + r.rows, 0),
            quarantined: ingested.reduce((s, r) => s + r.quarantined, 0),
            files: ingested.map((r) => ({
              name: r.input.name,
              status: r.status,
              year: r.year,
              version: r.version,
              rows: r.rows,
              quarantined: r.quarantined,
            })),
          },
          tables: built.models.map((m) => ({ name: `${m.schema}.${m.name}`, rows: m.rows })),
          testsPassed: built.testsPassed,
          flags: detected.flatMap((d) =>
            d.detectors.map((x) => ({ suite: d.suite, detector: x.id, flags: x.flags })),
          ),
          evaluation: evaluation.detectors,
          glosa: evaluation.glosa,
          salic: {
            projects: salicGenerated.projects,
            budgetLines: salicGenerated.budgetLines,
            evaluation: salicEvaluation.metrics
              .filter((m) => m.mode === 'robust')
              .map((m) => ({
                metric: m.metric,
                planted: m.planted,
                flagged: m.flagged,
                precision: m.precision,
                recall: m.recall,
              })),
            robustMeetsTarget: salicEvaluation.robustMeetsTarget,
          },
          bills: {
            bills: billsGenerated.bills,
            events: billsGenerated.events,
            becameLaw: billsGenerated.becameLaw,
          },
          models: {
            glosa: trained ? { trained: true, ...trained } : { trained: false, champion: upToDate },
            'bill-outcome': billsTrained
              ? { trained: true, ...billsTrained }
              : { trained: false, champion: billsUpToDate },
          },
          steps: timer.steps,
        };
        out.result(summary, () =>
          [
            `demo pipeline finished in ${seconds(summary.durationMs)}`,
            `  ingested ${n(summary.ingested.rows)} rows (${n(summary.ingested.quarantined)} quarantined)`,
            `  built ${summary.tables.length} tables; ${summary.testsPassed} tests passed`,
            ...summary.flags.map((f) => `  ${f.detector}: ${n(f.flags)} flags`),
            ...describeEvaluation(evaluation).map((l) => `  ${l}`),
            ...describeSalicEvaluation(salicEvaluation).map((l) => `  ${l}`),
            ...(trained ? describeTraining(trained).map((l) => `  ${l}`) : []),
            ...(billsTrained ? describeTraining(billsTrained).map((l) => `  ${l}`) : []),
          ].join('\n'),
        );
      } catch (error) {
        await logRun(config.home, runId, 'demo', timer, error).catch(() => undefined);
        throw error;
      }
      if (o.serve) await serve(config, Boolean(o.json));
    });
}

/** Generates the demo files unless the same seed/scale/years were generated already. */
async function generateOnce(dir: string, o: DemoOptions, quiet: boolean): Promise<GenerateCeapResult> {
  const stamp = path.join(dir, 'generated.json');
  const key = { seed: o.seed, scale: o.scale, years: o.years, format: 1 };
  if (await exists(stamp)) {
    const prev = await readJson<{ key: typeof key; result: GenerateCeapResult }>(stamp);
    const filesExist = await Promise.all(prev.result.files.map((f) => exists(f.path)));
    if (JSON.stringify(prev.key) === JSON.stringify(key) && filesExist.every(Boolean)) return prev.result;
  }
  await fs.rm(dir, { recursive: true, force: true });
  const progress = createProgress(!quiet);
  let started = false;
  const result = await generateCeap({
    outDir: dir,
    seed: o.seed,
    scale: o.scale,
    years: o.years,
    onProgress: (done, total) => {
      if (!started) progress.start('generate CEAP', total);
      started = true;
      progress.update(done);
    },
  });
  progress.stop();
  await writeFileAtomic(stamp, JSON.stringify({ key, result }, null, 2));
  return result;
}

/** Generates the SALIC demo extracts unless the same seed/scale were generated already. */
async function generateSalicOnce(dir: string, o: DemoOptions): Promise<GenerateSalicResult> {
  const stamp = path.join(dir, 'generated.json');
  // SALIC's scale 1 ≈ 20,000 projects; the generator caps at 6 (PRONAC has four sequence digits).
  const key = { seed: o.seed, scale: Math.min(o.scale, 6), format: 1 };
  if (await exists(stamp)) {
    const prev = await readJson<{ key: typeof key; result: GenerateSalicResult }>(stamp);
    const filesExist = await Promise.all(prev.result.files.map((f) => exists(f.path)));
    if (JSON.stringify(prev.key) === JSON.stringify(key) && filesExist.every(Boolean)) return prev.result;
  }
  await fs.rm(dir, { recursive: true, force: true });
  const result = await generateSalic({ outDir: dir, seed: key.seed, scale: key.scale, api: false });
  await writeFileAtomic(stamp, JSON.stringify({ key, result }, null, 2));
  return result;
}

/** Generates the demo's Câmara bills unless the same seed/scale were generated already. */
async function generateBillsOnce(dir: string, o: DemoOptions): Promise<GenerateBillsResult> {
  const stamp = path.join(dir, 'generated.json');
  // Bills' scale 1 ≈ 4,000 bills a year over 2019–2023, observed on 2024-12-31; the generator caps at 10. Below
  // 0.15 (≈ 3,000 bills) too few become law to train and test the bill-outcome models, so that is the floor.
  const key = { seed: o.seed, scale: Math.min(Math.max(o.scale, 0.15), 10), format: 1 };
  if (await exists(stamp)) {
    const prev = await readJson<{ key: typeof key; result: GenerateBillsResult }>(stamp);
    const filesExist = await Promise.all(prev.result.files.map((f) => exists(f.path)));
    if (JSON.stringify(prev.key) === JSON.stringify(key) && filesExist.every(Boolean)) return prev.result;
  }
  await fs.rm(dir, { recursive: true, force: true });
  const result = await generateBills({ outDir: dir, seed: key.seed, scale: key.scale });
  await writeFileAtomic(stamp, JSON.stringify({ key, result }, null, 2));
  return result;
}
