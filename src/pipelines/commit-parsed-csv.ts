// One CSV → one lake partition: the step the SALIC and Câmara propositions ingests share once their input is a
// local CSV (a portal file or a staged API file). Under the lake's writer lock: an input whose sha256 the
// partition already holds is a no-op; otherwise the connector's parse runs in a fresh DuckDB (bounded memory,
// temp files inside the run's staging folder) and writes the data and quarantine files into staging, which are
// committed as the partition's new version with the manifest (input, vintage, schema, counts, warnings). Any
// failure discards the staging folder. A header with no data rows is refused rather than committed empty.
import fs from 'node:fs/promises';
import path from 'node:path';
import { Db, SourceError, quoteLiteral, silentProgress, type Config, type Progress } from '../core/index.js';
import { Lake, type Manifest } from '../lake/index.js';

/** What a connector's parse of the CSV reports (e.g. parsePropositionCsv, parseSalicCsv). */
export interface ParsedCsv<S> {
  /** Data records read (accepted by the CSV reader). */
  records: number;
  rows: number;
  quarantined: number;
  quarantineFile: string | undefined;
  samples: S[];
  warnings: string[];
}

/** Where and how an ingest runs: the home, and the run's id, clock, progress and DuckDB limits. */
export interface IngestRun {
  home: string;
  runId?: string | undefined;
  now?: Date | undefined;
  progress?: Progress | undefined;
  duckdb?: Pick<Config, 'duckdbMemoryLimit' | 'duckdbThreads'> | undefined;
}

/** A CSV an ingest commits, as both ingests describe it to their `ingestStaged`: the commit's and the parse's inputs. */
export interface StagedCsvInput extends IngestRun {
  file: string;
  /** The input's name in the manifest and messages: the file name, or e.g. `salic-api projects`. */
  inputName: string;
  url?: string | undefined;
  /** Came from Hardin's synthetic generator (its ground truth sat beside it). */
  synthetic?: boolean | undefined;
  vintage: string;
  /** A staged file: its meta columns (`_origin`, `_extra`, …) are expected. */
  allowMeta?: boolean | undefined;
  /** NDJSON of records refused before the CSV, and their count (staging-writer output). */
  extraRejectsFile?: string | undefined;
  extraRejects?: number | undefined;
}

export interface CommitParsedCsvOptions<S> {
  run: IngestRun;
  source: string;
  dataset: string;
  partition: { key: string; value: string };
  /** The CSV parsed (its size goes to the manifest). */
  file: string;
  /** The input's identity: name, sha256 (the CSV's, or of the staged files together), origin. */
  input: { name: string; sha256: string; url?: string | undefined; synthetic?: boolean | undefined };
  vintage: string;
  schema: Manifest['schema'];
  /** Warnings known before parsing (the header's): a no-op reports them too. */
  headerWarnings: readonly string[];
  /** Runs the connector's parse, writing the two files it is given. */
  parse: (db: Db, files: { dataFile: string; quarantineFile: string }) => Promise<ParsedCsv<S>>;
  /** When the step started (`durationMs` counts from it). */
  started: number;
}

export interface CommittedCsv<S> {
  status: 'written' | 'unchanged';
  runId: string;
  /** The partition's value (`source=api` → `api`). */
  partitionValue: string;
  input: Manifest['input'];
  version: number;
  vintage: string;
  rows: number;
  quarantined: number;
  quarantineSamples: S[];
  warnings: string[];
  durationMs: number;
}

/**
 * Parses a CSV into staging and commits it as a version of `<source>/<dataset>/<key>=<value>`.
 * @example await commitParsedCsv({ home, source: 'camara', dataset: 'propositions', partition, input, …, parse })
 */
export async function commitParsedCsv<S>(o: CommitParsedCsvOptions<S>): Promise<CommittedCsv<S>> {
  const { run } = o;
  const progress = run.progress ?? silentProgress;
  const input: Manifest['input'] = {
    name: o.input.name,
    sha256: o.input.sha256,
    bytes: (await fs.stat(o.file)).size,
    url: o.input.url,
    ...(o.input.synthetic ? { synthetic: true } : {}),
  };
  const lake = await Lake.open(run.home);
  try {
    const known = await lake.currentPartition(o.source, o.dataset, o.partition.key, o.partition.value);
    if (known?.input.sha256 === input.sha256) return unchanged<S>(known, o.started, o.headerWarnings);
    const staging = await lake.createStaging(run.runId);
    try {
      const dataFile = path.join(staging.dir, 'data.parquet');
      const db = await Db.open({
        memoryLimit: run.duckdb?.duckdbMemoryLimit ?? '2GB',
        threads: run.duckdb?.duckdbThreads ?? 2,
      });
      let parsed: ParsedCsv<S>;
      try {
        await db.run(`SET temp_directory = ${quoteLiteral(path.join(staging.dir, 'duckdb-tmp'))}`);
        progress.start(`parse ${input.name}`, 1);
        parsed = await o.parse(db, {
          dataFile,
          quarantineFile: path.join(staging.dir, 'quarantine.parquet'),
        });
        progress.update(1);
      } finally {
        progress.stop();
        db.close();
      }
      if (parsed.records + parsed.quarantined === 0) {
        throw new SourceError(`${o.source} ${o.dataset}: ${input.name} has a header but no data rows`);
      }
      const commit = await lake.commitPartition({
        source: o.source,
        dataset: o.dataset,
        partition: o.partition,
        runId: staging.runId,
        input,
        vintage: o.vintage,
        schema: o.schema,
        dataFile,
        rows: parsed.rows,
        quarantineFile: parsed.quarantineFile,
        quarantinedRows: parsed.quarantined,
        warnings: parsed.warnings,
        now: run.now ?? new Date(),
      });
      return {
        status: commit.status,
        runId: commit.manifest.runId,
        partitionValue: o.partition.value,
        input,
        version: commit.manifest.version,
        vintage: o.vintage,
        rows: parsed.rows,
        quarantined: parsed.quarantined,
        quarantineSamples: parsed.samples,
        warnings: parsed.warnings,
        durationMs: Date.now() - o.started,
      };
    } catch (error) {
      await lake.discardStaging(staging.runId);
      throw error;
    }
  } finally {
    await lake.close();
  }
}

/** The partition's current version, reported as this run's result: same input, nothing to do. */
function unchanged<S>(m: Manifest, started: number, warnings: readonly string[]): CommittedCsv<S> {
  return {
    status: 'unchanged',
    runId: m.runId,
    partitionValue: m.partition.value,
    input: m.input,
    version: m.version,
    vintage: m.vintage,
    rows: m.rows,
    quarantined: m.quarantinedRows,
    quarantineSamples: [],
    warnings: [...warnings, `same input as version ${m.version} (run ${m.runId}): nothing to do`],
    durationMs: Date.now() - started,
  };
}
