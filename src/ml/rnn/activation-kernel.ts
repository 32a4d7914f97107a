// Code generator of the gate nonlinearities, σ(x) = 1/(1 + e⁻ˣ) and tanh(x) = 1 − 2/(e²ˣ + 1), over strided
// blocks of rows (wasm SIMD). Why: V8 calls Math.exp and Math.tanh out of line at ≈ 20–30 ns each, which made
// the gates cost three times the matrix products. exp is computed as 2ᵏ·p(r) with k = round(x/ln 2),
// r = x − k·ln 2 in two parts (Cody–Waite) and p the Taylor polynomial of degree 7 (float32) or 13 (float64)
// on |r| ≤ ln 2 / 2 (truncation below half an ulp), 2ᵏ built from its exponent bits; x is clamped first so
// 2ᵏ stays a normal number. Accuracy (tested): a few ulps of float32, ≈ 1e-15 relative in float64 (absolute
// near tanh's zero), so float64 gradient checks still pass at 1e-5 by a wide margin.
// This file must stay free of imports from core: worker threads load it.
import {
  addConst,
  addTo,
  get,
  I32,
  i32,
  set,
  SIMD,
  simd,
  splatConst,
  splatConstI,
  V128,
  VBYTES,
  vload,
  vstore,
  whileLess,
  type WasmFunction,
} from '../wasm/assembler.js';

// Parameters (i32, bytes): src, dst, rows, srcStride, dstStride, nvec (vectors per row).
const [SRC, DST, ROWS, SSTRIDE, DSTRIDE, NVEC] = [0, 1, 2, 3, 4, 5];
const [ROW, Q, SP, DP] = [6, 7, 8, 9];
const N_I32 = 4;
const [X, KV, R] = [10, 11, 12];

function ops(f32: boolean) {
  const o = (a: number, b: number) => simd(f32 ? a : b);
  return {
    add: o(SIMD.f32x4Add, SIMD.f64x2Add),
    sub: o(SIMD.f32x4Sub, SIMD.f64x2Sub),
    mul: o(SIMD.f32x4Mul, SIMD.f64x2Mul),
    div: o(SIMD.f32x4Div, SIMD.f64x2Div),
    min: o(SIMD.f32x4Min, SIMD.f64x2Min),
    max: o(SIMD.f32x4Max, SIMD.f64x2Max),
    nearest: o(SIMD.f32x4Nearest, SIMD.f64x2Nearest),
    c: (v: number) => splatConst(f32, v),
  };
}

/** Pushes exp(local X) (X is clobbered). */
function exp(f32: boolean): number[] {
  const v = ops(f32);
  const [hi, lo] = f32 ? [88, -87] : [709, -708];
  const ln2hi = f32 ? 0.693359375 : 6.9314718036912381649e-1;
  const ln2lo = f32 ? -2.1219444e-4 : 1.90821492927058770002e-10;
  const degree = f32 ? 7 : 13;
  const out = [...get(X), ...v.c(hi), ...v.min, ...v.c(lo), ...v.max, ...set(X)];
  out.push(...get(X), ...v.c(Math.LOG2E), ...v.mul, ...v.nearest, ...set(KV));
  out.push(
    ...get(X),
    ...get(KV),
    ...v.c(ln2hi),
    ...v.mul,
    ...v.sub,
    ...get(KV),
    ...v.c(ln2lo),
    ...v.mul,
    ...v.sub,
    ...set(R),
  );
  let factorial = 1;
  for (let i = 2; i <= degree; i++) factorial *= i;
  out.push(...v.c(1 / factorial));
  for (let i = degree - 1; i >= 0; i--) {
    factorial /= i + 1;
    out.push(...get(R), ...v.mul, ...v.c(1 / factorial), ...v.add);
  }
  if (f32) {
    out.push(
      ...get(KV),
      ...simd(SIMD.i32x4TruncSatF32x4S),
      ...splatConstI(false, 127),
      ...simd(SIMD.i32x4Add),
    );
    out.push(...i32(23), ...simd(SIMD.i32x4Shl));
  } else {
    out.push(...get(KV), ...simd(SIMD.i32x4TruncSatF64x2SZero), ...simd(SIMD.i64x2ExtendLowI32x4S));
    out.push(...splatConstI(true, 1023), ...simd(SIMD.i64x2Add), ...i32(52), ...simd(SIMD.i64x2Shl));
  }
  out.push(...v.mul);
  return out;
}

/** <sigmoid|tanh>_<f32|f64>(src, dst, rows, srcStride, dstStride, nvec): dst = f(src), may be in place. */
export function activationKernel(f32: boolean, kind: 'sigmoid' | 'tanh'): WasmFunction {
  const v = ops(f32);
  // X = −x for σ, 2x for tanh; then σ = 1/(1 + e), tanh = 1 − 2/(e + 1).
  const pre =
    kind === 'sigmoid'
      ? [...v.c(0), ...get(X), ...v.sub, ...set(X)]
      : [...get(X), ...get(X), ...v.add, ...set(X)];
  const post =
    kind === 'sigmoid'
      ? [...set(R), ...v.c(1), ...v.c(1), ...get(R), ...v.add, ...v.div]
      : [...set(R), ...v.c(1), ...v.c(2), ...get(R), ...v.c(1), ...v.add, ...v.div, ...v.sub];
  const inner = [...get(DP), ...get(SP), ...vload(0), ...set(X), ...pre, ...exp(f32), ...post, ...vstore(0)];
  inner.push(...addConst(SP, VBYTES), ...addConst(DP, VBYTES), ...addConst(Q, 1));
  const rowBody = [
    ...i32(0),
    ...set(Q),
    ...whileLess(Q, NVEC, inner),
    ...addTo(SRC, SSTRIDE),
    ...addTo(DST, DSTRIDE),
  ];
  rowBody.push(...addConst(ROW, 1));
  // SP/DP walk a row; SRC/DST step to the next row.
  const body = [
    ...i32(0),
    ...set(ROW),
    ...whileLess(ROW, ROWS, [...get(SRC), ...set(SP), ...get(DST), ...set(DP), ...rowBody]),
  ];
  return {
    name: `${kind}_${f32 ? 'f32' : 'f64'}`,
    params: 6,
    locals: [
      [I32, N_I32],
      [V128, 3],
    ],
    body,
  };
}
