// The data lake on the local filesystem (HARDIN_HOME/lake), laid out as plain Hive-partitioned Parquet so
// other engines can read it as-is. Writes are staged, fsynced, committed by a manifest and then applied by
// renames; applying is idempotent, so a crash at any point is repaired by the next `Lake.open`.
import fs from 'node:fs/promises';
import path from 'node:path';
import { LakeError, exists, fsyncDir, fsyncFile, homePaths, newRunId } from '../core/index.js';
import { currentVersions, loadManifests, writeManifest, type Manifest } from './manifest.js';

export interface StagedPartition {
  source: string;
  dataset: string;
  partition: { key: string; value: string };
  runId: string;
  input: Manifest['input'];
  vintage: string;
  schema: Manifest['schema'];
  /** Staged data file (inside `stagingDir`) and its rows. */
  dataFile: string;
  rows: number;
  quarantineFile?: string | undefined;
  quarantinedRows: number;
  warnings: string[];
  now: Date;
}

export type CommitResult =
  { status: 'written'; manifest: Manifest } | { status: 'unchanged'; manifest: Manifest };

/** Test hook: `HARDIN_FAULT=lake:after-stage|lake:after-manifest` kills the process at that point. */
function faultPoint(name: string): void {
  if (process.env.HARDIN_FAULT === `lake:${name}`) process.kill(process.pid, 'SIGKILL');
}

export class Lake {
  private constructor(
    readonly root: string,
    readonly recovered: { rolledForward: string[]; rolledBack: string[] },
  ) {}

  /**
   * Opens the lake under `home` for writing: takes the writer lock (one writer per lake; a lock left by a dead
   * process is taken over), then repairs what a crashed run left behind. Always `close()` it.
   */
  static async open(home: string): Promise<Lake> {
    const root = homePaths(home).lake;
    await fs.mkdir(path.join(root, '_staging'), { recursive: true });
    await acquireLock(root);
    try {
      const recovered = await recover(root);
      return new Lake(root, recovered);
    } catch (error) {
      await releaseLock(root);
      throw error;
    }
  }

  /** Releases the writer lock. */
  async close(): Promise<void> {
    await releaseLock(this.root);
  }

  datasetDir(source: string, dataset: string): string {
    return path.join(this.root, 'raw', source, dataset);
  }

  /** A fresh staging folder for one run; everything written there is invisible until committed. */
  async createStaging(runId: string = newRunId()): Promise<{ runId: string; dir: string }> {
    const dir = path.join(this.root, '_staging', runId);
    await fs.mkdir(dir, { recursive: true });
    return { runId, dir };
  }

  async discardStaging(runId: string): Promise<void> {
    await fs.rm(path.join(this.root, '_staging', runId), { recursive: true, force: true });
  }

  /** The current manifest of a partition, if any. */
  async currentPartition(
    source: string,
    dataset: string,
    key: string,
    value: string,
  ): Promise<Manifest | undefined> {
    const manifests = await loadManifests(this.datasetDir(source, dataset));
    return currentVersions(manifests).get(`${key}=${value}`);
  }

  /**
   * Commits a staged partition: a no-op when the current version came from the same input (same sha256);
   * otherwise a new version, the previous one moved to `_history/` (kept, invisible to `year=*` globs).
   */
  async commitPartition(staged: StagedPartition): Promise<CommitResult> {
    const { source, dataset, partition } = staged;
    const datasetDir = this.datasetDir(source, dataset);
    const current = await this.currentPartition(source, dataset, partition.key, partition.value);
    if (current && current.input.sha256 === staged.input.sha256) {
      await this.discardStaging(staged.runId);
      return { status: 'unchanged', manifest: current };
    }
    const stagingDir = path.join(this.root, '_staging', staged.runId);
    const relStaging = path.relative(this.root, stagingDir);
    if (!path.resolve(staged.dataFile).startsWith(stagingDir)) {
      throw new LakeError(
        `lake: staged file ${staged.dataFile} is not inside the run's staging folder ${stagingDir}`,
      );
    }
    const partDir = `${partition.key}=${partition.value}`;
    const partFile = path.posix.join(partDir, `part-${staged.input.sha256.slice(0, 16)}.parquet`);
    const dataStat = await fs.stat(staged.dataFile);
    await fsyncFile(staged.dataFile);
    if (staged.quarantineFile) await fsyncFile(staged.quarantineFile);
    await fsyncDir(stagingDir);
    faultPoint('after-stage');
    const version = (current?.version ?? 0) + 1;
    const manifest: Manifest = {
      format: 'hardin-manifest/1',
      runId: staged.runId,
      source,
      dataset,
      committedAt: staged.now.toISOString(),
      partition,
      version,
      input: staged.input,
      vintage: staged.vintage,
      rows: staged.rows,
      quarantinedRows: staged.quarantinedRows,
      schema: staged.schema,
      files: [{ path: partFile, rows: staged.rows, bytes: dataStat.size }],
      quarantine: staged.quarantineFile
        ? {
            path: path.posix.join('quarantine', source, dataset, `${staged.runId}.parquet`),
            rows: staged.quarantinedRows,
          }
        : null,
      supersedes: current
        ? {
            version: current.version,
            runId: current.runId,
            files: current.files.map((f) => f.path),
            archivedTo: current.files.map((f) =>
              path.posix.join(
                '_history',
                path.posix.dirname(f.path),
                `v${current.version}-${path.posix.basename(f.path)}`,
              ),
            ),
          }
        : null,
      staging: relStaging,
      warnings: staged.warnings,
    };
    await writeManifest(datasetDir, manifest);
    faultPoint('after-manifest');
    await applyManifest(this.root, manifest);
    return { status: 'written', manifest };
  }
}

/** Moves a committed run's staged files into place. Idempotent: safe to run again after a crash. */
async function applyManifest(root: string, m: Manifest): Promise<void> {
  const datasetDir = path.join(root, 'raw', m.source, m.dataset);
  const stagingDir = path.join(root, m.staging);
  if (m.supersedes) {
    for (let i = 0; i < m.supersedes.files.length; i++) {
      const from = path.join(datasetDir, m.supersedes.files[i] as string);
      const to = path.join(datasetDir, m.supersedes.archivedTo[i] as string);
      if (await exists(from)) {
        await fs.mkdir(path.dirname(to), { recursive: true });
        await fs.rename(from, to);
      }
    }
  }
  for (const file of m.files) {
    const staged = path.join(stagingDir, 'data.parquet');
    const final = path.join(datasetDir, file.path);
    if (await exists(staged)) {
      await fs.mkdir(path.dirname(final), { recursive: true });
      await fs.rename(staged, final);
      await fsyncDir(path.dirname(final));
    } else if (!(await exists(final))) {
      throw new LakeError(
        `lake: run ${m.runId} committed ${file.path} but neither the staged nor the final file exists`,
      );
    }
  }
  if (m.quarantine) {
    const staged = path.join(stagingDir, 'quarantine.parquet');
    const final = path.join(root, m.quarantine.path);
    if (await exists(staged)) {
      await fs.mkdir(path.dirname(final), { recursive: true });
      await fs.rename(staged, final);
    }
  }
  await fs.rm(stagingDir, { recursive: true, force: true });
}

/** Rolls committed runs forward and uncommitted ones back. */
async function recover(root: string): Promise<{ rolledForward: string[]; rolledBack: string[] }> {
  const stagingRoot = path.join(root, '_staging');
  const runs = await fs.readdir(stagingRoot);
  const rolledForward: string[] = [];
  const rolledBack: string[] = [];
  if (runs.length === 0) return { rolledForward, rolledBack };
  const committed = new Map<string, Manifest>();
  const rawRoot = path.join(root, 'raw');
  if (await exists(rawRoot)) {
    for (const source of await fs.readdir(rawRoot)) {
      for (const dataset of await fs.readdir(path.join(rawRoot, source))) {
        for (const m of await loadManifests(path.join(rawRoot, source, dataset))) committed.set(m.runId, m);
      }
    }
  }
  for (const runId of runs) {
    const manifest = committed.get(runId);
    if (manifest) {
      await applyManifest(root, manifest);
      rolledForward.push(runId);
    } else {
      await fs.rm(path.join(stagingRoot, runId), { recursive: true, force: true });
      rolledBack.push(runId);
    }
  }
  return { rolledForward, rolledBack };
}

const LOCK = '.writer.lock';

async function acquireLock(root: string): Promise<void> {
  const file = path.join(root, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await fs.open(file, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await readLock(file);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new LakeError(
          `lake ${root} is being written by another hardin process (pid ${holder.pid}, since ${holder.since}); ` +
            'wait for it to finish, or use another --home',
        );
      }
      await fs.rm(file, { force: true });
    }
  }
  throw new LakeError(`lake ${root}: cannot take the writer lock ${file}`);
}

async function releaseLock(root: string): Promise<void> {
  const file = path.join(root, LOCK);
  const holder = await readLock(file);
  if (holder?.pid === process.pid) await fs.rm(file, { force: true });
}

async function readLock(file: string): Promise<{ pid: number; since: string } | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as { pid: number; since: string };
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
