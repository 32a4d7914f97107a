// Memory shared by the threads of one fit. The arrays the wasm kernels touch (binned matrix, gradients, row
// indices, partition buffers, histogram slots, partition lookup table, gathered gradients) are carved out of one shared
// WebAssembly.Memory at 64-byte-aligned offsets; everything else small lives in plain SharedArrayBuffers.
// A worker receives the whole object once (structured clone shares the memory, nothing is copied).
// PrepState is the smaller set used before training, while the bin edges are being computed.
// This file must stay free of imports from core: worker threads load it.
import { createWasmMemory, PAGE, type WasmMemory } from '../wasm/assembler.js';
import type { BinnedMatrix } from './binning.js';
import type { HistLayout } from './histogram.js';
import { SPLIT_STRIDE } from './split.js';

/** Rows per gradient block; block sums are reduced in block order, whatever the thread count. */
export const GRAD_BLOCK = 8192;

/** Flags per feature. */
export const FLAG_CATEGORICAL = 1;
export const FLAG_MISSING = 2;

/** Byte offsets of the wasm-visible arrays inside `memory`. */
export interface StatePointers {
  bins: number;
  gh: number;
  idx: number;
  left: number;
  right: number;
  hist: number;
  table: number;
  /** Per thread, a buffer of gathered (ordered) gradient pairs: thread t's starts at og + t·16n. */
  og: number;
}

export interface SharedState {
  n: number;
  p: number;
  nSlots: number;
  /** Largest nBins + 1 (room for a categorical left set, missing bin included). */
  maxNb: number;
  memory: WasmMemory;
  /** Uint16 bins (some feature has more than 255 bins besides missing). */
  wide: boolean;
  ptr: StatePointers;
  /** Column-major binned matrix: feature f is [f·n, (f+1)·n). */
  bins: BinnedMatrix;
  /** Interleaved gradient, hessian per row. */
  gh: Float64Array;
  /** Row partition: the rows of every node are a contiguous range of it. */
  idx: Uint32Array;
  /** Partition buffers: rows going left / right, at the positions of the partitioned range. */
  left: Uint32Array;
  right: Uint32Array;
  /** Per slice of the current partition: rows it sent left and right. */
  partCounts: Int32Array;
  /** Leaves of the last tree as (start, end, value) triples over idx, for the raw-score update. */
  leaves: Float64Array;
  hist: Float64Array;
  /** Partition lookup: 1 for bins going left. */
  table: Uint8Array;
  featureOffset: Int32Array;
  slotSize: number;
  nBins: Int32Array;
  flags: Uint8Array;
  /** Active features of the current tree (column subsampling), ascending. */
  features: Int32Array;
  /** Split records: [task 0|1][feature] × SPLIT_STRIDE. */
  splits: Float64Array;
  /** Categorical left sets: [task][feature] × maxNb bins. */
  cats: Int32Array;
  raw: Float64Array;
  y: Uint8Array;
  /** Sample weights, or empty. */
  w: Float64Array;
  /** Per gradient block: loss, gradient and hessian sums. */
  blockLoss: Float64Array;
  blockG: Float64Array;
  blockH: Float64Array;
  params: Float64Array;
}

/** Inputs of the binning jobs: column-major raw values and where to put each feature's edges or codes. */
export interface PrepState {
  n: number;
  p: number;
  maxBins: number;
  /** Column-major copy of the training matrix. */
  xc: Float64Array;
  /** Rows used for numeric bin edges (ascending), or empty for all rows. */
  sampleRows: Uint32Array;
  flags: Uint8Array;
  /** Per feature, up to maxBins − 1 numeric edges or maxBins category codes. */
  edges: Float64Array;
  edgeCount: Int32Array;
}

export const PARAMS_SIZE = 40;
/** Upper bound on the slices one partition is cut into (jobs.ts uses fewer). */
export const MAX_PARTITION_SLICES = 64;
const ALIGN = 64;
const MAX_PAGES = 65536;

function sharedArray<T>(make: (b: SharedArrayBuffer) => T, bytes: number): T {
  return make(new SharedArrayBuffer(Math.max(8, bytes)));
}

export function createPrepState(
  n: number,
  p: number,
  maxBins: number,
  categorical: readonly boolean[],
): PrepState {
  const flags = sharedArray((b) => new Uint8Array(b, 0, p), p);
  categorical.forEach((c, f) => (flags[f] = c ? FLAG_CATEGORICAL : 0));
  return {
    n,
    p,
    maxBins,
    xc: sharedArray((b) => new Float64Array(b, 0, n * p), n * p * 8),
    sampleRows: new Uint32Array(0),
    flags,
    edges: sharedArray((b) => new Float64Array(b, 0, p * maxBins), p * maxBins * 8),
    edgeCount: sharedArray((b) => new Int32Array(b, 0, p), p * 4),
  };
}

/**
 * Allocates the training state; throws a RangeError when the wasm arrays need more than 4 GiB
 * (the caller turns it into a ModelError naming the data size).
 */
export function createSharedState(
  n: number,
  nBins: readonly number[],
  flags: readonly number[],
  layout: HistLayout,
  nSlots: number,
  threads: number,
  y: Uint8Array,
  w: Float64Array | undefined,
): SharedState {
  const p = nBins.length;
  const maxNb = Math.max(...nBins.map((b) => b + 1));
  const wide = maxNb > 256;
  let top = 0;
  const take = (bytes: number) => {
    const at = top;
    top += Math.ceil(bytes / ALIGN) * ALIGN;
    return at;
  };
  const ptr: StatePointers = {
    bins: take(n * p * (wide ? 2 : 1)),
    gh: take(16 * n),
    idx: take(4 * n),
    left: take(4 * n),
    right: take(4 * n),
    hist: take(8 * nSlots * layout.slotSize),
    table: take(maxNb),
    og: take(16 * n * threads),
  };
  const pages = Math.ceil(top / PAGE) + 1;
  if (pages > MAX_PAGES) throw new RangeError(`needs ${top} bytes of wasm memory (the limit is 4 GiB)`);
  const memory = createWasmMemory(pages * PAGE);
  const buf = memory.buffer;
  const f64 = (len: number) => sharedArray((b) => new Float64Array(b, 0, len), len * 8);
  const i32 = (len: number) => sharedArray((b) => new Int32Array(b, 0, len), len * 4);
  const blocks = Math.ceil(n / GRAD_BLOCK);
  const state: SharedState = {
    n,
    p,
    nSlots,
    maxNb,
    memory,
    wide,
    ptr,
    bins: wide ? new Uint16Array(buf, ptr.bins, n * p) : new Uint8Array(buf, ptr.bins, n * p),
    gh: new Float64Array(buf, ptr.gh, 2 * n),
    idx: new Uint32Array(buf, ptr.idx, n),
    left: new Uint32Array(buf, ptr.left, n),
    right: new Uint32Array(buf, ptr.right, n),
    partCounts: i32(2 * MAX_PARTITION_SLICES),
    leaves: f64(3 * nSlots),
    hist: new Float64Array(buf, ptr.hist, nSlots * layout.slotSize),
    table: new Uint8Array(buf, ptr.table, maxNb),
    featureOffset: i32(p),
    slotSize: layout.slotSize,
    nBins: i32(p),
    flags: sharedArray((b) => new Uint8Array(b, 0, p), p),
    features: i32(p),
    splits: f64(2 * p * SPLIT_STRIDE),
    cats: i32(2 * p * maxNb),
    raw: f64(n),
    y: sharedArray((b) => new Uint8Array(b, 0, n), n),
    w: w ? f64(n) : new Float64Array(0),
    blockLoss: f64(blocks),
    blockG: f64(blocks),
    blockH: f64(blocks),
    params: f64(PARAMS_SIZE),
  };
  state.featureOffset.set(layout.featureOffset);
  state.nBins.set(nBins);
  state.flags.set(flags);
  state.y.set(y);
  if (w) state.w.set(w);
  return state;
}
