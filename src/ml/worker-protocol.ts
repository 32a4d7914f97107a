// The protocol between the main thread of a fit and its worker threads (worker-pool.ts is the main side), and
// the loop a worker runs (`serveWorker`, called by gbdt/worker.ts and rnn/worker.ts with their job runner).
// A job runs as one or more phases, each cut into work units (features, row blocks, batch shards, prediction
// chunks) that threads claim one at a time with a compare-and-swap on CTRL_CLAIM, which packs the phase's id
// (upper 16 bits) and the next unclaimed unit (lower 16). To publish a phase the main thread first sets the
// claim word to (new id, PUBLISHING), then writes the phase's job, index, first unit and unit count, then
// opens it with (new id, 0): a worker that read the description between two reads of an open claim word with
// the same id has read that phase's description, never a half-written one, and a CAS only succeeds for the
// phase it was read for. A phase is over when CTRL_DONE reaches its unit count, however many threads took
// part: if a worker is descheduled (the machine is shared), the main thread and the other workers simply do
// its share instead of waiting for it, and the next phase cannot start before every claimed unit of this one
// is finished. Dispatch goes through Atomics on shared words, never postMessage: phases take from a few
// hundred microseconds to a few milliseconds, and a message round trip costs more than the shortest.
// Results cannot depend on which thread ran what: each unit writes only its own output, and the main thread
// reduces those outputs in unit order (the runner's business, see gbdt/jobs.ts and rnn/jobs.ts).
// Two jobs belong to the pool itself and are acknowledged by every worker, not claimed: ATTACH (take the
// payload just posted on the worker's port) and EXIT.
// This file must stay free of imports from core: worker threads load it and must start in milliseconds.
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';

/** What a pool runs: each model's per-thread context (gbdt/jobs.ts, rnn/jobs.ts). Job codes are ≥ 0. */
export interface JobRunner<P> {
  /** Takes the shared state handed to every thread; `thread` is 0 on the main thread, 1.. on workers. */
  attach(payload: P, thread: number): void;
  /** Phases of a job, run one after the other. */
  phases(job: number): number;
  /** Work units of a job's phase (0: the phase has nothing to do); asked on the main thread only. */
  units(job: number, phase: number): number;
  /**
   * Runs one unit on thread t; `serial` is the same for every unit of one published phase, so a thread may
   * reuse what it prepared for an earlier unit of it.
   */
  runUnit(job: number, phase: number, unit: number, t: number, serial: number): void;
}

/** The pool's own jobs. */
export const JOB_ATTACH = -1;
export const JOB_EXIT = -2;

/** ctrl slots (Int32): the claim word, the current phase's job code, phase index, first unit and unit count,
 * units done, the error flag, one never written (workers sleep on it for a millisecond when they must poll),
 * and the phase serial number. */
export const CTRL_CLAIM = 0;
export const CTRL_JOB = 1;
export const CTRL_PHASE = 2;
export const CTRL_BASE = 3;
export const CTRL_UNITS = 4;
export const CTRL_DONE = 5;
export const CTRL_ERROR = 6;
export const CTRL_IDLE = 7;
/** Count of phases published so far (never wraps in practice, unlike the claim word's 15-bit id). */
export const CTRL_SERIAL = 8;
export const CTRL_SIZE = 9;

/** Lower 16 bits of a claim word while the main thread is writing a phase's description: nothing to claim. */
export const PUBLISHING = 0xffff;
/** Units per published phase must fit the claim word's lower 16 bits, below PUBLISHING; the main thread
 * publishes a larger phase as several rounds (CTRL_BASE is the first unit of a round). */
export const MAX_UNITS = PUBLISHING - 1;

/** What a worker receives at start-up. */
export interface WorkerInput {
  ctrl: Int32Array;
  thread: number;
  port: MessagePort;
  /** Spin iterations before sleeping in Atomics.wait. */
  spin: number;
}

/**
 * Claims and runs units of the phase with claim id `id` until none is left (or the phase is over). Every
 * claimed unit is counted in CTRL_DONE, even when it fails or is skipped because another thread failed,
 * so the phase always completes. Returns the first error this thread hit.
 */
export function runClaims<P>(
  ctrl: Int32Array,
  runner: JobRunner<P>,
  id: number,
  serial: number,
  job: number,
  phase: number,
  base: number,
  units: number,
  t: number,
): unknown {
  let failure: unknown;
  for (;;) {
    const word = Atomics.load(ctrl, CTRL_CLAIM);
    if (word >>> 16 !== id || (word & 0xffff) >= units) return failure;
    if (Atomics.compareExchange(ctrl, CTRL_CLAIM, word, word + 1) !== word) continue;
    try {
      if (Atomics.load(ctrl, CTRL_ERROR) === 0) runner.runUnit(job, phase, base + (word & 0xffff), t, serial);
    } catch (error) {
      failure ??= error;
      Atomics.store(ctrl, CTRL_ERROR, 1);
    } finally {
      if (Atomics.add(ctrl, CTRL_DONE, 1) + 1 === units) Atomics.notify(ctrl, CTRL_DONE);
    }
  }
}

/** The payload posted just before an ATTACH job (it is queued synchronously by postMessage). */
function receivePayload<P>(port: MessagePort, ctrl: Int32Array): P {
  for (let tries = 0; tries < 1000; tries++) {
    const received = receiveMessageOnPort(port);
    if (received) return received.message as P;
    Atomics.wait(ctrl, CTRL_IDLE, 0, 1);
  }
  throw new Error('no payload arrived for the attach job');
}

/** Raises the error flag and sends the error, with its stack, to the main thread. */
function report(ctrl: Int32Array, port: MessagePort, thread: number, error: unknown): void {
  Atomics.store(ctrl, CTRL_ERROR, 1);
  port.postMessage(
    `thread ${thread}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
}

/**
 * A worker thread's whole life: say 'ready', then wait for a new phase in the claim word, claim and run its
 * units until none is left, until EXIT. Shared arrays arrive on the port and are read synchronously
 * (receiveMessageOnPort) in an ATTACH phase.
 */
export function serveWorker<P>(runner: JobRunner<P>): void {
  const { ctrl, thread, port, spin } = workerData as WorkerInput;
  // The id of the last phase this worker has finished with: it waits for the claim word to show a new one.
  // Read before saying 'ready': the main thread may publish a phase as soon as it hears it.
  let finished = Atomics.load(ctrl, CTRL_CLAIM) >>> 16;
  parentPort?.postMessage('ready');
  const idle = (w: number) => w >>> 16 === finished || (w & 0xffff) === PUBLISHING;
  for (;;) {
    let word = Atomics.load(ctrl, CTRL_CLAIM);
    for (let s = 0; s < spin && idle(word); s++) word = Atomics.load(ctrl, CTRL_CLAIM);
    if (idle(word)) {
      Atomics.wait(ctrl, CTRL_CLAIM, word);
      continue;
    }
    const id = word >>> 16;
    const job = Atomics.load(ctrl, CTRL_JOB);
    const phase = Atomics.load(ctrl, CTRL_PHASE);
    const base = Atomics.load(ctrl, CTRL_BASE);
    const units = Atomics.load(ctrl, CTRL_UNITS);
    const serial = Atomics.load(ctrl, CTRL_SERIAL);
    // Valid only if the phase is still open with the same id: then the description read is this phase's.
    const after = Atomics.load(ctrl, CTRL_CLAIM);
    if (after >>> 16 !== id || (after & 0xffff) === PUBLISHING) continue;
    finished = id;
    if (job === JOB_EXIT) break;
    if (job === JOB_ATTACH) {
      try {
        runner.attach(receivePayload<P>(port, ctrl), thread);
      } catch (error) {
        report(ctrl, port, thread, error);
      }
      if (Atomics.add(ctrl, CTRL_DONE, 1) + 1 === units) Atomics.notify(ctrl, CTRL_DONE);
      continue;
    }
    const failure = runClaims(ctrl, runner, id, serial, job, phase, base, units, thread);
    if (failure) report(ctrl, port, thread, failure);
  }
  port.close();
}
