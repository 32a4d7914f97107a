// `hardin train <task>`: fits the task's candidate models on the warehouse, evaluates them on held-out periods,
// writes the CRISP-DM report and registers every candidate (champion/challenger aliases).
import type { Command } from 'commander';
import { UsageError, createProgress, newRunId, resolveConfig } from '../../core/index.js';
import { StepTimer, TRAIN_TASKS, trainTask, type TrainTaskResult } from '../../pipelines/index.js';
import { createOutput, n, seconds } from '../output.js';
import { intOption } from '../options.js';
import { logRun } from './data.js';

export function registerTrainCommand(program: Command): void {
  program
    .command('train')
    .description(`train and register the models of a task (${Object.keys(TRAIN_TASKS).join(', ')})`)
    .argument('<task>', `task: ${Object.keys(TRAIN_TASKS).join(', ')}`)
    .option('--home <dir>', 'HARDIN_HOME')
    .option('--seed <n>', 'random seed', intOption('seed', 0, 2 ** 31 - 1), 42)
    .option(
      '--data-kind <kind>',
      'label the report: synthetic, real or auto (from the lake manifests)',
      'auto',
    )
    .option('--no-promote', 'register without moving the champion/challenger aliases')
    .option('--json', 'print a JSON document')
    .action(
      async (
        task: string,
        o: { home?: string; seed: number; dataKind: string; promote: boolean; json?: boolean },
      ) => {
        if (!TRAIN_TASKS[task]) {
          throw new UsageError(
            `unknown task "${task}"; expected one of: ${Object.keys(TRAIN_TASKS).join(', ')}`,
          );
        }
        if (!['synthetic', 'real', 'auto'].includes(o.dataKind)) {
          throw new UsageError(`--data-kind: "${o.dataKind}" is not one of synthetic, real, auto`);
        }
        const out = createOutput(Boolean(o.json));
        const config = resolveConfig({ home: o.home });
        const runId = newRunId();
        const timer = new StepTimer();
        const progress = createProgress(!o.json);
        try {
          const result = await timer.step(`train ${task}`, () =>
            trainTask(task, {
              home: config.home,
              runId,
              seed: o.seed,
              dataKind: o.dataKind as 'auto',
              promote: o.promote,
              progress,
              duckdb: config,
            }),
          );
          progress.stop();
          await logRun(config.home, runId, `train ${task}`, timer);
          out.result(result, () => describeTraining(result).join('\n'));
        } catch (error) {
          progress.stop();
          await logRun(config.home, runId, `train ${task}`, timer, error).catch(() => undefined);
          throw error;
        }
      },
    );
}

/** Human lines for a training result (also used by the demo). */
export function describeTraining(r: TrainTaskResult): string[] {
  if ('bills' in r) {
    return [
      `trained ${r.task} on ${n(r.rows)} ${r.dataKind} looks at ${n(r.bills)} bills (${n(r.positives)} became law within 2 years, base rate ${(r.baseRate * 100).toFixed(1)}%) in ${seconds(r.durationMs)}`,
      `  split by presentation date: train ${n(r.split.train)}, valid ${n(r.split.valid)}, test ${n(r.split.test)} (bills presented ${r.split.testFrom} … ${r.split.testTo}); observed until ${r.asOf}`,
      ...r.candidates.map(
        (c) =>
          `  v${c.version} ${c.algorithm.padEnd(24)} test AUC ${c.test.auc.toFixed(3)}  AP ${c.test.averagePrecision.toFixed(3)}  ` +
          `precision ${c.test.precision.toFixed(3)}  recall ${c.test.recall.toFixed(3)}  fit ${c.fitSeconds.toFixed(1)} s` +
          (c.alias ? `  [${c.alias}]` : ''),
      ),
      `  baseline (type's rate): test AUC ${r.baseline.auc.toFixed(3)}  AP ${r.baseline.averagePrecision.toFixed(3)}`,
      `  ${n(r.predictions)} pending bills scored into predictions.bill_outcome`,
      `  report: ${r.reportHtml}`,
    ];
  }
  return [
    `trained ${r.task} on ${n(r.rows)} ${r.dataKind} rows (${n(r.positives)} positives) in ${seconds(r.durationMs)}`,
    `  split by ${r.split.axis === 'period' ? 'accounting period' : 'claim date'}: train ${n(r.split.train)}, valid ${n(r.split.valid)}, test ${n(r.split.test)} (${r.split.testFrom} … ${r.split.testTo})`,
    ...r.candidates.map(
      (c) =>
        `  v${c.version} ${c.algorithm.padEnd(24)} test AUC ${c.test.auc.toFixed(3)}  AP ${c.test.averagePrecision.toFixed(3)}  ` +
        `precision ${c.test.precision.toFixed(3)}  recall ${c.test.recall.toFixed(3)}  fit ${c.fitSeconds.toFixed(1)} s` +
        (c.alias ? `  [${c.alias}]` : ''),
    ),
    ...(r.crossValidation ?? []).map(
      (cv) => `  ${cv.folds}-fold CV ${cv.name}: AUC ${cv.aucMean.toFixed(3)} ± ${cv.aucStd.toFixed(3)}`,
    ),
    `  report: ${r.reportHtml}`,
  ];
}
