// Progress reporting for long steps: a bar on an interactive terminal, nothing otherwise (CI, pipes, --json).
// cli-progress is loaded with the first bar: every command imports core, and `hardin serve`, which shows no bar,
// should not pay for it at start (issue #4).
import { createRequire } from 'node:module';
import type cliProgress from 'cli-progress';

const require = createRequire(import.meta.url);

export interface Progress {
  start(label: string, total: number): void;
  update(value: number): void;
  stop(): void;
}

export const silentProgress: Progress = { start() {}, update() {}, stop() {} };

/** A progress bar on stderr when it is a TTY and `enabled`; otherwise silent. */
export function createProgress(enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY) return silentProgress;
  let bar: cliProgress.SingleBar | undefined;
  return {
    start(label, total) {
      bar?.stop();
      const { SingleBar, Presets } = require('cli-progress') as typeof cliProgress;
      bar = new SingleBar(
        {
          stream: process.stderr,
          format: `${label.padEnd(28)} {bar} {percentage}% | {value}/{total}`,
          hideCursor: true,
        },
        Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    update(value) {
      bar?.update(value);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
