import { describe, expect, it } from 'vitest';
import {
  addConst,
  addTo,
  assembleModule,
  createWasmMemory,
  element,
  F64,
  f64,
  forRange,
  get,
  I32,
  i32,
  lazyModule,
  mem,
  OP,
  PAGE,
  set,
  sleb,
  SIMD,
  simd,
  simdMem,
  uleb,
  V128,
  vload,
  vstore,
  WA,
  whileLess,
  type WasmFunction,
} from './assembler.js';

/** sum_i32(ptr, n) → Σ mem32[ptr + 4k], k < n: forRange, an i32 result and an empty local group. */
function sumI32(): WasmFunction {
  const [ptr, n, k, acc, zero] = [0, 1, 2, 3, 4];
  const inner = [...get(acc), ...get(ptr), ...get(k), ...i32(2), OP.i32Shl, OP.i32Add];
  inner.push(...mem(OP.i32Load, 2), OP.i32Add, ...set(acc));
  return {
    name: 'sum_i32',
    params: 2,
    result: I32,
    locals: [
      [I32, 2],
      [F64, 0],
      [I32, 1],
    ],
    body: [...i32(0), ...set(zero), ...i32(0), ...set(acc), ...forRange(k, zero, n, inner), ...get(acc)],
  };
}

/** axpy_f64(x, y, n): y[k] += 2.5 · x[k] two lanes at a time (whileLess, SIMD; i32, f64 and v128 locals). */
function axpy(): WasmFunction {
  const [x, y, n, k, a] = [0, 1, 2, 3, 4];
  const body = [...f64(2.5), ...set(a), ...i32(0), ...set(k)];
  const step = [...get(y), ...get(y), ...vload(0), ...get(x), ...vload(0), ...get(a)];
  step.push(...simd(SIMD.f64x2Splat), ...simd(SIMD.f64x2Mul), ...simd(SIMD.f64x2Add), ...vstore(0));
  step.push(...addConst(x, 16), ...addConst(y, 16), ...addConst(k, 2));
  body.push(...whileLess(k, n, step));
  return {
    name: 'axpy_f64',
    params: 3,
    locals: [
      [I32, 1],
      [F64, 1],
      [V128, 1],
    ],
    body,
  };
}

describe('wasm/assembler', () => {
  it('encodes LEB128 immediates like the specification examples', () => {
    const cases: [number, number[], number[]][] = [
      [0, [0x00], [0x00]],
      [63, [0x3f], [0x3f]],
      [64, [0x40], [0xc0, 0x00]],
      [127, [0x7f], [0xff, 0x00]],
      [128, [0x80, 0x01], [0x80, 0x01]],
      [624485, [0xe5, 0x8e, 0x26], [0xe5, 0x8e, 0x26]],
      [65536, [0x80, 0x80, 0x04], [0x80, 0x80, 0x04]],
    ];
    for (const [v, u, s] of cases) {
      expect(uleb(v), `uleb(${v})`).toEqual(u);
      expect(sleb(v), `sleb(${v})`).toEqual(s);
    }
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(-64)).toEqual([0x40]);
    expect(sleb(-65)).toEqual([0xbf, 0x7f]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    // SIMD opcodes above 0x7f take two bytes after the prefix; memory accesses carry (align, offset).
    expect(simd(SIMD.f64x2Add)).toEqual([0xfd, 0xf0, 0x01]);
    expect(simdMem(SIMD.load, 3, 200)).toEqual([0xfd, 0x00, 0x03, 0xc8, 0x01]);
    expect(addTo(1, 2)).toEqual([OP.get, 1, OP.get, 2, OP.i32Add, OP.set, 1]);
    expect(element(4, 5, 3)).toEqual([OP.get, 4, OP.get, 5, OP.i32Const, 3, OP.i32Shl, OP.i32Add]);
  });

  it('assembles a valid module whose functions run on a shared memory', () => {
    const bytes = assembleModule([sumI32(), axpy()]);
    expect(WA.validate(bytes)).toBe(true);
    const memory = createWasmMemory(100);
    expect(memory.buffer.byteLength).toBe(PAGE);
    expect(createWasmMemory(PAGE + 1).buffer.byteLength).toBe(2 * PAGE);
    expect(memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    const exports = new WA.Instance(new WA.Module(bytes), { env: { memory } }).exports;
    const ints = new Int32Array(memory.buffer, 64, 10);
    ints.set([3, -1, 4, 1, -5, 9, 2, 6, 5, 3]);
    const sum = exports.sum_i32 as (ptr: number, n: number) => number;
    expect(sum(64, 10)).toBe(27);
    expect(sum(64 + 8, 3)).toBe(0);
    expect(sum(64, 0)).toBe(0);
    const x = new Float64Array(memory.buffer, 1024, 6).fill(0.1);
    const y = new Float64Array(memory.buffer, 2048, 6);
    y.set([1, 2, 3, 4, 5, 6]);
    (exports.axpy_f64 as (x: number, y: number, n: number) => void)(1024, 2048, 4);
    expect(Array.from(y)).toEqual([1 + 2.5 * 0.1, 2 + 2.5 * 0.1, 3 + 2.5 * 0.1, 4 + 2.5 * 0.1, 5, 6]);
    expect(x[0]).toBe(0.1);
  });

  it('compiles a lazy module once and instantiates it on any memory', () => {
    let builds = 0;
    const instantiate = lazyModule(() => {
      builds++;
      return [sumI32()];
    });
    expect(builds).toBe(0);
    const a = createWasmMemory(PAGE);
    const b = createWasmMemory(PAGE);
    new Int32Array(a.buffer, 0, 2).set([1, 2]);
    new Int32Array(b.buffer, 0, 2).set([10, 20]);
    const sumA = instantiate(a).sum_i32 as (ptr: number, n: number) => number;
    const sumB = instantiate(b).sum_i32 as (ptr: number, n: number) => number;
    expect([sumA(0, 2), sumB(0, 2)]).toEqual([3, 30]);
    expect(builds).toBe(1);
  });
});
