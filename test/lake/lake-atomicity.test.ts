import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withDb } from '../../src/core/index.js';
import { Lake, listLakeDatasets, loadManifests } from '../../src/lake/index.js';
import { ingestCeap } from '../../src/pipelines/index.js';
import { REPO_ROOT } from '../helpers/shared-data.js';
import { makeTempDir, removeDir } from '../helpers/tmp.js';

const GOOD = path.join(REPO_ROOT, 'test/fixtures/ceap/current-32.csv');
const CLI = path.join(REPO_ROOT, 'bin/hardin.js');

async function partitionFiles(home: string) {
  const dir = path.join(home, 'lake/raw/camara/ceap/year=2024');
  return (await fs.readdir(dir).catch(() => [])).sort();
}

async function lakeCount(home: string) {
  const glob = path.join(home, 'lake/raw/camara/ceap/*/*.parquet');
  return withDb(
    async (db) =>
      (await db.one<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM read_parquet('${glob}')`))?.n,
  );
}

describe('lake partition writes', () => {
  let home: string;
  let input: string;
  beforeEach(async () => {
    home = await makeTempDir();
    input = path.join(home, 'Ano-2024.csv');
    await fs.copyFile(GOOD, input);
  });
  afterEach(async () => removeDir(home));

  it('ingesting the same file twice changes nothing', async () => {
    const first = await ingestCeap({ home, file: input });
    const filesBefore = await partitionFiles(home);
    const second = await ingestCeap({ home, file: input });
    expect(first.status).toBe('written');
    expect(second.status).toBe('unchanged');
    expect(second.version).toBe(1);
    expect(await partitionFiles(home)).toEqual(filesBefore);
    expect(await lakeCount(home)).toBe(3);
    expect(await loadManifests(path.join(home, 'lake/raw/camara/ceap'))).toHaveLength(1);
  });

  it('a changed file for the same year makes a new version and keeps the previous one in _history', async () => {
    await ingestCeap({ home, file: input });
    const v1 = await partitionFiles(home);
    await fs.writeFile(
      input,
      (await fs.readFile(input, 'utf8')).replace('"111.3";"0";"111.3"', '"150";"0";"150"'),
    );
    const second = await ingestCeap({ home, file: input });
    expect(second).toMatchObject({ status: 'written', version: 2, rows: 3 });
    const v2 = await partitionFiles(home);
    expect(v2).toHaveLength(1);
    expect(v2).not.toEqual(v1);
    expect(await lakeCount(home)).toBe(3);
    const history = await fs.readdir(path.join(home, 'lake/raw/camara/ceap/_history/year=2024'));
    expect(history).toEqual([`v1-${v1[0]}`]);
    const [raw] = await listLakeDatasets(home);
    expect(raw?.partitions[0]).toMatchObject({ key: 'year=2024', version: 2, versions: 2 });
  });

  for (const fault of ['lake:after-stage', 'lake:after-manifest']) {
    it(`a run killed at ${fault} leaves no partial partition and the next run completes`, async () => {
      const killed = spawnSync(
        process.execPath,
        [CLI, 'ingest', 'camara', 'ceap', '--file', input, '--home', home, '--json'],
        {
          env: { ...process.env, HARDIN_FAULT: fault },
          encoding: 'utf8',
        },
      );
      expect(killed.signal).toBe('SIGKILL');
      // Before recovery: no half-written file is visible in the partition.
      const visible = await partitionFiles(home);
      expect(visible).toEqual([]);
      const lake = await Lake.open(home);
      await lake.close();
      if (fault === 'lake:after-stage') {
        expect(lake.recovered.rolledBack).toHaveLength(1);
        expect(await partitionFiles(home)).toEqual([]);
        const next = await ingestCeap({ home, file: input });
        expect(next).toMatchObject({ status: 'written', version: 1 });
      } else {
        expect(lake.recovered.rolledForward).toHaveLength(1);
        const next = await ingestCeap({ home, file: input });
        expect(next).toMatchObject({ status: 'unchanged', version: 1 });
      }
      expect(await partitionFiles(home)).toHaveLength(1);
      expect(await lakeCount(home)).toBe(3);
      expect(await fs.readdir(path.join(home, 'lake/_staging'))).toEqual([]);
    });
  }

  it('refuses a second writer while another live process holds the lock, and takes over a stale lock', async () => {
    const lockFile = path.join(home, 'lake/.writer.lock');
    await fs.mkdir(path.dirname(lockFile), { recursive: true });
    await fs.writeFile(lockFile, JSON.stringify({ pid: 1, since: '2026-01-01T00:00:00Z' }));
    await expect(ingestCeap({ home, file: input })).rejects.toThrow(
      /being written by another hardin process \(pid 1, since 2026-01-01T00:00:00Z\)/,
    );
    const dead = spawnSync(process.execPath, ['-e', '0']);
    await fs.writeFile(lockFile, JSON.stringify({ pid: dead.pid, since: '2026-01-01T00:00:00Z' }));
    const result = await ingestCeap({ home, file: input });
    expect(result.status).toBe('written');
    await expect(fs.access(lockFile)).rejects.toThrow();
  });
});
