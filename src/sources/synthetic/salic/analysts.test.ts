// The analyst pool and assignment on hand-made projects: who gets an analyst by status, uniqueness of the names,
// determinism per seed. The distribution on generated data is checked in generate-salic.test.ts.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../core/index.js';
import { ANALYST_POOL_SIZE, assignAnalysts, drawAnalystPool } from './analysts.js';
import type { Project } from './model.js';

const STATUSES = [
  'E12 - Prestação de contas em análise',
  'E24 - Prestação de contas apresentada, aguardando análise',
  'E68 - Prestação de contas em diligência',
  'E61 - Projeto em execução',
];

/** `n` projects cycling through the statuses and the first segments; executed unless in execution. */
function projects(n: number): Project[] {
  return Array.from({ length: n }, (_, index) => {
    const status = STATUSES[index % STATUSES.length] as string;
    return {
      index,
      pronac: String(130000 + index),
      idPronac: 110000 + index,
      year: 2013,
      name: `Projeto ${index}`,
      proponent: 0,
      segment: index % 7,
      place: 0,
      proposalDay: 0,
      startDay: 0,
      endDay: 0,
      executed: !status.startsWith('E61'),
      framing: 'Artigo 18',
      status,
      analyst: 5,
      plants: 0,
      firstLine: 0,
      lineCount: 0,
      firstReceipt: 0,
      receiptCount: 0,
      firstFund: 0,
      fundCount: 0,
      approvedCents: 0,
      otherSourcesCents: 0,
      requestedCents: 0,
      raisedCents: 0,
      provenCents: 0,
    };
  });
}

describe('salic analysts', () => {
  it('draws a pool of unique names with a home area and a positive capacity each', () => {
    const pool = drawAnalystPool(new Rng(1));
    expect(pool.names).toHaveLength(ANALYST_POOL_SIZE);
    expect(new Set(pool.names).size).toBe(ANALYST_POOL_SIZE);
    expect(pool.areas).toHaveLength(ANALYST_POOL_SIZE);
    expect(pool.capacity.every((c) => c > 0)).toBe(true);
    expect(new Set(pool.areas).size).toBeGreaterThan(3);
  });

  it('assigns analysts by status: always under analysis or in diligence, sometimes waiting, never outside the queue', () => {
    const list = projects(4000);
    const names = assignAnalysts(42, list);
    const byStatus = (prefix: string) => list.filter((p) => p.status.startsWith(prefix));
    for (const prefix of ['E12', 'E68']) {
      expect(
        byStatus(prefix).filter((p) => p.analyst < 0),
        prefix,
      ).toEqual([]);
    }
    expect(byStatus('E61').filter((p) => p.analyst !== -1)).toEqual([]);
    const waiting = byStatus('E24');
    const share = waiting.filter((p) => p.analyst >= 0).length / waiting.length;
    expect(share).toBeGreaterThan(0.28);
    expect(share).toBeLessThan(0.42);
    expect(list.every((p) => p.analyst < names.length)).toBe(true);
    expect(new Set(list.filter((p) => p.analyst >= 0).map((p) => p.analyst)).size).toBe(names.length);
  });

  it('gives the same pool and assignment for the same seed and another for another seed', () => {
    const a = projects(400);
    const b = projects(400);
    const c = projects(400);
    const namesA = assignAnalysts(7, a);
    expect(assignAnalysts(7, b)).toEqual(namesA);
    expect(b.map((p) => p.analyst)).toEqual(a.map((p) => p.analyst));
    expect(assignAnalysts(8, c)).not.toEqual(namesA);
  });
});
