// Code generator of the matrix-multiply kernel C += A·B (wasm SIMD, float32 or float64 lanes). A is read one
// scalar at a time through two strides, so A and Aᵀ are the same kernel; B and C are row-major with their own
// leading dimensions. Two rows of C × `vecs` vectors of columns stay in registers over the whole k loop (each
// k: two scalar loads and splats, `vecs` vector loads of B, 2·vecs multiply-adds), then a one-row loop takes
// an odd last row. Each element is c + Σₖ a·b in k order, every product and sum rounded to the lane type.
// This file must stay free of imports from core: worker threads load it.
import {
  addConst,
  F32,
  F64,
  addTo,
  get,
  I32,
  i32,
  OP,
  set,
  SIMD,
  simd,
  V128,
  VBYTES,
  vload,
  vstore,
  whileLess,
  type WasmFunction,
} from '../wasm/assembler.js';

// Parameters (i32, bytes): a, sai, sak, b, ldb, c, ldc, M, K, NB (column blocks of `vecs` vectors).
const [A, SAI, SAK, B, LDB, C, LDC, M, K, NB] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
// i32 locals.
const [ROW, COLB, KK, AP0, AP1, BK, CP, BP, ROWA, ROWC, MEND] = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
const N_I32 = 11;
const V0 = 21;

/** C += A·B over rows [row, M) in steps of `rows` (1 or 2); v128 locals acc[rows][vecs], bv[vecs], xs[rows]. */
function rowLoop(f32: boolean, rows: number, vecs: number): number[] {
  const acc = (r: number, q: number) => V0 + r * vecs + q;
  const bv = (q: number) => V0 + 2 * vecs + q;
  const xs = (r: number) => V0 + 3 * vecs + r;
  const splat = simd(f32 ? SIMD.f32x4Splat : SIMD.f64x2Splat);
  const scalar = f32 ? [OP.f32Load, 2, 0] : [OP.f64Load, 3, 0];
  const add = simd(f32 ? SIMD.f32x4Add : SIMD.f64x2Add);
  const mul = simd(f32 ? SIMD.f32x4Mul : SIMD.f64x2Mul);
  const cAddr = (r: number) => (r === 0 ? get(CP) : [...get(CP), ...get(LDC), OP.i32Add]);

  const kBody: number[] = [...get(AP0), ...scalar, ...splat, ...set(xs(0))];
  if (rows > 1) kBody.push(...get(AP1), ...scalar, ...splat, ...set(xs(1)));
  for (let q = 0; q < vecs; q++) kBody.push(...get(BK), ...vload(q * VBYTES), ...set(bv(q)));
  for (let r = 0; r < rows; r++) {
    for (let q = 0; q < vecs; q++) {
      kBody.push(...get(acc(r, q)), ...get(xs(r)), ...get(bv(q)), ...mul, ...add, ...set(acc(r, q)));
    }
  }
  kBody.push(...addTo(AP0, SAK));
  if (rows > 1) kBody.push(...addTo(AP1, SAK));
  kBody.push(...addTo(BK, LDB), ...addConst(KK, 1));

  const colBody: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let q = 0; q < vecs; q++) colBody.push(...cAddr(r), ...vload(q * VBYTES), ...set(acc(r, q)));
  }
  colBody.push(...get(ROWA), ...set(AP0), ...get(ROWA), ...get(SAI), OP.i32Add, ...set(AP1));
  colBody.push(...get(BP), ...set(BK), ...i32(0), ...set(KK), ...whileLess(KK, K, kBody));
  for (let r = 0; r < rows; r++) {
    for (let q = 0; q < vecs; q++) colBody.push(...cAddr(r), ...get(acc(r, q)), ...vstore(q * VBYTES));
  }
  colBody.push(...addConst(CP, vecs * VBYTES), ...addConst(BP, vecs * VBYTES), ...addConst(COLB, 1));

  const rowBody = [...get(ROWC), ...set(CP), ...get(B), ...set(BP), ...i32(0), ...set(COLB)];
  rowBody.push(...whileLess(COLB, NB, colBody));
  for (let r = 0; r < rows; r++) rowBody.push(...addTo(ROWA, SAI), ...addTo(ROWC, LDC));
  rowBody.push(...addConst(ROW, rows));
  // mEnd = M − rows + 1: the last start row that still has `rows` rows.
  return [...get(M), ...i32(rows - 1), OP.i32Sub, ...set(MEND), ...whileLess(ROW, MEND, rowBody)];
}

/** gemm_<f32|f64>_v<vecs>(a, sai, sak, b, ldb, c, ldc, M, K, NB), all byte offsets / strides except counts. */
export function gemmKernel(f32: boolean, vecs: number): WasmFunction {
  const body = [...get(A), ...set(ROWA), ...get(C), ...set(ROWC), ...i32(0), ...set(ROW)];
  body.push(...rowLoop(f32, 2, vecs), ...rowLoop(f32, 1, vecs));
  return {
    name: `gemm_${f32 ? 'f32' : 'f64'}_v${vecs}`,
    params: 10,
    locals: [
      [I32, N_I32],
      [V128, 3 * vecs + 2],
    ],
    body,
  };
}

/**
 * gemm_<f32|f64>_s(a, sai, sak, b, ldb, c, ldc, M, K, N): the same product one column at a time with scalar
 * operations (the columns left over after whole vectors), rounding exactly like the vector lanes.
 */
export function gemmScalarKernel(f32: boolean): WasmFunction {
  const [COL, ACC] = [N_I32 + 10, N_I32 + 11];
  const load = f32 ? [OP.f32Load, 2, 0] : [OP.f64Load, 3, 0];
  const store = f32 ? [OP.f32Store, 2, 0] : [OP.f64Store, 3, 0];
  const e = f32 ? 4 : 8;
  const kBody = [...get(ACC), ...get(AP0), ...load, ...get(BK), ...load, f32 ? OP.f32Mul : OP.f64Mul];
  kBody.push(
    f32 ? OP.f32Add : OP.f64Add,
    ...set(ACC),
    ...addTo(AP0, SAK),
    ...addTo(BK, LDB),
    ...addConst(KK, 1),
  );
  const colBody = [...get(CP), ...load, ...set(ACC), ...get(ROWA), ...set(AP0), ...get(BP), ...set(BK)];
  colBody.push(...i32(0), ...set(KK), ...whileLess(KK, K, kBody), ...get(CP), ...get(ACC), ...store);
  colBody.push(...addConst(CP, e), ...addConst(BP, e), ...addConst(COL, 1));
  const rowBody = [...get(ROWC), ...set(CP), ...get(B), ...set(BP), ...i32(0), ...set(COL)];
  rowBody.push(...whileLess(COL, NB, colBody), ...addTo(ROWA, SAI), ...addTo(ROWC, LDC), ...addConst(ROW, 1));
  const body = [
    ...get(A),
    ...set(ROWA),
    ...get(C),
    ...set(ROWC),
    ...i32(0),
    ...set(ROW),
    ...whileLess(ROW, M, rowBody),
  ];
  return {
    name: `gemm_${f32 ? 'f32' : 'f64'}_s`,
    params: 10,
    locals: [
      [I32, N_I32 + 1],
      [f32 ? F32 : F64, 1],
    ],
    body,
  };
}
