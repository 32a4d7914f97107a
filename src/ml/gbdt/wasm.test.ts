import { describe, expect, it } from 'vitest';
import { Rng } from '../../core/index.js';
import { createWasmMemory, instantiateKernels } from './wasm.js';

/** A memory with bins (Uint8 or Uint16, column-major n × p), gh, idx, left/right, og, hist and a table. */
function setup(n: number, p: number, nb: number, wide: boolean, seed: number) {
  const memory = createWasmMemory(64 * 65536);
  const buf = memory.buffer;
  const ptr = {
    bins: 0,
    gh: 16384,
    idx: 65536,
    left: 81920,
    og: 98304,
    hist: 131072,
    table: 262144,
    right: 300000,
  };
  const bins = wide ? new Uint16Array(buf, ptr.bins, n * p) : new Uint8Array(buf, ptr.bins, n * p);
  const gh = new Float64Array(buf, ptr.gh, 2 * n);
  const idx = new Uint32Array(buf, ptr.idx, n);
  const left = new Uint32Array(buf, ptr.left, n);
  const right = new Uint32Array(buf, ptr.right, n);
  const hist = new Float64Array(buf, ptr.hist, p * nb * 3);
  const table = new Uint8Array(buf, ptr.table, nb);
  const rng = new Rng(seed);
  for (let i = 0; i < n * p; i++) bins[i] = rng.int(0, nb - 1);
  for (let i = 0; i < 2 * n; i++) gh[i] = rng.normal();
  return { kernels: instantiateKernels(memory, wide), ptr, bins, gh, idx, left, right, hist, table, rng };
}

describe('wasm kernels', () => {
  for (const wide of [false, true]) {
    it(`build the same histograms as a plain loop (${wide ? 'Uint16' : 'Uint8'} bins)`, () => {
      const n = 1000;
      const p = 10;
      const nb = wide ? 300 : 40;
      const s = setup(n, p, nb, wide, 1);
      const rows = Array.from({ length: n }, (_, i) => i).filter(() => s.rng.chance(0.4));
      s.idx.set(rows);
      const colBytes = n * (wide ? 2 : 1);
      const col = (f: number) => s.ptr.bins + f * colBytes;
      const at = (f: number) => s.ptr.hist + 8 * f * nb * 3;
      const expected = (order: number[]) => {
        const h = new Float64Array(p * nb * 3);
        for (let f = 0; f < p; f++)
          for (const i of order) {
            const b = f * nb * 3 + (s.bins[f * n + i] as number) * 3;
            h[b] = (h[b] as number) + (s.gh[2 * i] as number);
            h[b + 1] = (h[b + 1] as number) + (s.gh[2 * i + 1] as number);
            h[b + 2] = (h[b + 2] as number) + 1;
          }
        return Array.from(h);
      };
      // Features 0..3 by the 4-wide kernel, 4..6 by the 3-wide one, 7..8 by the 2-wide one, 9 alone.
      const runAll = (mode: 'range' | 'idx' | 'ord', gh: number, start: number, end: number) => {
        s.hist.fill(0);
        const k = s.kernels.hist[mode];
        k[4](col(0), col(1), col(2), col(3), gh, s.ptr.idx, start, end, at(0), at(1), at(2), at(3));
        k[3](col(4), col(5), col(6), gh, s.ptr.idx, start, end, at(4), at(5), at(6));
        k[2](col(7), col(8), gh, s.ptr.idx, start, end, at(7), at(8));
        k[1](col(9), gh, s.ptr.idx, start, end, at(9));
        return Array.from(s.hist);
      };
      expect(runAll('range', s.ptr.gh, 100, 900)).toEqual(
        expected(Array.from({ length: 800 }, (_, i) => 100 + i)),
      );
      expect(runAll('idx', s.ptr.gh, 0, rows.length)).toEqual(expected(rows));
      s.kernels.gather(s.ptr.gh, s.ptr.idx, 0, rows.length, s.ptr.og);
      expect(runAll('ord', s.ptr.og, 0, rows.length)).toEqual(expected(rows));
    });

    it(`partition rows stably by a bin lookup table (${wide ? 'Uint16' : 'Uint8'} bins)`, () => {
      const n = 500;
      const nb = wide ? 300 : 20;
      const s = setup(n, 1, nb, wide, 2);
      for (let b = 0; b < nb; b++) s.table[b] = s.rng.chance(0.5) ? 1 : 0;
      const rows = Array.from({ length: n }, (_, i) => n - 1 - i);
      s.idx.set(rows);
      const left = s.kernels.partition(s.ptr.idx, s.ptr.left, s.ptr.right, 50, 450, s.ptr.bins, s.ptr.table);
      const inRange = rows.slice(50, 450);
      const goesLeft = inRange.filter((i) => s.table[s.bins[i] as number] === 1);
      expect(left).toBe(goesLeft.length);
      expect(Array.from(s.left.subarray(0, left))).toEqual(goesLeft);
      expect(Array.from(s.right.subarray(0, 400 - left))).toEqual(
        inRange.filter((i) => !goesLeft.includes(i)),
      );
      expect(Array.from(s.idx)).toEqual(rows);
    });
  }
});
