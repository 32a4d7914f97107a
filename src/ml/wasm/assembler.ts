// A tiny WebAssembly assembler shared by the GBDT kernels (gbdt/wasm.ts) and the RNN kernels (rnn/wasm.ts,
// gemm-kernel.ts, activation-kernel.ts): opcodes, LEB128 immediates, instruction helpers, two loop shapes and
// the module layout. It exists so the kernels are readable TypeScript in the repository rather than a binary
// blob from an external toolchain. Every module has the same shape: it imports one shared memory
// `env.memory` (up to 4 GiB, it never grows, so typed-array views on it stay valid), its functions take i32
// parameters (byte offsets and counts) and each is exported under its name. A module is compiled once per
// thread and instantiated on any memory (`lazyModule`).
// This file must stay free of imports: worker threads load it.

/** Value types (local declarations, results). */
export const I32 = 0x7f;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof F32 | typeof F64 | typeof V128;

export const OP = {
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  get: 0x20,
  set: 0x21,
  tee: 0x22,
  i32Load: 0x28,
  f32Load: 0x2a,
  f64Load: 0x2b,
  i32Load8u: 0x2d,
  i32Load16u: 0x2f,
  i32Store: 0x36,
  f32Store: 0x38,
  f64Store: 0x39,
  i32Const: 0x41,
  f64Const: 0x44,
  i32LtU: 0x49,
  i32GeS: 0x4e,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Shl: 0x74,
  f32Add: 0x92,
  f32Mul: 0x94,
  f64Add: 0xa0,
  f64Mul: 0xa2,
  simd: 0xfd,
} as const;

/** SIMD opcodes (LEB128-encoded after the 0xfd prefix: use `simd` / `simdMem`). */
export const SIMD = {
  load: 0x00,
  store: 0x0b,
  const: 0x0c,
  f32x4Splat: 0x13,
  f64x2Splat: 0x14,
  f32x4Nearest: 0x6a,
  f64x2Nearest: 0x94,
  i32x4Shl: 0xab,
  i32x4Add: 0xae,
  i64x2ExtendLowI32x4S: 0xc7,
  i64x2Shl: 0xcb,
  i64x2Add: 0xce,
  f32x4Add: 0xe4,
  f32x4Sub: 0xe5,
  f32x4Mul: 0xe6,
  f32x4Div: 0xe7,
  f32x4Min: 0xe8,
  f32x4Max: 0xe9,
  f64x2Add: 0xf0,
  f64x2Sub: 0xf1,
  f64x2Mul: 0xf2,
  f64x2Div: 0xf3,
  f64x2Min: 0xf4,
  f64x2Max: 0xf5,
  i32x4TruncSatF32x4S: 0xf8,
  i32x4TruncSatF64x2SZero: 0xfc,
} as const;

const VOID_BLOCK = 0x40;
/** Bytes per SIMD vector. */
export const VBYTES = 16;
/** Bytes per wasm memory page. */
export const PAGE = 65536;

/** Unsigned LEB128. */
export function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

/** Signed LEB128. */
export function sleb(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

// Instructions.
export const get = (i: number): number[] => [OP.get, ...uleb(i)];
export const set = (i: number): number[] => [OP.set, ...uleb(i)];
export const tee = (i: number): number[] => [OP.tee, ...uleb(i)];
export const i32 = (v: number): number[] => [OP.i32Const, ...sleb(v)];
export const f64 = (v: number): number[] => [OP.f64Const, ...new Uint8Array(new Float64Array([v]).buffer)];
/** A scalar memory access: opcode, alignment hint (log2 bytes), static byte offset. */
export const mem = (op: number, align: number, offset = 0): number[] => [op, align, ...uleb(offset)];
/** A SIMD instruction with its immediates. */
export const simd = (op: number, ...imm: number[]): number[] => [OP.simd, ...uleb(op), ...imm];
/** A SIMD memory access (v128.load / v128.store): alignment hint (log2 bytes), static byte offset. */
export const simdMem = (op: number, align: number, offset = 0): number[] => simd(op, align, ...uleb(offset));
/** v128.load / v128.store at a static byte offset (alignment hint 1: any address works). */
export const vload = (offset: number): number[] => simdMem(SIMD.load, 0, offset);
export const vstore = (offset: number): number[] => simdMem(SIMD.store, 0, offset);
/** A v128 constant with the same float value in every lane (f32x4 or f64x2). */
export function splatConst(f32: boolean, value: number): number[] {
  const lanes = f32 ? new Float32Array(4).fill(value) : new Float64Array(2).fill(value);
  return simd(SIMD.const, ...new Uint8Array(lanes.buffer));
}
/** A v128 constant with the same integer value in every lane (i64x2 or i32x4). */
export function splatConstI(bits64: boolean, value: number): number[] {
  const lanes = bits64 ? new BigInt64Array(2).fill(BigInt(value)) : new Int32Array(4).fill(value);
  return simd(SIMD.const, ...new Uint8Array(lanes.buffer));
}
/** Pushes local[base] + (local[index] << shift): the address of element `index` of 2^shift-byte elements. */
export const element = (base: number, index: number, shift: number): number[] => [
  ...get(base),
  ...get(index),
  ...i32(shift),
  OP.i32Shl,
  OP.i32Add,
];
/** local[i] += local[j] (i32). */
export const addTo = (i: number, j: number): number[] => [...get(i), ...get(j), OP.i32Add, ...set(i)];
/** local[i] += constant (i32). */
export const addConst = (i: number, v: number): number[] => [...get(i), ...i32(v), OP.i32Add, ...set(i)];

/**
 * for (local k = local start; k < local end; k++) inner — unsigned comparison, tested once before the loop
 * and then at the bottom of each iteration (one branch per iteration: the shape of the hottest loops).
 */
export function forRange(k: number, start: number, end: number, inner: number[]): number[] {
  return [
    ...get(start),
    ...set(k),
    OP.block,
    VOID_BLOCK,
    ...get(k),
    ...get(end),
    OP.i32GeU,
    OP.brIf,
    0,
    OP.loop,
    VOID_BLOCK,
    ...inner,
    ...get(k),
    ...i32(1),
    OP.i32Add,
    ...tee(k),
    ...get(end),
    OP.i32LtU,
    OP.brIf,
    0,
    OP.end,
    OP.end,
  ];
}

/** while (local[i] < local[n]) body — signed comparison; the body must advance i. */
export function whileLess(i: number, n: number, body: number[]): number[] {
  return [
    OP.block,
    VOID_BLOCK,
    OP.loop,
    VOID_BLOCK,
    ...get(i),
    ...get(n),
    OP.i32GeS,
    OP.brIf,
    1,
    ...body,
    OP.br,
    0,
    OP.end,
    OP.end,
  ];
}

export interface WasmFunction {
  /** Export name. */
  name: string;
  /** Number of i32 parameters (locals 0..params−1). */
  params: number;
  /** The one result, if any. */
  result?: ValueType;
  /** Locals after the parameters, in this order: groups of `count` locals of one type (empty groups are fine). */
  locals: [type: ValueType, count: number][];
  body: number[];
}

/** "\0asm", version 1. */
const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** A module importing a shared memory `env.memory` and exporting every function under its name. */
export function assembleModule(functions: WasmFunction[]): Uint8Array {
  const types = functions.map((f) => [
    0x60,
    ...vec(Array.from({ length: f.params }, () => [I32])),
    ...(f.result === undefined ? [0] : [1, f.result]),
  ]);
  const memoryImport = [...name('env'), ...name('memory'), 0x02, 0x03, ...uleb(1), ...uleb(65536)];
  const codes = functions.map((f) => {
    const locals = vec(
      f.locals.filter(([, count]) => count > 0).map(([type, count]) => [...uleb(count), type]),
    );
    const fn = [...locals, ...f.body, OP.end];
    return [...uleb(fn.length), ...fn];
  });
  return new Uint8Array([
    ...HEADER,
    ...section(1, vec(types)),
    ...section(2, vec([memoryImport])),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(codes)),
  ]);
}

/** The part of the WebAssembly API used here (@types/node 20 does not declare it without the DOM lib). */
export interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
}
interface WasmApi {
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}
export const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** A shared memory of at least `bytes` bytes (whole 64 KiB pages; it never grows, so views stay valid). */
export function createWasmMemory(bytes: number): WasmMemory {
  const pages = Math.max(1, Math.ceil(bytes / PAGE));
  return new WA.Memory({ initial: pages, maximum: pages, shared: true });
}

/**
 * Instantiates the functions `build` returns on a shared memory and gives their exports; the module is
 * assembled and compiled on the first call only (once per thread).
 */
export function lazyModule(build: () => WasmFunction[]): (memory: WasmMemory) => Record<string, unknown> {
  let compiled: object | undefined;
  return (memory) => {
    compiled ??= new WA.Module(assembleModule(build()));
    return new WA.Instance(compiled, { env: { memory } }).exports;
  };
}
