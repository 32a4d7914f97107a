// `hardin build`: the warehouse models over the lake, in the DuckDB file under HARDIN_HOME.
import path from 'node:path';
import { Db, homePaths, packageRoot, type Config } from '../core/index.js';
import { buildWarehouse, type BuildResult } from '../warehouse/index.js';

export interface BuildOptions {
  home: string;
  runId: string;
  now?: Date;
  duckdb?: Pick<Config, 'duckdbMemoryLimit' | 'duckdbThreads'>;
  onModel?: (name: string, index: number, total: number) => void;
}

export async function runBuild(options: BuildOptions): Promise<BuildResult> {
  const paths = homePaths(options.home);
  const root = packageRoot();
  const db = await openWarehouse(options.home, options.duckdb);
  try {
    return await buildWarehouse({
      db,
      modelsDir: path.join(root, 'models'),
      seedsDir: path.join(root, 'seeds'),
      lakeDir: paths.lake,
      runId: options.runId,
      now: options.now ?? new Date(),
      onModel: options.onModel,
    });
  } finally {
    db.close();
  }
}

/** Opens the warehouse file for writing (creating HARDIN_HOME if needed). */
export async function openWarehouse(
  home: string,
  duckdb?: Pick<Config, 'duckdbMemoryLimit' | 'duckdbThreads'>,
  readOnly = false,
): Promise<Db> {
  const paths = homePaths(home);
  if (!readOnly) await (await import('node:fs/promises')).mkdir(paths.home, { recursive: true });
  return Db.open({
    path: paths.warehouse,
    readOnly,
    memoryLimit: duckdb?.duckdbMemoryLimit ?? '2GB',
    threads: duckdb?.duckdbThreads ?? 2,
  });
}
