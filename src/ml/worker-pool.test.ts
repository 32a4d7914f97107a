import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot, type Logger } from '../core/index.js';
import { createWorkerPool, type Executor, type JobRunner } from './worker-pool.js';

// A toy learner written to a temp folder as plain ESM: the worker entry imports the compiled protocol from
// dist/ (workers cannot run .ts), and the test imports the same runner for the main thread.
// Job 0 has two phases over `n` units: phase 0 writes a[u] = u², phase 1 writes b[u] = a[u] + a[n − 1 − u],
// so it reads what other threads wrote in phase 0. Every run of a unit is counted per unit and per thread.
const RUNNER = `
export class ToyRunner {
  attach(payload, thread) {
    if (payload.refuse && thread > 0) throw new Error('thread ' + thread + ' refuses the payload');
    this.p = payload;
    this.thread = thread;
  }
  phases(job) { return job === 0 ? 2 : 1; }
  units() { return this.p.n; }
  runUnit(job, phase, u, t) {
    const p = this.p;
    if (u === p.failAt) throw new Error('unit ' + u + ' refused');
    if (p.slowWorkers && t > 0) Atomics.wait(p.runs, p.runs.length - 1, 0, 2);
    Atomics.add(p.runs, u, 1);
    Atomics.add(p.byThread, t, 1);
    if (job === 1) return;
    if (phase === 0) p.a[u] = u * u;
    else p.b[u] = p.a[u] + p.a[p.n - 1 - u];
  }
}
`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'hardin-worker-pool-'));
const protocol = path.join(packageRoot(), 'dist', 'src', 'ml', 'worker-protocol.js');
writeFileSync(path.join(dir, 'runner.mjs'), RUNNER);
writeFileSync(
  path.join(dir, 'worker.mjs'),
  `import { serveWorker } from ${JSON.stringify(pathToFileURL(protocol).href)};\n` +
    `import { ToyRunner } from './runner.mjs';\nserveWorker(new ToyRunner());\n`,
);
writeFileSync(path.join(dir, 'broken.mjs'), `throw new Error('this worker cannot start');\n`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Toy {
  n: number;
  a: Float64Array;
  b: Float64Array;
  runs: Int32Array;
  byThread: Int32Array;
  failAt: number;
  refuse: boolean;
  slowWorkers: boolean;
}

function toy(n: number, extra: Partial<Toy> = {}): Toy {
  const shared = <T>(make: (b: SharedArrayBuffer) => T, bytes: number) => make(new SharedArrayBuffer(bytes));
  return {
    n,
    a: shared((b) => new Float64Array(b), 8 * n),
    b: shared((b) => new Float64Array(b), 8 * n),
    runs: shared((b) => new Int32Array(b), 4 * (n + 1)),
    byThread: shared((b) => new Int32Array(b), 4 * 8),
    failAt: -1,
    refuse: false,
    slowWorkers: false,
    ...extra,
  };
}

const { ToyRunner } = (await import(pathToFileURL(path.join(dir, 'runner.mjs')).href)) as {
  ToyRunner: new () => JobRunner<Toy>;
};

function recordingLogger(messages: string[]): Logger {
  return { debug: (_: unknown, m: string) => messages.push(m) } as unknown as Logger;
}

const pool = (script: string) =>
  createWorkerPool<Toy>({ name: 'toy', script: path.join(dir, script), runner: () => new ToyRunner() });

async function settled(live: () => number): Promise<number> {
  for (let i = 0; i < 100 && live() > 0; i++) await new Promise((r) => setTimeout(r, 10));
  return live();
}

async function withExecutor<T>(
  exec: Executor<Toy>,
  body: (exec: Executor<Toy>) => T | Promise<T>,
): Promise<T> {
  try {
    return await body(exec);
  } finally {
    await exec.close();
  }
}

describe('worker-pool', () => {
  it('runs every unit exactly once, phase after phase, with the same results on 1, 2 and 3 threads', async () => {
    expect(pool('worker.mjs').resolveScript(), `${protocol} is missing: build first`).toBeDefined();
    const results: number[][] = [];
    for (const threads of [1, 2, 3]) {
      const debug: string[] = [];
      const toyPool = pool('worker.mjs');
      const data = toy(500);
      await withExecutor(await toyPool.start(threads, recordingLogger(debug)), (exec) => {
        expect(exec.threads).toBe(threads);
        expect(toyPool.live()).toBe(threads - 1);
        exec.attach(data);
        exec.run(0);
        exec.run(0);
      });
      expect(debug, `${threads} threads fell back`).toEqual([]);
      expect(Array.from(data.runs.subarray(0, 500))).toEqual(new Array(500).fill(4));
      const byThread = Array.from(data.byThread);
      expect(byThread.reduce((s, v) => s + v, 0)).toBe(2000);
      expect(byThread.slice(threads).every((v) => v === 0)).toBe(true);
      results.push(Array.from(data.b));
      expect(await settled(toyPool.live)).toBe(0);
    }
    expect(results[0]).toEqual(Array.from({ length: 500 }, (_, u) => u * u + (499 - u) * (499 - u)));
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('does not wait for a slow worker: the main thread takes the units it has not claimed', async () => {
    const toyPool = pool('worker.mjs');
    const data = toy(400, { slowWorkers: true });
    await withExecutor(await toyPool.start(2, recordingLogger([])), (exec) => {
      exec.attach(data);
      exec.run(1);
    });
    // The worker sleeps 2 ms per unit; the main thread does not, so it runs most of them.
    expect(Array.from(data.runs.subarray(0, 400))).toEqual(new Array(400).fill(1));
    expect(data.byThread[0]).toBeGreaterThan(data.byThread[1] as number);
  });

  it('publishes a phase of more units than a claim word holds in rounds', async () => {
    const toyPool = pool('worker.mjs');
    const data = toy(70_000);
    await withExecutor(await toyPool.start(2, recordingLogger([])), (exec) => {
      exec.attach(data);
      exec.run(1);
    });
    expect(data.runs.subarray(0, 70_000).every((v) => v === 1)).toBe(true);
  });

  it('reports a failing unit with its message and stops the workers', async () => {
    const toyPool = pool('worker.mjs');
    const data = toy(300, { failAt: 123 });
    const exec = await toyPool.start(2, recordingLogger([]));
    exec.attach(data);
    // The main thread's own error is rethrown as is; a worker's comes back with its thread and stack.
    expect(() => exec.run(1)).toThrow(/unit 123 refused/);
    expect(data.runs[123]).toBe(0);
    await exec.close();
    await exec.close();
    expect(await settled(toyPool.live)).toBe(0);
  });

  it("propagates a worker's failure as a ModelError naming the pool, the thread and the message", async () => {
    const toyPool = pool('worker.mjs');
    const exec = await toyPool.start(3, recordingLogger([]));
    expect(() => exec.attach(toy(10, { refuse: true }))).toThrow(
      /^toy: a worker thread failed: thread \d: Error: thread \d refuses the payload/,
    );
    await exec.close();
    expect(() => exec.run(1)).toThrow('toy: the worker pool is closed (internal error)');
    expect(await settled(toyPool.live)).toBe(0);
  });

  it('falls back to the main thread when workers cannot start, and says so at debug level', async () => {
    for (const [script, message] of [
      ['missing.mjs', 'toy: compiled worker script not found (run the build); using 1 thread'],
      ['broken.mjs', 'toy: worker threads did not start; using 1 thread'],
    ] as const) {
      const debug: string[] = [];
      const toyPool = pool(script);
      const data = toy(50);
      await withExecutor(await toyPool.start(3, recordingLogger(debug)), (exec) => {
        expect(exec.threads).toBe(1);
        exec.attach(data);
        exec.run(0);
      });
      expect(debug).toEqual([message]);
      expect(data.b[0]).toBe(49 * 49);
      expect(await settled(toyPool.live)).toBe(0);
    }
  });
});
