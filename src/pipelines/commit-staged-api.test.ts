import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../test/helpers/tmp.js';
import { commitStagedApi, type StagedApiDataset } from './commit-staged-api.js';

describe('commitStagedApi', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  const staged = (dataset: string, records: number, rejected: number): StagedApiDataset<string> => ({
    dataset,
    csv: path.join(dir, `${dataset}.csv`),
    rejects: rejected > 0 ? path.join(dir, `${dataset}.rejects.ndjson`) : undefined,
    records,
    rejected,
    sha256: `sha-${dataset}`,
    url: `http://x/${dataset}`,
  });

  it('ingests the datasets holding records (rejected ones count), warns about empty ones, then removes the download', async () => {
    const work = path.join(dir, 'work');
    await fs.mkdir(work);
    const { results, warnings } = await commitStagedApi(
      [staged('projects', 3, 0), staged('areas', 0, 0), staged('receipts', 0, 2)],
      work,
      (d) => `no ${d.dataset} records (${d.url})`,
      async (d, csv) => ({ dataset: d.dataset, ...csv }),
    );
    expect(results).toEqual([
      {
        dataset: 'projects',
        file: path.join(dir, 'projects.csv'),
        sha256: 'sha-projects',
        url: 'http://x/projects',
        allowMeta: true,
        extraRejectsFile: undefined,
        extraRejects: 0,
      },
      expect.objectContaining({
        dataset: 'receipts',
        extraRejectsFile: path.join(dir, 'receipts.rejects.ndjson'),
        extraRejects: 2,
      }),
    ]);
    expect(warnings).toEqual(['no areas records (http://x/areas)']);
    await expect(fs.stat(work)).rejects.toThrow();
  });

  it('leaves the download in place when an ingest fails, so the same command resumes', async () => {
    const work = path.join(dir, 'work');
    await fs.mkdir(work);
    await expect(
      commitStagedApi(
        [staged('projects', 1, 0)],
        work,
        () => '',
        async () => {
          throw new Error('lake is locked');
        },
      ),
    ).rejects.toThrow('lake is locked');
    expect((await fs.stat(work)).isDirectory()).toBe(true);
  });
});
