// The progress of a multi-step download (an API's listing, then its details) on one bar per step: a new step
// name starts a new bar, with the step's total when it is known.
import type { Progress } from '../core/index.js';

/**
 * An `onStep(name, done, total)` callback drawing `<prefix> <name>` bars on `progress`.
 * @example stageSalicApi({ …, onStep: stepProgress(progress, 'salic api') })
 */
export function stepProgress(
  progress: Progress,
  prefix: string,
): (step: string, done: number, total: number) => void {
  let current = '';
  return (step, done, total) => {
    if (step !== current) {
      current = step;
      progress.start(`${prefix} ${step}`, Math.max(total, 1));
    }
    progress.update(done);
  };
}
