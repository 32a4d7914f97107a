// The RNN fit's threads: the shared worker pool (../worker-pool.ts) running this learner's jobs (jobs.ts)
// with its worker entry (worker.ts, compiled to dist/src/ml/rnn/worker.js). A batch is a job of a few
// milliseconds and an epoch has hundreds of them; waiting threads spin 20 000 iterations (tens of
// microseconds) before they sleep, so the next batch rarely needs a futex wake-up.
import type { Logger } from '../../core/index.js';
import { createWorkerPool, type Executor } from '../worker-pool.js';
import { ThreadContext, type RnnPayload } from './jobs.js';

export type RnnExecutor = Executor<RnnPayload>;

const pool = createWorkerPool<RnnPayload>({
  name: 'rnn',
  script: 'rnn/worker.js',
  runner: () => new ThreadContext(),
  spin: 20_000,
});

/** RNN worker threads started and not yet exited (tests check that fits leave none behind). */
export function liveRnnWorkers(): number {
  return pool.live();
}

/** Where the compiled worker script is, or undefined when it has not been built. */
export function resolveRnnWorkerScript(): string | undefined {
  return pool.resolveScript();
}

/**
 * An executor with `threads` threads, or a single-threaded one when workers are unavailable (no compiled
 * worker script, or a worker failed to start); the fallback is logged at debug level.
 */
export function createRnnExecutor(threads: number, logger: Logger): Promise<RnnExecutor> {
  return pool.start(threads, logger);
}
