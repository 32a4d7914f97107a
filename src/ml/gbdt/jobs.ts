// The jobs the threads of a fit run, cut into phases of work units (job codes and parameters: protocol.ts;
// dispatch: ../worker-pool.ts), and the per-thread context that runs a unit. Main thread and workers run the
// same ThreadContext.runUnit; which thread runs which unit is decided at run time by claiming, and does not
// change any result:
// - EDGES / BIN: bin edges, then the binned matrix; one unit per feature.
// - SPLIT: phase 0 partitions a node's rows, PARTITION_SLICES slices into the left/right buffers (one slice
//   for small nodes); phase 1 copies each slice's pieces into place in idx (one unit per slice) and, in
//   other units, builds or subtracts histograms and finds splits for groups of up to 4 active features,
//   reading the children's rows straight from the buffers, slice after slice.
// - GRADIENTS: phase 0 adds the last tree's leaf values to the raw scores (slices of the partition's
//   positions; each row sits at one position); phase 1 computes gradients, hessians, loss and gradient
//   sums per block of GRAD_BLOCK rows.
// Every feature's histogram is summed by one unit in row order, the partition is stable, and block sums are
// reduced by the main thread in block order, so results are bit-identical whatever the thread count.
// This file must stay free of imports from core (worker threads load it and must start fast).
import type { JobRunner } from '../worker-protocol.js';
import {
  binCategoricalColumn,
  binNumericColumn,
  columnCategories,
  columnEdges,
  type ColumnScratch,
} from './binning.js';
import { buildHistograms, subtractHistograms, usesOrderedGradients, type RowSegment } from './histogram.js';
import { logLossGradients } from './loss.js';
import { radixScratch } from './sort.js';
import {
  categoricalScratch,
  findCategoricalSplit,
  findNumericSplit,
  SPLIT_STRIDE,
  type CategoricalScratch,
  type SplitConstraints,
} from './split.js';
import { FLAG_CATEGORICAL, FLAG_MISSING, GRAD_BLOCK, type PrepState, type SharedState } from './state.js';
import { instantiateKernels, type GbdtKernels } from './wasm.js';
import {
  JOB_BIN,
  JOB_EDGES,
  JOB_GRADIENTS,
  JOB_SPLIT,
  KIND_PART_LEFT,
  KIND_PART_RIGHT,
  KIND_ROWS,
  KIND_SUBTRACT,
  P_FEATURES,
  P_IDENTITY,
  P_L2,
  P_LEAVES,
  P_MIN_HESSIAN,
  P_MIN_SAMPLES,
  P_PART_END,
  P_PART_FEATURE,
  P_PART_LEFT,
  P_PART_START,
  P_ROWS,
  P_TASK0,
  P_THREADS,
  P_TASKS,
  T_C,
  T_END,
  T_FIND,
  T_G,
  T_H,
  T_KIND,
  T_OTHER,
  T_SLOT,
  T_START,
  TASK_STRIDE,
} from './protocol.js';

/** Below this many rows a node is partitioned as one slice. */
const PARALLEL_PARTITION_MIN = 16_384;
/** Slices of a large node's partition, and of the positions in the raw-score update. */
const PARTITION_SLICES = 4;
const UPDATE_SLICES = 8;

/** What ATTACH hands to every thread. */
export interface ThreadPayload {
  prep?: PrepState;
  state?: SharedState;
}

const slice = (t: number, T: number, count: number): [number, number] => [
  Math.floor((t * count) / T),
  Math.floor(((t + 1) * count) / T),
];

/** One thread's view of the fit: the shared arrays, its wasm kernels and its scratch buffers. */
export class ThreadContext implements JobRunner<ThreadPayload> {
  private prep: PrepState | undefined;
  private state: SharedState | undefined;
  private kernels: GbdtKernels | undefined;
  private column: ColumnScratch | undefined;
  private cat: CategoricalScratch | undefined;
  private readonly constraints: SplitConstraints = { minSamplesLeaf: 1, minHessianLeaf: 0, l2: 0 };
  private readonly sums = new Float64Array(3);
  /** Serial number of the phase whose node gradients this thread last gathered into its ordered buffer. */
  private gatheredIn = -1;

  private groups: { count: number; threads: number; list: [number, number][] } = {
    count: -1,
    threads: 0,
    list: [],
  };

  /** Takes the arrays in the payload; a key present with `undefined` drops what was there (frees memory). */
  attach(payload: ThreadPayload): void {
    if ('prep' in payload) {
      this.prep = payload.prep;
      this.column = undefined;
    }
    if (payload.state) {
      this.state = payload.state;
      this.kernels = instantiateKernels(payload.state.memory, payload.state.wide);
      this.cat = categoricalScratch(payload.state.maxNb);
    }
  }

  private get wasm(): GbdtKernels {
    if (!this.kernels) throw new Error('gbdt: no state attached (internal error)');
    return this.kernels;
  }

  /** Phases of a job. */
  phases(job: number): number {
    return job === JOB_SPLIT || job === JOB_GRADIENTS ? 2 : 1;
  }

  /** Work units of a job's phase (0: the phase has nothing to do). */
  units(job: number, phase: number): number {
    if (job === JOB_EDGES || job === JOB_BIN) return (this.prep as PrepState).p;
    const { params } = this.state as SharedState;
    if (job === JOB_GRADIENTS) {
      if (phase === 0) return params[P_LEAVES] === 0 ? 0 : UPDATE_SLICES;
      return Math.ceil((params[P_ROWS] as number) / GRAD_BLOCK);
    }
    if (job === JOB_SPLIT) {
      const parts = this.partitionSlices();
      if (phase === 0) return parts;
      return parts + (params[P_TASKS] === 0 ? 0 : this.featureGroups().length);
    }
    return 0;
  }

  /**
   * Runs unit `unit` of a job's phase; t (0 = main thread) picks this thread's scratch buffers, and the
   * phase's serial number lets a thread reuse what it gathered for an earlier unit of the same phase.
   */
  runUnit(job: number, phase: number, unit: number, t: number, serial: number): void {
    if (job === JOB_SPLIT) {
      if (phase === 0) this.partitionSlice(unit);
      else if (unit < this.partitionSlices()) this.mergeSlice(unit);
      else this.featureGroup(unit - this.partitionSlices(), t, serial);
    } else if (job === JOB_GRADIENTS) {
      if (phase === 0) this.updateSlice(unit);
      else this.gradientBlock(unit);
    } else if (job === JOB_EDGES) this.edges(unit);
    else if (job === JOB_BIN) this.bin(unit);
  }

  private edges(f: number): void {
    const prep = this.prep as PrepState;
    const { n, maxBins, xc, flags, edges, edgeCount, sampleRows } = prep;
    const rows = sampleRows.length || n;
    this.column ??= {
      values: new Float64Array(rows),
      spare: new Float64Array(rows),
      counts: radixScratch(),
    };
    const col = xc.subarray(f * n, (f + 1) * n);
    const out =
      (flags[f] as number) & FLAG_CATEGORICAL
        ? columnCategories(col, maxBins)
        : columnEdges(col, sampleRows, maxBins, this.column);
    edgeCount[f] = out.length;
    edges.set(out, f * maxBins);
  }

  private bin(f: number): void {
    const prep = this.prep as PrepState;
    const state = this.state as SharedState;
    const { n, maxBins, xc, edges, edgeCount } = prep;
    const col = xc.subarray(f * n, (f + 1) * n);
    const out = state.bins.subarray(f * n, (f + 1) * n);
    const own = edges.subarray(f * maxBins, f * maxBins + (edgeCount[f] as number));
    const flags = state.flags[f] as number;
    const missing =
      flags & FLAG_CATEGORICAL
        ? binCategoricalColumn(col, Array.from(own), out)
        : binNumericColumn(col, own, out);
    if (missing) state.flags[f] = flags | FLAG_MISSING;
  }

  /** Slices of the current SPLIT job's partition: 0 without one, 1 for small nodes. */
  private partitionSlices(): number {
    const { params } = this.state as SharedState;
    if ((params[P_PART_FEATURE] as number) < 0) return 0;
    const rows = (params[P_PART_END] as number) - (params[P_PART_START] as number);
    return rows < PARALLEL_PARTITION_MIN ? 1 : PARTITION_SLICES;
  }

  private sliceBounds(u: number): [number, number] {
    const { params } = this.state as SharedState;
    const start = params[P_PART_START] as number;
    const [a, b] = slice(u, this.partitionSlices(), (params[P_PART_END] as number) - start);
    return [start + a, start + b];
  }

  /** Splits slice u of idx[start..end) by state.table into the left/right buffers at the slice's positions. */
  private partitionSlice(u: number): void {
    const state = this.state as SharedState;
    const { params, partCounts, ptr, n } = state;
    const [a, b] = this.sliceBounds(u);
    const col = ptr.bins + (params[P_PART_FEATURE] as number) * n * (state.wide ? 2 : 1);
    const nLeft = this.wasm.partition(ptr.idx, ptr.left + 4 * a, ptr.right + 4 * a, a, b, col, ptr.table);
    partCounts[2 * u] = nLeft;
    partCounts[2 * u + 1] = b - a - nLeft;
  }

  /** Copies slice u's left and right pieces to their places in idx (left pieces first, in slice order). */
  private mergeSlice(u: number): void {
    const state = this.state as SharedState;
    const { params, partCounts, idx, left, right } = state;
    const parts = this.partitionSlices();
    let nLeft = 0;
    for (let v = 0; v < parts; v++) nLeft += partCounts[2 * v] as number;
    let leftAt = params[P_PART_START] as number;
    let rightAt = leftAt + nLeft;
    for (let v = 0; v < u; v++) {
      leftAt += partCounts[2 * v] as number;
      rightAt += partCounts[2 * v + 1] as number;
    }
    const [a] = this.sliceBounds(u);
    idx.set(left.subarray(a, a + (partCounts[2 * u] as number)), leftAt);
    idx.set(right.subarray(a, a + (partCounts[2 * u + 1] as number)), rightAt);
    if (u === 0) params[P_PART_LEFT] = nLeft;
  }

  /** The rows of each side of the partition as buffer segments, slice after slice. */
  private partitionSegments(side: 'left' | 'right'): RowSegment[] {
    const { partCounts, ptr } = this.state as SharedState;
    const out: RowSegment[] = [];
    for (let u = 0; u < this.partitionSlices(); u++) {
      const [a] = this.sliceBounds(u);
      const count = partCounts[2 * u + (side === 'left' ? 0 : 1)] as number;
      out.push({ list: side === 'left' ? ptr.left : ptr.right, start: a, end: a + count });
    }
    return out;
  }

  /**
   * Groups of active features, each one SPLIT unit: fours (the kernels' widest pass) on one thread; with T
   * threads, the fewest groups of at most four whose number is a multiple of T, sized as evenly as possible
   * (20 features on 2 threads: 4, 4, 3, 3, 3, 3), so threads finish together. Grouping never changes results.
   */
  private featureGroups(): [number, number][] {
    const { params } = this.state as SharedState;
    const count = params[P_FEATURES] as number;
    const threads = Math.max(1, params[P_THREADS] as number);
    if (this.groups.count !== count || this.groups.threads !== threads) {
      let n = Math.ceil(count / 4);
      if (threads > 1) n = Math.min(count, Math.ceil(n / threads) * threads);
      const list: [number, number][] = [];
      for (let g = 0, at = 0; g < n; g++) {
        const size = Math.floor(count / n) + (g < count % n ? 1 : 0);
        list.push([at, at + size]);
        at += size;
      }
      this.groups = { count, threads, list };
    }
    return this.groups.list;
  }

  /** Histograms (built or subtracted) and best splits of the current tasks, for one group of features. */
  private featureGroup(group: number, t: number, serial: number): void {
    const state = this.state as SharedState;
    const kernels = this.kernels as GbdtKernels;
    const { params, nBins, features, p, ptr } = state;
    const [from, to] = this.featureGroups()[group] as [number, number];
    const tasks = params[P_TASKS] as number;
    for (let k = 0; k < tasks; k++) {
      const q = P_TASK0 + k * TASK_STRIDE;
      const kind = params[q + T_KIND] as number;
      const slot = params[q + T_SLOT] as number;
      if (kind === KIND_SUBTRACT) {
        subtractHistograms(state, slot, params[q + T_OTHER] as number, from, to);
        continue;
      }
      const start = params[q + T_START] as number;
      const end = params[q + T_END] as number;
      const segments =
        kind === KIND_PART_LEFT
          ? this.partitionSegments('left')
          : kind === KIND_PART_RIGHT
            ? this.partitionSegments('right')
            : [{ list: kind === KIND_ROWS ? ptr.idx : -1, start, end }];
      const ordered = ptr.og + 16 * state.n * t;
      const gather = usesOrderedGradients(state, segments) && this.gatheredIn !== serial;
      if (gather) this.gatheredIn = serial;
      buildHistograms(state, kernels, segments, slot, from, to, ordered, gather);
    }
    const k = this.constraints;
    k.minSamplesLeaf = params[P_MIN_SAMPLES] as number;
    k.minHessianLeaf = params[P_MIN_HESSIAN] as number;
    k.l2 = params[P_L2] as number;
    for (let task = 0; task < tasks; task++) {
      const q = P_TASK0 + task * TASK_STRIDE;
      if (params[q + T_FIND] !== 1) continue;
      const slot = (params[q + T_SLOT] as number) * state.slotSize;
      const G = params[q + T_G] as number;
      const H = params[q + T_H] as number;
      const C = params[q + T_C] as number;
      for (let j = from; j < to; j++) {
        const f = features[j] as number;
        const base = slot + (state.featureOffset[f] as number);
        const nb = nBins[f] as number;
        const flags = state.flags[f] as number;
        const missing = (flags & FLAG_MISSING) !== 0;
        const o = (task * p + f) * SPLIT_STRIDE;
        if (flags & FLAG_CATEGORICAL) {
          const c = (task * p + f) * state.maxNb;
          const cat = this.cat as CategoricalScratch;
          findCategoricalSplit(
            state.hist,
            base,
            nb,
            missing,
            G,
            H,
            C,
            k,
            state.splits,
            o,
            state.cats,
            c,
            cat,
          );
        } else {
          findNumericSplit(state.hist, base, nb, missing, G, H, C, k, state.splits, o);
        }
      }
    }
  }

  /** Raw scores += the last tree's leaf values over slice u of idx positions (leaves are position ranges). */
  private updateSlice(u: number): void {
    const { raw, idx, leaves, params } = this.state as SharedState;
    const [lo, hi] = slice(u, UPDATE_SLICES, params[P_ROWS] as number);
    const nLeaves = params[P_LEAVES] as number;
    for (let l = 0; l < nLeaves; l++) {
      const a = Math.max(lo, leaves[3 * l] as number);
      const b = Math.min(hi, leaves[3 * l + 1] as number);
      const value = leaves[3 * l + 2] as number;
      for (let k = a; k < b; k++) {
        const i = idx[k] as number;
        raw[i] = (raw[i] as number) + value;
      }
    }
  }

  /** Gradients, hessians and the block's loss / gradient / hessian sums for rows of block b. */
  private gradientBlock(b: number): void {
    const state = this.state as SharedState;
    const { raw, y, w, gh, idx, params } = state;
    const start = b * GRAD_BLOCK;
    const end = Math.min(params[P_ROWS] as number, start + GRAD_BLOCK);
    const sums = this.sums;
    sums.fill(0);
    logLossGradients(raw, y, w, gh, start, end, sums);
    if (params[P_IDENTITY] === 1) for (let k = start; k < end; k++) idx[k] = k;
    state.blockLoss[b] = sums[0] as number;
    state.blockG[b] = sums[1] as number;
    state.blockH[b] = sums[2] as number;
  }
}
