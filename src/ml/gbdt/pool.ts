// The GBDT fit's threads: the shared worker pool (../worker-pool.ts) running this learner's jobs (jobs.ts)
// with its worker entry (worker.ts, compiled to dist/src/ml/gbdt/worker.js). A tree needs ~60 phases of a
// few hundred microseconds each, so waiting threads spin 5 000 iterations before they sleep (the pool's
// default, measured on this learner).
import type { Logger } from '../../core/index.js';
import { createWorkerPool, type Executor as PoolExecutor } from '../worker-pool.js';
import { ThreadContext, type ThreadPayload } from './jobs.js';

export type Executor = PoolExecutor<ThreadPayload>;

const pool = createWorkerPool<ThreadPayload>({
  name: 'gbdt',
  script: 'gbdt/worker.js',
  runner: () => new ThreadContext(),
});

/** Worker threads started by any GBDT fit and not yet exited (tests check that fits leave none behind). */
export function liveGbdtWorkers(): number {
  return pool.live();
}

/** Where the compiled worker script is, or undefined when it has not been built. */
export function resolveWorkerScript(): string | undefined {
  return pool.resolveScript();
}

/**
 * An executor with `threads` threads, or a single-threaded one when workers are unavailable (no compiled
 * worker script, or a worker failed to start); the fallback is logged at debug level.
 */
export function createExecutor(threads: number, logger: Logger): Promise<Executor> {
  return pool.start(threads, logger);
}
