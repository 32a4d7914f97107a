// The jobs the threads of an RNN fit run on the worker pool (../worker-pool.ts), and the per-thread context
// they run in. Each job is one phase of tasks that any thread may claim; ThreadContext.runUnit runs one:
// - GRADIENT: every batch is cut into S fixed shards (S = options.shards, whatever the thread count); task s
//   computes the summed loss and gradient of shard s into that shard's own buffer. The main thread then adds
//   the shard buffers in shard order, so 1 and 2 threads give the same bits.
// - PREDICT: task c scores chunk c (the workspace's rows) of a data set; a sequence's score does not depend
//   on its chunk (see wasm.ts), so neither does the result.
// This file must stay free of imports from core (worker threads load it and must start fast).
import type { JobRunner } from '../worker-protocol.js';
import type { SequenceData } from './data.js';
import { RnnPass } from './pass.js';
import type { MemoryLayout, NetShape } from './shape.js';
import { createKernels, type WasmMemory } from './wasm.js';

export const JOB_GRADIENT = 2;
export const JOB_PREDICT = 3;

/** Slots of `params`: sequences in the batch, whether dropout masks apply, the data set to predict. */
export const P_COUNT = 0;
export const P_DROPOUT = 1;
export const P_DATASET = 2;
export const PARAMS_SIZE = 4;

/** What ATTACH hands to every thread (structured clone shares the memory and the SharedArrayBuffers). */
export interface RnnPayload {
  memory: WasmMemory;
  f32: boolean;
  shape: NetShape;
  layout: MemoryLayout;
  shards: number;
  /** 0 = training data, then any others (validation). */
  datasets: SequenceData[];
  params: Int32Array;
  /** Sample ids of the current batch. */
  batch: Int32Array;
  /** Summed loss of each shard of the current batch. */
  shardLoss: Float64Array;
  /** Raw scores per data set (PREDICT writes them). */
  scores: Float64Array[];
}

export class ThreadContext implements JobRunner<RnnPayload> {
  private payload: RnnPayload | undefined;
  private pass: RnnPass | undefined;

  attach(payload: RnnPayload, thread: number): void {
    const workspace = payload.layout.workspaces[thread];
    if (!workspace) throw new Error(`rnn: no workspace for thread ${thread} (internal error)`);
    this.payload = payload;
    this.pass = new RnnPass(
      createKernels(payload.memory, payload.f32),
      payload.shape,
      payload.layout,
      workspace,
    );
  }

  /** One phase per job. */
  phases(): number {
    return 1;
  }

  /** Tasks of a job: the shards of the batch, or the chunks of the data set to score. */
  units(job: number): number {
    const p = this.payload as RnnPayload;
    if (job === JOB_GRADIENT) return p.shards;
    const data = p.datasets[p.params[P_DATASET] as number] as SequenceData;
    return Math.ceil(data.n / (this.pass as RnnPass).rows);
  }

  runUnit(job: number, _phase: number, task: number): void {
    if (job === JOB_GRADIENT) this.gradient(task);
    else if (job === JOB_PREDICT) this.predict(task);
  }

  private gradient(s: number): void {
    const p = this.payload as RnnPayload;
    const pass = this.pass as RnnPass;
    const count = p.params[P_COUNT] as number;
    const masks = p.params[P_DROPOUT] === 1 ? p.layout.masks : -1;
    const train = p.datasets[0] as SequenceData;
    pass.load(train, p.batch, Math.floor((s * count) / p.shards), Math.floor(((s + 1) * count) / p.shards));
    pass.forward(masks);
    p.shardLoss[s] = pass.loss(train.y);
    pass.backward(train, p.layout.grads[s] as number, masks);
  }

  private predict(chunk: number): void {
    const p = this.payload as RnnPayload;
    const k = p.params[P_DATASET] as number;
    predictChunk(this.pass as RnnPass, p.datasets[k] as SequenceData, p.scores[k] as Float64Array, chunk);
  }
}

/** Raw scores of chunk c (the pass's rows) of `data` into `out`, in the data set's order. */
export function predictChunk(pass: RnnPass, data: SequenceData, out: Float64Array, c: number): void {
  const rows = pass.rows;
  pass.load(data, identity(data.n), c * rows, Math.min(data.n, (c + 1) * rows));
  pass.forward(-1);
  for (let r = 0; r < pass.count; r++) out[pass.order[r] as number] = pass.z[r] as number;
}

let ids = new Int32Array(0);
function identity(n: number): Int32Array {
  if (ids.length < n) ids = Int32Array.from({ length: n }, (_, i) => i);
  return ids;
}
