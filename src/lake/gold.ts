// The gold zone: derived datasets (detector flags, scores) published as Parquet for other engines, replaced
// atomically as a whole on each run (write to staging, fsync, rename), with a small manifest beside them.
import fs from 'node:fs/promises';
import path from 'node:path';
import { exists, fsyncFile, homePaths, readJson, writeFileAtomic } from '../core/index.js';

export interface GoldManifest {
  format: 'hardin-gold/1';
  name: string;
  runId: string;
  writtenAt: string;
  rows: number;
  bytes: number;
  schema: { name: string; type: string }[];
  inputs: string[];
}

/**
 * Publishes a gold dataset: `write(tmpFile)` must produce a Parquet file at `tmpFile` (e.g. with DuckDB COPY).
 * @example await publishGold(home, 'ceap_flags', runId, async (f) => db.run(`COPY flags TO '${f}' (FORMAT parquet)`), meta)
 */
export async function publishGold(
  home: string,
  name: string,
  runId: string,
  write: (tmpFile: string) => Promise<void>,
  meta: Omit<GoldManifest, 'format' | 'name' | 'runId' | 'bytes'>,
): Promise<GoldManifest> {
  const paths = homePaths(home);
  const dir = path.join(paths.gold, name);
  const staging = path.join(paths.staging, `gold-${runId}-${name}`);
  await fs.mkdir(staging, { recursive: true });
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(staging, 'data.parquet');
  try {
    await write(tmp);
    await fsyncFile(tmp);
    const bytes = (await fs.stat(tmp)).size;
    await fs.rename(tmp, path.join(dir, 'data.parquet'));
    const manifest: GoldManifest = { format: 'hardin-gold/1', name, runId, bytes, ...meta };
    await writeFileAtomic(path.join(dir, '_manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

export async function loadGoldManifests(home: string): Promise<GoldManifest[]> {
  const root = homePaths(home).gold;
  if (!(await exists(root))) return [];
  const out: GoldManifest[] = [];
  for (const name of (await fs.readdir(root)).sort()) {
    const file = path.join(root, name, '_manifest.json');
    if (await exists(file)) out.push(await readJson<GoldManifest>(file));
  }
  return out;
}
