import { describe, expect, it } from 'vitest';
import { withDb, type Db } from '../core/index.js';
import {
  MAD_TO_SIGMA,
  MEAN_AD_TO_SIGMA,
  groupCentersSql,
  groupSpreadSql,
  histogramSql,
  robustScaleSql,
  robustStatsSql,
} from './robust-stats-sql.js';

const GROUPS: Record<number, number[]> = {
  1: [1, 2, 3, 4, 100],
  2: [5, 5, 5, 5, 6, 9],
  3: [7],
};

async function load(db: Db): Promise<void> {
  const rows = Object.entries(GROUPS).flatMap(([g, values]) => values.map((v) => `(${g}, ${v})`));
  await db.run(`CREATE TABLE obs AS SELECT * FROM (VALUES ${rows.join(', ')}) t(g, v)`);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

describe('robust statistics in SQL', () => {
  it('gives n, median, MAD, mean absolute deviation, min and max per group', async () => {
    await withDb(async (db) => {
      await load(db);
      const rows = await db.all<Record<string, number>>(
        `${robustStatsSql({ from: 'obs', keys: ['g'], value: 'v', aggregates: ['sum(v) AS total'] })} ORDER BY g`,
      );
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        const values = GROUPS[row.g as number] as number[];
        const m = median(values);
        const devs = values.map((v) => Math.abs(v - m));
        expect(row).toMatchObject({
          n: values.length,
          median: m,
          lo: Math.min(...values),
          hi: Math.max(...values),
          total: values.reduce((s, v) => s + v, 0),
          mad: median(devs),
        });
        expect(row.mean_ad).toBeCloseTo(devs.reduce((s, d) => s + d, 0) / devs.length, 12);
      }
    });
  });

  it('computes the spread only for the groups asked for, with a custom median aggregate', async () => {
    await withDb(async (db) => {
      await load(db);
      await db.run(
        `CREATE TABLE centers AS ${groupCentersSql({ from: 'obs', keys: ['g'], value: 'v', median: 'quantile_disc(v, 0.5)' })}`,
      );
      await db.run(`CREATE TABLE big AS SELECT * FROM centers WHERE n >= 5`);
      const rows = await db.all<Record<string, number>>(
        `${groupSpreadSql({ from: 'obs', centers: 'big', keys: ['g'], value: 'v' })} ORDER BY g`,
      );
      expect(rows.map((r) => [r.g, r.median, r.mad])).toEqual([
        [1, 3, 1],
        [2, 5, 0],
      ]);
    });
  });

  it('scales MAD to σ, falls back to the mean absolute deviation when MAD is 0, and keeps a floor', async () => {
    await withDb(async (db) => {
      const scale = (mad: number, meanAd: number, floor: number) =>
        db.one<{ s: number }>(`SELECT ${robustScaleSql(String(mad), String(meanAd), floor)} AS s`);
      expect((await scale(0.5, 0.7, 0.1))?.s).toBeCloseTo(MAD_TO_SIGMA * 0.5, 12);
      expect((await scale(0, 0.4, 0.1))?.s).toBeCloseTo(MEAN_AD_TO_SIGMA * 0.4, 12);
      expect((await scale(0, 0, 0.1))?.s).toBe(0.1);
      expect((await scale(0.01, 0.02, 0.2))?.s).toBe(0.2);
    });
  });

  it('draws equal-width histograms with every bin, the last one closed', async () => {
    await withDb(async (db) => {
      await load(db);
      const rows = await db.all<{ g: number; bins: string }>(
        `${histogramSql({ from: 'obs', keys: ['g'], value: 'v', ranges: '(SELECT g, min(v) AS lo, max(v) AS hi FROM obs WHERE g = 2 GROUP BY g)', bins: 4, edge: (x) => `round(${x} * 10)` })}`,
      );
      expect(rows).toHaveLength(1);
      expect(JSON.parse(String(rows[0]?.bins))).toEqual([
        { from: 50, to: 60, count: 4 },
        { from: 60, to: 70, count: 1 },
        { from: 70, to: 80, count: 0 },
        { from: 80, to: 90, count: 1 },
      ]);
    });
  });
});
