// Run logs: every pipeline command writes HARDIN_HOME/runs/<run-id>.json (steps, timings, counts, errors), the
// record the overview page and `hardin catalog` show as "last run".
import fs from 'node:fs/promises';
import path from 'node:path';
import { exists, homePaths, readJson, writeFileAtomic } from '../core/index.js';

export interface RunStep {
  name: string;
  durationMs: number;
  [key: string]: unknown;
}

export interface RunLog {
  runId: string;
  command: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  status: 'ok' | 'failed';
  steps: RunStep[];
  error?: string;
}

export async function writeRunLog(home: string, log: RunLog): Promise<void> {
  await writeFileAtomic(
    path.join(homePaths(home).runs, `${log.runId}.json`),
    `${JSON.stringify(log, null, 2)}\n`,
  );
}

/** The most recent run log, or null. */
export async function loadLastRun(home: string): Promise<RunLog | null> {
  const dir = homePaths(home).runs;
  if (!(await exists(dir))) return null;
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const last = names[names.length - 1];
  return last ? readJson<RunLog>(path.join(dir, last)) : null;
}

/** Times async steps and collects them for the run log. */
export class StepTimer {
  readonly steps: RunStep[] = [];

  async step<T>(
    name: string,
    fn: () => Promise<T>,
    summarize?: (value: T) => Record<string, unknown>,
  ): Promise<T> {
    const t0 = Date.now();
    const value = await fn();
    this.steps.push({ name, durationMs: Date.now() - t0, ...(summarize ? summarize(value) : {}) });
    return value;
  }
}
