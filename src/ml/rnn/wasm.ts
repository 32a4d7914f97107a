// The kernels every RNN pass is built on, bound to one shared WebAssembly memory: C += A·B (gemm-kernel.ts)
// and the gate nonlinearities σ and tanh over strided row blocks (activation-kernel.ts), in float32 (f32x4)
// or float64 (f64x2). Addresses are element offsets into `mem`, the whole memory viewed as the element type.
// Why wasm: V8 neither vectorises JavaScript loops nor inlines Math.exp; the best register-blocked JS matrix
// loop measured ≈ 0.5–0.9 GMAC/s here against ≈ 2.4 (f64x2) and ≈ 5 (f32x4) for the kernel on 32 × 40 × 128.
// The SIMD kernels cover whole vectors of columns; the last few columns of a product (N not a multiple of the
// lane count) go through a scalar wasm kernel with the same rounding, those of an activation through Math.
// Every element's result depends only on its own row's inputs, never on which other rows share the call:
// predictions do not depend on chunking, and thread counts cannot change bits.
// This file must stay free of imports from core: worker threads load it.
import { lazyModule, VBYTES, type WasmMemory } from '../wasm/assembler.js';
import { activationKernel } from './activation-kernel.js';
import { gemmKernel, gemmScalarKernel } from './gemm-kernel.js';

export { createWasmMemory, type WasmMemory } from '../wasm/assembler.js';

export type Floats = Float32Array | Float64Array;

export interface Kernels {
  readonly mem: Floats;
  readonly f32: boolean;
  /**
   * C[M×N] += A·B where A(i,k) = mem[a + i·sai + k·sak], B(k,j) = mem[b + k·ldb + j] and
   * C(i,j) = mem[c + i·ldc + j]. C must not overlap A or B.
   */
  gemm(
    a: number,
    sai: number,
    sak: number,
    b: number,
    ldb: number,
    c: number,
    ldc: number,
    M: number,
    Kd: number,
    N: number,
  ): void;
  /** dst(i,j) = σ(src(i,j)) for `rows` rows of `cols` columns with row strides; in place when dst = src. */
  sigmoid(src: number, dst: number, rows: number, srcStride: number, dstStride: number, cols: number): void;
  /** dst(i,j) = tanh(src(i,j)), same addressing as sigmoid. */
  tanh(src: number, dst: number, rows: number, srcStride: number, dstStride: number, cols: number): void;
}

type KernelFn = (...args: number[]) => void;

const instantiate = lazyModule(() => [
  gemmKernel(true, 4),
  gemmKernel(true, 1),
  gemmKernel(false, 4),
  gemmKernel(false, 1),
  gemmScalarKernel(true),
  gemmScalarKernel(false),
  activationKernel(true, 'sigmoid'),
  activationKernel(true, 'tanh'),
  activationKernel(false, 'sigmoid'),
  activationKernel(false, 'tanh'),
]);

class WasmKernels implements Kernels {
  readonly mem: Floats;
  private readonly lanes: number;
  private readonly bytes: number;
  private readonly wide: KernelFn;
  private readonly narrow: KernelFn;
  private readonly scalar: KernelFn;
  private readonly sig: KernelFn;
  private readonly th: KernelFn;

  constructor(
    memory: WasmMemory,
    readonly f32: boolean,
    exports: Record<string, unknown>,
  ) {
    this.mem = f32 ? new Float32Array(memory.buffer) : new Float64Array(memory.buffer);
    this.bytes = f32 ? 4 : 8;
    this.lanes = VBYTES / this.bytes;
    const p = f32 ? 'f32' : 'f64';
    this.wide = exports[`gemm_${p}_v4`] as KernelFn;
    this.narrow = exports[`gemm_${p}_v1`] as KernelFn;
    this.scalar = exports[`gemm_${p}_s`] as KernelFn;
    this.sig = exports[`sigmoid_${p}`] as KernelFn;
    this.th = exports[`tanh_${p}`] as KernelFn;
  }

  gemm(
    a: number,
    sai: number,
    sak: number,
    b: number,
    ldb: number,
    c: number,
    ldc: number,
    M: number,
    Kd: number,
    N: number,
  ): void {
    if (M <= 0 || N <= 0 || Kd <= 0) return;
    const e = this.bytes;
    const w4 = 4 * this.lanes;
    const n4 = N - (N % w4);
    const n1 = N - (N % this.lanes);
    if (n4 > 0) this.wide(a * e, sai * e, sak * e, b * e, ldb * e, c * e, ldc * e, M, Kd, n4 / w4);
    if (n1 > n4) {
      this.narrow(
        a * e,
        sai * e,
        sak * e,
        (b + n4) * e,
        ldb * e,
        (c + n4) * e,
        ldc * e,
        M,
        Kd,
        (n1 - n4) / this.lanes,
      );
    }
    if (N > n1) {
      this.scalar(a * e, sai * e, sak * e, (b + n1) * e, ldb * e, (c + n1) * e, ldc * e, M, Kd, N - n1);
    }
  }

  sigmoid(src: number, dst: number, rows: number, srcStride: number, dstStride: number, cols: number): void {
    this.activation(this.sig, false, src, dst, rows, srcStride, dstStride, cols);
  }

  tanh(src: number, dst: number, rows: number, srcStride: number, dstStride: number, cols: number): void {
    this.activation(this.th, true, src, dst, rows, srcStride, dstStride, cols);
  }

  private activation(
    fn: KernelFn,
    tanh: boolean,
    src: number,
    dst: number,
    rows: number,
    ss: number,
    ds: number,
    cols: number,
  ): void {
    if (rows <= 0 || cols <= 0) return;
    const e = this.bytes;
    const n1 = cols - (cols % this.lanes);
    if (n1 > 0) fn(src * e, dst * e, rows, ss * e, ds * e, n1 / this.lanes);
    if (cols > n1) {
      const m = this.mem;
      for (let i = 0; i < rows; i++) {
        for (let j = n1; j < cols; j++) {
          const x = m[src + i * ss + j] as number;
          m[dst + i * ds + j] = tanh ? Math.tanh(x) : 1 / (1 + Math.exp(-x));
        }
      }
    }
  }
}

/** Instantiates the kernels of the given precision on a shared memory. */
export function createKernels(memory: WasmMemory, f32: boolean): Kernels {
  return new WasmKernels(memory, f32, instantiate(memory));
}
