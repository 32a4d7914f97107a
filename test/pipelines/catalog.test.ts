import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, homePaths } from '../../src/core/index.js';
import { ingestCeap, loadCatalog } from '../../src/pipelines/index.js';
import { prepareDemoHome, type DemoHome } from '../helpers/demo-home.js';
import { removeDir } from '../helpers/tmp.js';

describe('catalog', () => {
  let demo: DemoHome;
  beforeAll(async () => {
    demo = await prepareDemoHome({ scale: 0.01 });
  });
  afterAll(async () => removeDir(demo.home));

  async function catalog() {
    const db = await Db.open({ path: homePaths(demo.home).warehouse, readOnly: true });
    try {
      return await loadCatalog(demo.home, db);
    } finally {
      db.close();
    }
  }

  it('lists every dataset and table with rows, build time, columns and lineage back to the raw input', async () => {
    const c = await catalog();
    const raw = c.datasets.find((d) => d.name === 'raw.camara.ceap');
    expect(raw).toMatchObject({ zone: 'raw', rows: demo.rows, files: 1 });
    expect(raw?.partitions[0]).toMatchObject({ key: 'year=2025', version: 1, vintage: 'current-32' });
    expect(raw?.partitions[0]?.inputSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(c.datasets.map((d) => d.name)).toContain('gold.ceap_flags');
    for (const t of c.tables) {
      expect(t.builtAt, t.name).not.toBeNull();
      expect(t.stale, t.name).toBe(false);
      expect(t.columns.length, t.name).toBeGreaterThan(0);
    }
    const reimbursements = c.tables.find((t) => t.name === 'marts.reimbursements');
    expect(reimbursements?.grain).toMatch(/one row per line of the CEAP file/i);
    expect(reimbursements?.rows).toBe(demo.rows);
    // Walk the lineage from the gold flags back to the raw dataset.
    const parents = (name: string) => c.lineage.filter((l) => l.to === name).map((l) => l.from);
    const seen = new Set<string>();
    const stack = ['gold.ceap_flags'];
    while (stack.length) {
      const n = stack.pop() as string;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...parents(n));
    }
    expect([...seen]).toEqual(
      expect.arrayContaining(['raw.camara.ceap', 'marts.reimbursements', 'seeds.ceap_subquota_limits']),
    );
  });

  it('marks warehouse tables stale when the lake changed after the build', async () => {
    const file = path.join(demo.home, 'demo-data', 'Ano-2025.csv');
    const text = await fs.readFile(file, 'utf8');
    const changed = path.join(demo.home, 'Ano-2025.csv');
    await fs.writeFile(changed, text.replace(/"(\d+)\.(\d+)";"0";"\1\.\2"/, '"1.00";"0";"1.00"'));
    const result = await ingestCeap({ home: demo.home, file: changed, now: new Date(Date.now() + 60_000) });
    expect(result).toMatchObject({ status: 'written', version: 2 });
    const c = await catalog();
    expect(c.tables.find((t) => t.name === 'marts.reimbursements')?.stale).toBe(true);
    expect(c.datasets.find((d) => d.name === 'raw.camara.ceap')?.partitions[0]).toMatchObject({
      version: 2,
      versions: 2,
    });
  });
});
