// The jobs a GBDT fit runs on the worker pool (../worker-pool.ts): job codes and the layout of job parameters
// in state.params, with encoders for the jobs tree.ts and boost.ts issue. jobs.ts decodes and runs them; how
// phases are published and their units claimed is the pool's protocol (../worker-protocol.ts).
// This file must stay free of imports from core (worker threads load it and must start fast).
import type { SplitConstraints } from './split.js';

export const JOB_EDGES = 2;
export const JOB_BIN = 3;
export const JOB_SPLIT = 4;
export const JOB_GRADIENTS = 5;

/** params of a SPLIT job: task count, active feature count, constraints, the range to partition and its
 * feature (−1: none), then TASK_STRIDE per task. */
export const P_TASKS = 0;
export const P_FEATURES = 1;
export const P_MIN_SAMPLES = 2;
export const P_MIN_HESSIAN = 3;
export const P_L2 = 4;
export const P_PART_START = 5;
export const P_PART_END = 6;
export const P_PART_FEATURE = 7;
/** params of a GRADIENTS job: rows, whether to reset idx to 0..rows−1, leaves in state.leaves to apply. */
export const P_ROWS = 8;
export const P_IDENTITY = 9;
export const P_LEAVES = 10;
/** Written by a SPLIT job: how many rows its partition sent left. */
export const P_PART_LEFT = 11;
/** Threads of the executor: feature groups are sized so that each thread gets an equal share. */
export const P_THREADS = 12;
export const P_TASK0 = 14;
export const TASK_STRIDE = 10;
/** Task kinds: build from idx[start..end), from rows start..end, from the rows this job's partition sent
 * left / right, or slot −= other slot. */
export const KIND_ROWS = 0;
export const KIND_RANGE = 1;
export const KIND_SUBTRACT = 2;
export const KIND_PART_LEFT = 3;
export const KIND_PART_RIGHT = 4;
export const T_KIND = 0;
export const T_SLOT = 1;
export const T_START = 2;
export const T_END = 3;
export const T_OTHER = 4;
export const T_FIND = 5;
export const T_G = 6;
export const T_H = 7;
export const T_C = 8;

/** One histogram task of a SPLIT job, as tree.ts describes it. */
export interface HistTask {
  kind: number;
  slot: number;
  /** Rows (KIND_ROWS, KIND_RANGE). */
  start: number;
  end: number;
  /** KIND_SUBTRACT: the slot to subtract. */
  other: number;
  /** Also find the node's best split, for a node with these totals. */
  find: boolean;
  g: number;
  h: number;
  c: number;
}

/** Encodes the per-tree constants of SPLIT jobs. */
export function setTreeParams(params: Float64Array, nFeatures: number, constraints: SplitConstraints): void {
  params[P_FEATURES] = nFeatures;
  params[P_MIN_SAMPLES] = constraints.minSamplesLeaf;
  params[P_MIN_HESSIAN] = constraints.minHessianLeaf;
  params[P_L2] = constraints.l2;
}

/** Encodes a SPLIT job: an optional partition of idx[start..end) on `feature`, then up to two tasks. */
export function setSplitJob(
  params: Float64Array,
  partition: { start: number; end: number; feature: number } | null,
  tasks: readonly HistTask[],
): void {
  params[P_PART_FEATURE] = partition ? partition.feature : -1;
  params[P_PART_START] = partition ? partition.start : 0;
  params[P_PART_END] = partition ? partition.end : 0;
  params[P_TASKS] = tasks.length;
  tasks.forEach((task, k) => {
    const q = P_TASK0 + k * TASK_STRIDE;
    params[q + T_KIND] = task.kind;
    params[q + T_SLOT] = task.slot;
    params[q + T_START] = task.start;
    params[q + T_END] = task.end;
    params[q + T_OTHER] = task.other;
    params[q + T_FIND] = task.find ? 1 : 0;
    params[q + T_G] = task.g;
    params[q + T_H] = task.h;
    params[q + T_C] = task.c;
  });
}
