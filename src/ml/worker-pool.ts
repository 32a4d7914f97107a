// The worker pool every multi-threaded learner in src/ml runs on (GBDT: gbdt/pool.ts, RNN: rnn/pool.ts). A
// learner describes its work as jobs cut into phases of work units (a JobRunner, worker-protocol.ts) and gets
// an Executor: `threads: 1` runs every unit in-process with no worker; otherwise threads − 1 worker threads
// share each phase with the main thread, which claims units itself and then waits (spin, then Atomics.wait)
// only for units a worker has claimed and not finished, so a descheduled worker takes fewer units instead
// of stalling the fit. Calls are synchronous: the fit's loop stays plain code, and an executor lives for one
// fit. Worker threads are unref'd (they never keep the process alive) and counted until they exit
// (`live()`: tests check that fits leave none behind).
// Errors: the main thread's own failure is rethrown as is; a worker's failure raises a flag, the phase still
// completes (claimed units count as done), and the main thread throws a ModelError with the worker's message
// and stack. A phase that does not finish in JOB_TIMEOUT_MS means a worker died: fail instead of hanging.
// At runtime each learner's worker is dist/src/ml/<learner>/worker.js; under vitest this file is a .ts
// source, and Node cannot start a .ts worker, so the compiled counterpart in <repo>/dist is used. If it is
// missing, or a worker does not start, the executor falls back to one thread (results are identical either
// way) and says so at debug level.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { ModelError, packageRoot, type Logger } from '../core/index.js';
import {
  CTRL_BASE,
  CTRL_CLAIM,
  CTRL_DONE,
  CTRL_ERROR,
  CTRL_JOB,
  CTRL_PHASE,
  CTRL_SERIAL,
  CTRL_SIZE,
  CTRL_UNITS,
  JOB_ATTACH,
  JOB_EXIT,
  MAX_UNITS,
  PUBLISHING,
  runClaims,
  type JobRunner,
  type WorkerInput,
} from './worker-protocol.js';

export type { JobRunner } from './worker-protocol.js';

/**
 * Spin iterations (≈ 5–10 µs) before a waiting thread sleeps: phases come back to back, and a futex wake-up
 * costs a good part of a short one. Measured on GBDT 160k × 20: 20 000 spins were 1–2% faster on an idle
 * machine but 15% slower when another process held a core; 5 000 is the compromise.
 */
const DEFAULT_SPIN = 5_000;
/** A phase that takes longer than this means a worker died: fail instead of hanging. */
const JOB_TIMEOUT_MS = 10 * 60_000;

export interface WorkerPoolOptions<P> {
  /** Prefix of every message ('gbdt', 'rnn'). */
  name: string;
  /** The worker entry relative to src/ml, as compiled ('gbdt/worker.js'), or an absolute path. */
  script: string;
  /** A fresh per-thread context; the main thread's runs in-process units and its share of threaded ones. */
  runner: () => JobRunner<P>;
  /** Spin iterations before a waiting thread sleeps (default 5 000). */
  spin?: number;
}

/** Runs a learner's jobs on one or more threads. */
export interface Executor<P> {
  readonly threads: number;
  /** Hands the payload (shared arrays; structured clone shares their memory) to every thread. */
  attach(payload: P): void;
  /** Runs every phase of a job to completion on every thread; the main thread takes its share. */
  run(job: number): void;
  /** Stops the workers; safe to call more than once. */
  close(): Promise<void>;
}

export interface WorkerPool<P> {
  /**
   * An executor with `threads` threads, or a single-threaded one when workers are unavailable (no compiled
   * worker script, or a worker failed to start); the fallback is logged at debug level.
   */
  start(threads: number, logger: Logger): Promise<Executor<P>>;
  /** Worker threads this pool started and that have not exited yet. */
  live(): number;
  /** Where the compiled worker script is, or undefined when it has not been built. */
  resolveScript(): string | undefined;
}

/**
 * A pool for one learner.
 * @example
 * const pool = createWorkerPool({ name: 'gbdt', script: 'gbdt/worker.js', runner: () => new ThreadContext() });
 * const exec = await pool.start(2, logger);
 * try { exec.attach(payload); exec.run(JOB_SPLIT); } finally { await exec.close(); }
 */
export function createWorkerPool<P>(options: WorkerPoolOptions<P>): WorkerPool<P> {
  const counter = { live: 0 };
  const spin = options.spin ?? DEFAULT_SPIN;
  const resolveScript = (): string | undefined => {
    const self = import.meta.url;
    const file = path.isAbsolute(options.script)
      ? options.script
      : self.endsWith('.ts')
        ? path.join(packageRoot(), 'dist', 'src', 'ml', options.script)
        : fileURLToPath(new URL(options.script, self));
    return existsSync(file) ? file : undefined;
  };
  return {
    live: () => counter.live,
    resolveScript,
    async start(threads, logger) {
      const { name } = options;
      if (threads <= 1) return new InProcessExecutor(options.runner());
      const script = resolveScript();
      if (!script) {
        logger.debug(
          { threads },
          `${name}: compiled worker script not found (run the build); using 1 thread`,
        );
        return new InProcessExecutor(options.runner());
      }
      try {
        const workers = await startWorkers(threads - 1, script, spin, counter);
        return new ThreadedExecutor(name, options.runner(), spin, workers);
      } catch (error) {
        logger.debug({ err: error, script }, `${name}: worker threads did not start; using 1 thread`);
        return new InProcessExecutor(options.runner());
      }
    },
  };
}

class InProcessExecutor<P> implements Executor<P> {
  readonly threads = 1;
  private serial = 0;

  constructor(private readonly runner: JobRunner<P>) {}

  attach(payload: P): void {
    this.runner.attach(payload, 0);
  }

  run(job: number): void {
    const { runner } = this;
    for (let phase = 0; phase < runner.phases(job); phase++) {
      const units = runner.units(job, phase);
      this.serial++;
      for (let u = 0; u < units; u++) runner.runUnit(job, phase, u, 0, this.serial);
    }
  }

  async close(): Promise<void> {}
}

interface Workers {
  ctrl: Int32Array;
  workers: Worker[];
  ports: MessagePort[];
}

/** Starts `count` workers and resolves once every one has said 'ready'; on failure none is left running. */
async function startWorkers(
  count: number,
  script: string,
  spin: number,
  counter: { live: number },
): Promise<Workers> {
  const ctrl = new Int32Array(new SharedArrayBuffer(CTRL_SIZE * 4));
  const workers: Worker[] = [];
  const ports: MessagePort[] = [];
  try {
    for (let t = 1; t <= count; t++) {
      const channel = new MessageChannel();
      ports.push(channel.port1);
      const input: WorkerInput = { ctrl, thread: t, port: channel.port2, spin };
      const worker = new Worker(script, { workerData: input, transferList: [channel.port2] });
      worker.unref();
      counter.live++;
      worker.once('exit', () => counter.live--);
      workers.push(worker);
    }
    await Promise.all(workers.map(ready));
  } catch (error) {
    await Promise.all(workers.map((w) => w.terminate()));
    for (const port of ports) port.close();
    throw error;
  }
  return { ctrl, workers, ports };
}

function ready(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (m: unknown) => {
      if (m === 'ready') {
        cleanup();
        resolve();
      }
    };
    const onError = (e: unknown) => {
      cleanup();
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`worker exited with code ${code} before starting`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}

class ThreadedExecutor<P> implements Executor<P> {
  private closed = false;
  /** Id of the last published phase (claim word's upper 15 bits). */
  private phaseId = 0;
  private readonly ctrl: Int32Array;
  private readonly workers: Worker[];
  private readonly ports: MessagePort[];

  constructor(
    private readonly name: string,
    private readonly runner: JobRunner<P>,
    private readonly spin: number,
    started: Workers,
  ) {
    this.ctrl = started.ctrl;
    this.workers = started.workers;
    this.ports = started.ports;
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  attach(payload: P): void {
    this.runner.attach(payload, 0);
    for (const port of this.ports) port.postMessage(payload);
    // Every worker must take the payload: ATTACH counts one acknowledgement per worker, not claimed units.
    this.publish(JOB_ATTACH, 0, 0, this.workers.length);
    this.waitDone(JOB_ATTACH, this.workers.length);
    this.checkErrors(undefined);
  }

  run(job: number): void {
    const { runner } = this;
    for (let phase = 0; phase < runner.phases(job); phase++) {
      const units = runner.units(job, phase);
      for (let base = 0; base < units; base += MAX_UNITS) {
        const count = Math.min(MAX_UNITS, units - base);
        this.publish(job, phase, base, count);
        const serial = Atomics.load(this.ctrl, CTRL_SERIAL);
        const failure = runClaims(this.ctrl, runner, this.phaseId, serial, job, phase, base, count, 0);
        // Wait for units the workers claimed even when ours failed: they must not run on while we unwind.
        this.waitDone(job, count);
        this.checkErrors(failure);
      }
    }
  }

  /** Makes a phase claimable: its description first, then the claim word that workers watch. */
  private publish(job: number, phase: number, base: number, units: number): void {
    if (this.closed) throw new ModelError(`${this.name}: the worker pool is closed (internal error)`);
    const c = this.ctrl;
    this.phaseId = (this.phaseId + 1) & 0x7fff;
    Atomics.store(c, CTRL_CLAIM, (this.phaseId << 16) | PUBLISHING);
    Atomics.store(c, CTRL_JOB, job);
    Atomics.store(c, CTRL_PHASE, phase);
    Atomics.store(c, CTRL_BASE, base);
    Atomics.store(c, CTRL_UNITS, units);
    Atomics.store(c, CTRL_DONE, 0);
    Atomics.add(c, CTRL_SERIAL, 1);
    Atomics.store(c, CTRL_CLAIM, this.phaseId << 16);
    Atomics.notify(c, CTRL_CLAIM);
  }

  private waitDone(job: number, units: number): void {
    const c = this.ctrl;
    let done = Atomics.load(c, CTRL_DONE);
    for (let s = 0; s < this.spin && done < units; s++) done = Atomics.load(c, CTRL_DONE);
    const t0 = Date.now();
    while (done < units) {
      Atomics.wait(c, CTRL_DONE, done, 1000);
      done = Atomics.load(c, CTRL_DONE);
      if (done < units && Date.now() - t0 > JOB_TIMEOUT_MS)
        throw new ModelError(
          `${this.name}: a worker thread did not finish job ${job} within ${JOB_TIMEOUT_MS} ms`,
        );
    }
  }

  private checkErrors(own: unknown): void {
    if (own) throw own;
    if (Atomics.load(this.ctrl, CTRL_ERROR) === 0) return;
    const messages = this.ports.map((port) => receiveMessageOnPort(port)?.message as string | undefined);
    throw new ModelError(
      `${this.name}: a worker thread failed: ${messages.filter(Boolean).join('; ') || 'unknown error'}`,
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.publish(JOB_EXIT, 0, 0, 0);
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
    for (const port of this.ports) port.close();
  }
}
