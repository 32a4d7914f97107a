// `hardin ingest camara proposicoes`: the Câmara's propositions (bills) into the lake's raw zone —
// `lake/raw/camara/<dataset>/batch=<batch>/part-<sha16>.parquet` for propositions, proposition_authors,
// proposition_themes and tramitacoes — from the yearly bulk files (a local file or a folder of them, or years
// fetched from the portal; batch `bulk-<year>`), tramitações JSON Lines (`tramitacoes-<year>.jsonl`), or the API
// for a date range (batch `api-<since>-<until>`; downloaded first, resumably, under `<home>/downloads/camara-api/`,
// then committed). A newer file for the same batch replaces the previous one as a new version (kept in
// `_history/`), identical input is a no-op, and batches overlap freely: the staging models keep one row per
// proposition (the latest status) and per tramitação. Bad records go to the quarantine with their row and reason.
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
  PROPOSITION_BULK_DATASETS,
  PROPOSITION_DATASETS_ORDER,
  camaraApiBaseUrl,
  camaraApiRun,
  fetchPropositionBulkFile,
  loadPropositionHeader,
  parsePropositionCsv,
  propositionFileOf,
  propositionLakeSchema,
  stageCamaraApi,
  stageTramitacoesJsonl,
  type CamaraDateField,
  type CamaraHttpOptions,
  type DownloadOptions,
  type PropositionDataset,
  type PropositionQuarantineSample,
} from '../sources/index.js';
import { commitParsedCsv, type StagedCsvInput } from './commit-parsed-csv.js';
import { commitStagedApi } from './commit-staged-api.js';
import { stepProgress } from './step-progress.js';

/** Written by the synthetic bills generator beside the files it makes. */
export const BILLS_GROUND_TRUTH_FILE = 'bills-ground-truth.csv';

type DuckOptions = Pick<Config, 'duckdbMemoryLimit' | 'duckdbThreads'>;

export interface IngestPropositionFileOptions {
  home: string;
  /** A bulk CSV (`proposicoes-2024.csv`, …) or a tramitações JSON Lines file (`tramitacoes-2024.jsonl`). */
  file: string;
  /** Default: from the file name, else recognised from the CSV header. */
  dataset?: PropositionDataset;
  /** Partition value (`batch=<value>`); default `bulk-<year>` from the file name, else `file-<sha256 prefix>`. */
  batch?: string;
  /** Where the file was downloaded from (recorded in the manifest). */
  url?: string | undefined;
  now?: Date;
  runId?: string;
  progress?: Progress;
  duckdb?: DuckOptions;
}

export interface IngestPropositionResult {
  status: 'written' | 'unchanged';
  runId: string;
  dataset: PropositionDataset;
  batch: string;
  input: Manifest['input'];
  version: number;
  vintage: string;
  rows: number;
  quarantined: number;
  quarantineSamples: PropositionQuarantineSample[];
  warnings: string[];
  durationMs: number;
}

const BATCH = /^[a-z0-9][a-z0-9_-]{0,60}$/;

/**
 * Ingests one proposition file into `camara/<dataset>`.
 * @example await ingestPropositionFile({ home: '.hardin', file: 'downloads/proposicoesAutores-2024.csv' })
 */
export async function ingestPropositionFile(
  options: IngestPropositionFileOptions,
): Promise<IngestPropositionResult> {
  const stat = await fs.stat(options.file).catch(() => undefined);
  if (!stat?.isFile()) {
    throw new SourceError(`camara propositions: input file ${options.file} does not exist or is not a file`);
  }
  const name = path.basename(options.file);
  const known = propositionFileOf(name);
  const jsonl = known?.format === 'jsonl' || /\.(jsonl|ndjson)$/i.test(name);
  const dataset = options.dataset ?? known?.dataset ?? (jsonl ? 'tramitacoes' : undefined);
  if (jsonl && dataset !== 'tramitacoes') {
    throw new UsageError(
      `camara propositions: ${name} is JSON Lines, which only tramitações come as; got dataset ${dataset}`,
    );
  }
  const synthetic = await fs
    .stat(path.join(path.dirname(options.file), BILLS_GROUND_TRUTH_FILE))
    .then((s) => s.isFile())
    .catch(() => false);
  if (!jsonl) {
    const sha256 = await sha256File(options.file);
    const batch = options.batch ?? (known ? `bulk-${known.year}` : `file-${sha256.slice(0, 12)}`);
    return ingestStaged({
      ...options,
      dataset,
      batch,
      sha256,
      inputName: name,
      synthetic,
      vintage: 'bulk-csv',
    });
  }
  // JSON Lines are staged as a CSV first (in a scratch folder under the downloads), then parsed like the rest.
  const scratch = path.join(
    homePaths(options.home).downloads,
    'camara-jsonl',
    `${process.pid}-${Date.now()}`,
  );
  await fs.mkdir(scratch, { recursive: true });
  try {
    const staged = await stageTramitacoesJsonl(options.file, path.join(scratch, 'tramitacoes.csv'));
    const batch = options.batch ?? (known ? `bulk-${known.year}` : `file-${staged.sha256.slice(0, 12)}`);
    return await ingestStaged({
      ...options,
      dataset: 'tramitacoes',
      file: staged.csv,
      batch,
      sha256: staged.sha256,
      inputName: name,
      synthetic,
      vintage: 'jsonl',
      allowMeta: true,
      extraRejectsFile: staged.rejects,
      extraRejects: staged.rejected,
    });
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

export interface IngestPropositionFilesOptions extends Omit<
  IngestPropositionFileOptions,
  'file' | 'dataset' | 'batch' | 'runId' | 'url'
> {
  /** A folder of bulk files and tramitações JSON Lines, e.g. the synthetic generator's output. */
  dir: string;
}

export interface IngestPropositionFilesResult {
  results: IngestPropositionResult[];
  /** Files in the folder that are not proposition files (not ingested). */
  ignored: string[];
}

/**
 * Ingests every proposition file of a folder: per year, propositions, then authors, themes and tramitações.
 * @example const { results } = await ingestPropositionFiles({ home: '.hardin', dir: 'out/bills' })
 */
export async function ingestPropositionFiles(
  options: IngestPropositionFilesOptions,
): Promise<IngestPropositionFilesResult> {
  const names = await fs.readdir(options.dir).catch((error: unknown) => {
    throw new SourceError(`camara propositions: cannot read the folder ${options.dir}`, { cause: error });
  });
  const files: { name: string; dataset: PropositionDataset; year: number }[] = [];
  const ignored: string[] = [];
  for (const name of names.sort()) {
    const known = propositionFileOf(name);
    if (known) files.push({ name, ...known });
    else if (/\.(csv|jsonl|ndjson)$/i.test(name) && name !== BILLS_GROUND_TRUTH_FILE) ignored.push(name);
  }
  if (files.length === 0) {
    throw new SourceError(
      `camara propositions: no proposition file in ${options.dir}: expected proposicoes-YYYY.csv, proposicoesAutores-YYYY.csv, proposicoesTemas-YYYY.csv or tramitacoes-YYYY.jsonl`,
    );
  }
  const order = (d: PropositionDataset) => PROPOSITION_DATASETS_ORDER.indexOf(d);
  files.sort(
    (a, b) => a.year - b.year || order(a.dataset) - order(b.dataset) || a.name.localeCompare(b.name),
  );
  const results: IngestPropositionResult[] = [];
  for (const f of files) {
    results.push(
      await ingestPropositionFile({ ...options, file: path.join(options.dir, f.name), dataset: f.dataset }),
    );
  }
  return { results, ignored };
}

export interface IngestPropositionYearsOptions extends Omit<
  IngestPropositionFileOptions,
  'file' | 'dataset' | 'batch' | 'runId' | 'url'
> {
  years: number[];
  /** Default: the three bulk datasets. */
  datasets?: PropositionDataset[];
  /** Default https://dadosabertos.camara.leg.br/arquivos (or HARDIN_CAMARA_FILES_URL). */
  baseUrl?: string | undefined;
  download?: DownloadOptions;
}

/**
 * Downloads the portal's bulk files of each year and ingests them (`bulk-<year>` batches).
 * @example await ingestPropositionYears({ home: '.hardin', years: [2023, 2024] })
 */
export async function ingestPropositionYears(
  options: IngestPropositionYearsOptions,
): Promise<IngestPropositionResult[]> {
  const datasets = options.datasets ?? [...PROPOSITION_BULK_DATASETS];
  const dir = path.join(homePaths(options.home).downloads, 'camara-files', `${process.pid}-${Date.now()}`);
  await fs.mkdir(dir, { recursive: true });
  const results: IngestPropositionResult[] = [];
  try {
    for (const year of options.years) {
      for (const dataset of datasets) {
        const fetched = await fetchPropositionBulkFile(dataset, year, dir, {
          ...options.download,
          baseUrl: options.baseUrl,
        });
        results.push(
          await ingestPropositionFile({ ...options, file: fetched.path, dataset, url: fetched.url }),
        );
        await fs.rm(fetched.path, { force: true });
      }
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  return results;
}

export interface IngestPropositionsApiOptions {
  home: string;
  /** First day `YYYY-MM-DD` (the API needs dates: without them it answers only the last 30 days). */
  since: string;
  /** Last day `YYYY-MM-DD`, inclusive; default the day of `now`. */
  until?: string | undefined;
  /** Default https://dadosabertos.camara.leg.br/api/v2 (or HARDIN_CAMARA_API_URL). */
  baseUrl?: string | undefined;
  /** `tramitacao` (default): propositions with any activity in the range; `apresentacao`: presented in it. */
  dateField?: CamaraDateField;
  windowDays?: number;
  /** Only these types (siglaTipo), e.g. PL, PLP, PEC, MPV, PDL. */
  types?: string[];
  /** Also fetch each proposition's tramitações (default true). */
  tramitacoes?: boolean;
  pageSize?: number;
  concurrency?: number;
  http?: CamaraHttpOptions;
  now?: Date;
  progress?: Progress;
  duckdb?: DuckOptions;
}

export interface IngestPropositionsApiResult {
  results: IngestPropositionResult[];
  batch: string;
  windows: number;
  pages: number;
  propositions: number;
  requests: number;
  /** True when the run resumed an interrupted download. */
  resumed: boolean;
  detailsReused: number;
  warnings: string[];
  durationMs: number;
}

/**
 * Reads the API for a date range into `camara/propositions` and `camara/tramitacoes` (batch `api-<since>-<until>`).
 * An interrupted run leaves its downloads in place; the next run with the same arguments resumes.
 * @example await ingestPropositionsApi({ home: '.hardin', since: '2025-01-01', until: '2025-01-31' })
 */
export async function ingestPropositionsApi(
  options: IngestPropositionsApiOptions,
): Promise<IngestPropositionsApiResult> {
  const started = Date.now();
  const progress = options.progress ?? silentProgress;
  const until = options.until ?? (options.now ?? new Date()).toISOString().slice(0, 10);
  const baseUrl = camaraApiBaseUrl(options.baseUrl);
  const { key, batch, types } = camaraApiRun({ ...options, baseUrl, until });
  const dir = path.join(homePaths(options.home).downloads, 'camara-api', key);
  const staged = await stageCamaraApi({
    ...options.http,
    baseUrl,
    dir,
    since: options.since,
    until,
    dateField: options.dateField,
    windowDays: options.windowDays,
    types,
    pageSize: options.pageSize,
    tramitacoes: options.tramitacoes,
    concurrency: options.concurrency,
    onStep: stepProgress(progress, 'camara api'),
  });
  progress.stop();
  const committed = await commitStagedApi(
    staged.datasets,
    dir,
    (d) => `camara api: no ${d.dataset} records (${d.url}, ${options.since}..${until}): nothing written`,
    (d, csv) =>
      ingestStaged({
        home: options.home,
        now: options.now,
        progress: options.progress,
        duckdb: options.duckdb,
        ...csv,
        dataset: d.dataset,
        batch,
        inputName: `camara-api ${d.dataset} ${options.since}..${until}`,
        vintage: 'api-v2',
      }),
  );
  return {
    results: committed.results,
    batch,
    windows: staged.windows,
    pages: staged.pages,
    propositions: staged.propositions,
    requests: staged.requests,
    resumed: staged.resumed,
    detailsReused: staged.detailsReused,
    warnings: [...staged.warnings, ...committed.warnings],
    durationMs: Date.now() - started,
  };
}

interface StagedInput extends StagedCsvInput {
  dataset: PropositionDataset | undefined;
  batch: string;
  sha256: string;
}

/** One CSV (bulk file or staged file) → one partition of `camara/<dataset>` (commit-parsed-csv.ts). */
async function ingestStaged(input: StagedInput): Promise<IngestPropositionResult> {
  const started = Date.now();
  if (!BATCH.test(input.batch)) {
    throw new UsageError(
      `camara propositions: batch ${JSON.stringify(input.batch)} is not allowed: expected [a-z0-9_-]+`,
    );
  }
  const header = await loadPropositionHeader(input.file, input.dataset, {
    allowMeta: input.allowMeta ?? false,
  });
  const dataset = header.dataset;
  const committed = await commitParsedCsv<PropositionQuarantineSample>({
    run: input,
    source: 'camara',
    dataset,
    partition: { key: 'batch', value: input.batch },
    file: input.file,
    input: { name: input.inputName, sha256: input.sha256, url: input.url, synthetic: input.synthetic },
    schema: propositionLakeSchema(dataset),
    vintage: input.vintage,
    headerWarnings: header.warnings,
    started,
    parse: (db, files) =>
      parsePropositionCsv({
        db,
        file: input.file,
        header,
        sha256: input.sha256,
        origin: input.inputName,
        ...files,
        extraRejectsFile: input.extraRejectsFile,
        extraRejects: input.extraRejects,
      }),
  });
  const { status, runId, partitionValue, ...rest } = committed;
  return { status, runId, dataset, batch: partitionValue, ...rest };
}
