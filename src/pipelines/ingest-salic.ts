// `hardin ingest salic <dataset>`: SALIC CSV extracts (docs/formats/salic.md) or the public API → typed, validated
// rows in the lake's raw zone, bad records in quarantine with their row number and reason. Layout: one partition
// per route, `lake/raw/salic/<dataset>/source=extract|api/part-<sha16>.parquet`: a newer extract (or API run)
// replaces the previous one as a new version (kept in `_history/`), identical input is a no-op, and extract and
// API rows stay apart so the warehouse chooses. The API is downloaded first (resumably, under
// `<home>/downloads/salic-api/`), then committed; the lake's writer lock is held only while committing.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  SourceError,
  UsageError,
  homePaths,
  sha256File,
  silentProgress,
  type Config,
  type Progress,
} from '../core/index.js';
import type { Manifest } from '../lake/index.js';
import {
  SALIC_DATASETS,
  SALIC_EXTRACT_DATASETS,
  loadSalicHeader,
  parseSalicCsv,
  salicBaseUrl,
  salicDatasetOfFile,
  salicLakeSchema,
  stageSalicApi,
  type SalicDataset,
  type SalicExtractDataset,
  type SalicHttpOptions,
  type SalicQuarantineSample,
} from '../sources/salic/index.js';
import { commitParsedCsv, type StagedCsvInput } from './commit-parsed-csv.js';
import { commitStagedApi } from './commit-staged-api.js';
import { stepProgress } from './step-progress.js';

export interface IngestSalicOptions {
  home: string;
  dataset: SalicExtractDataset;
  file: string;
  /** Partition value (`source=<value>`), default `extract`. */
  partition?: string;
  now?: Date;
  runId?: string;
  progress?: Progress;
  duckdb?: Pick<Config, 'duckdbMemoryLimit' | 'duckdbThreads'>;
}

export interface IngestSalicResult {
  status: 'written' | 'unchanged';
  runId: string;
  dataset: SalicDataset;
  partition: { key: 'source'; value: string };
  input: Manifest['input'];
  version: number;
  vintage: string;
  rows: number;
  quarantined: number;
  quarantineSamples: SalicQuarantineSample[];
  warnings: string[];
  durationMs: number;
}

const PARTITION = /^[a-z0-9][a-z0-9_-]{0,40}$/;
/** Written by the synthetic generator beside the extracts it makes. */
const SALIC_GROUND_TRUTH_FILE = 'salic-ground-truth.csv';

/**
 * Ingests one SALIC extract file into `salic/<dataset>`.
 * @example await ingestSalic({ home: '.hardin', dataset: 'budget_lines', file: 'out/planilha_aprovada.csv' })
 */
export async function ingestSalic(options: IngestSalicOptions): Promise<IngestSalicResult> {
  if (!(SALIC_EXTRACT_DATASETS as readonly string[]).includes(options.dataset)) {
    throw new UsageError(
      `salic: unknown dataset ${JSON.stringify(options.dataset)}: expected one of ${SALIC_EXTRACT_DATASETS.join(', ')}`,
    );
  }
  const stat = await fs.stat(options.file).catch(() => undefined);
  if (!stat?.isFile()) {
    throw new SourceError(
      `salic ${options.dataset}: input file ${options.file} does not exist or is not a file`,
    );
  }
  const partition = options.partition ?? 'extract';
  if (!PARTITION.test(partition)) {
    throw new UsageError(
      `salic: partition ${JSON.stringify(partition)} is not allowed: expected [a-z0-9_-]+`,
    );
  }
  // Hardin's generator writes its ground truth beside the files it makes: remember that the data is synthetic so
  // that models and reports built on it are labelled as such (as ingestCeap does).
  const synthetic = await fs
    .stat(path.join(path.dirname(options.file), SALIC_GROUND_TRUTH_FILE))
    .then((s) => s.isFile())
    .catch(() => false);
  return ingestStaged({
    ...options,
    partition,
    sha256: undefined,
    synthetic,
    inputName: path.basename(options.file),
    vintage: options.dataset === 'unit_prices' ? 'real-sample-shape' : 'extract',
  });
}

export interface IngestSalicExtractsOptions extends Omit<IngestSalicOptions, 'dataset' | 'file' | 'runId'> {
  dir: string;
}

export interface IngestSalicExtractsResult {
  results: IngestSalicResult[];
  /** Known extract files absent from the folder. */
  missing: string[];
  /** CSV files present but not recognised (not ingested). */
  ignored: string[];
}

/**
 * Ingests every known extract present in `dir` (projects first), e.g. the synthetic generator's output folder.
 * @example const { results } = await ingestSalicExtracts({ home: '.hardin', dir: 'out/salic' })
 */
export async function ingestSalicExtracts(
  options: IngestSalicExtractsOptions,
): Promise<IngestSalicExtractsResult> {
  const names = await fs.readdir(options.dir).catch((error: unknown) => {
    throw new SourceError(`salic: cannot read the extracts folder ${options.dir}`, { cause: error });
  });
  const found = new Map<SalicExtractDataset, string[]>();
  const ignored: string[] = [];
  for (const name of names.sort()) {
    if (!/\.csv$/i.test(name)) continue;
    const dataset = salicDatasetOfFile(name);
    if (dataset) found.set(dataset, [...(found.get(dataset) ?? []), name]);
    else ignored.push(name);
  }
  if (found.size === 0) {
    const expected = SALIC_EXTRACT_DATASETS.map((d) => SALIC_DATASETS[d].file).join(', ');
    throw new SourceError(`salic: no SALIC extract in ${options.dir}: expected one of ${expected}`);
  }
  const results: IngestSalicResult[] = [];
  const missing: string[] = [];
  for (const dataset of SALIC_EXTRACT_DATASETS) {
    const files = found.get(dataset);
    if (!files) {
      missing.push(SALIC_DATASETS[dataset].file ?? dataset);
      continue;
    }
    // Several unit-price samples would replace each other in one partition: only the first is read.
    if (files.length > 1) ignored.push(...files.slice(1));
    results.push(
      await ingestSalic({ ...options, dataset, file: path.join(options.dir, files[0] as string) }),
    );
  }
  return { results, missing, ignored };
}

export interface IngestSalicApiOptions {
  home: string;
  /** Default http://api.salic.cultura.gov.br/api/v1 (or HARDIN_SALIC_BASE_URL). */
  baseUrl?: string | undefined;
  /** Also fetch each project's detail → `salic/receipts` and `salic/fundraising` (one request per project). */
  details: boolean;
  /** Also fetch areas and segments → `salic/areas`, `salic/segments` (default true). */
  catalogs?: boolean;
  pageSize?: number;
  since?: string | undefined;
  http?: SalicHttpOptions;
  now?: Date;
  progress?: Progress;
  duckdb?: Pick<Config, 'duckdbMemoryLimit' | 'duckdbThreads'>;
}

export interface IngestSalicApiResult {
  results: IngestSalicResult[];
  pages: number;
  projects: number;
  requests: number;
  /** Offset the listing resumed from after an interrupted run. */
  resumedFrom: number | undefined;
  warnings: string[];
  durationMs: number;
}

/**
 * Reads the SALIC API into `salic/projects` (+ receipts, fundraising, areas, segments) with `source=api`.
 * An interrupted run leaves its downloads in place; the next run with the same base URL and `since` resumes.
 * @example await ingestSalicApi({ home: '.hardin', details: true, since: '2019-01-01' })
 */
export async function ingestSalicApi(options: IngestSalicApiOptions): Promise<IngestSalicApiResult> {
  const started = Date.now();
  const progress = options.progress ?? silentProgress;
  const baseUrl = salicBaseUrl(options.baseUrl);
  const key = createHash('sha256')
    .update(`${baseUrl}\n${options.since ?? ''}\n${options.details ? 'details' : ''}`)
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(homePaths(options.home).downloads, 'salic-api', key);
  const staged = await stageSalicApi({
    ...options.http,
    baseUrl,
    dir,
    pageSize: options.pageSize,
    since: options.since,
    details: options.details,
    catalogs: options.catalogs,
    onStep: stepProgress(progress, 'salic api'),
  });
  progress.stop();
  const committed = await commitStagedApi(
    staged.datasets,
    dir,
    (d) => `salic api: no ${d.dataset} records (${d.url}): nothing written`,
    (d, csv) =>
      ingestStaged({
        ...options,
        ...csv,
        dataset: d.dataset,
        partition: 'api',
        inputName: `salic-api ${d.dataset}`,
        vintage: 'api-v1',
      }),
  );
  return {
    results: committed.results,
    pages: staged.pages,
    projects: staged.projects,
    requests: staged.requests,
    resumedFrom: staged.resumedFrom,
    warnings: [...staged.warnings, ...committed.warnings],
    durationMs: Date.now() - started,
  };
}

interface StagedInput extends StagedCsvInput {
  dataset: SalicDataset;
  partition: string;
  /** Precomputed identity (API: CSV + rejects); the file's sha256 otherwise. */
  sha256: string | undefined;
}

/** One CSV (extract or staged API file) → one partition of `salic/<dataset>` (commit-parsed-csv.ts). */
async function ingestStaged(input: StagedInput): Promise<IngestSalicResult> {
  const started = Date.now();
  const header = await loadSalicHeader(input.file, input.dataset, { allowMeta: input.allowMeta ?? false });
  const sha256 = input.sha256 ?? (await sha256File(input.file));
  const committed = await commitParsedCsv<SalicQuarantineSample>({
    run: input,
    source: 'salic',
    dataset: input.dataset,
    partition: { key: 'source', value: input.partition },
    file: input.file,
    input: { name: input.inputName, sha256, url: input.url, synthetic: input.synthetic },
    schema: [...salicLakeSchema(input.dataset), { name: 'source', type: 'VARCHAR (partition)' }],
    vintage: input.vintage,
    headerWarnings: header.warnings,
    started,
    parse: (db, files) =>
      parseSalicCsv({
        db,
        file: input.file,
        header,
        sha256,
        origin: input.inputName,
        ...files,
        extraRejectsFile: input.extraRejectsFile,
        extraRejects: input.extraRejects,
      }),
  });
  const { status, runId, partitionValue, ...rest } = committed;
  return {
    status,
    runId,
    dataset: input.dataset,
    partition: { key: 'source', value: partitionValue },
    ...rest,
  };
}
