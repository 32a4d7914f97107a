// Downloads what the SALIC API has into a work folder, resumably, and turns it into staged CSV files shaped like
// the extracts (one per dataset) plus an NDJSON of records refused by the schemas. Each listing page is written
// to its own file named by offset before the checkpoint moves on, and each project detail to its own file, so a
// crashed run resumes where it stopped and never holds a record twice. Nothing here touches the lake.
import fs from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError, SchemaError, exists, readJson, writeFileAtomic } from '../../core/index.js';
import { StagedCsvWriter } from '../csv/index.js';
import {
  fetchSalicAreas,
  fetchSalicProject,
  fetchSalicProjects,
  fetchSalicSegments,
  salicBaseUrl,
  type SalicApiOptions,
  type SalicProjectsPage,
} from './api.js';
import { salicFileCheckpoint } from './api-checkpoint.js';
import { SalicHttpClient } from './api-http.js';
import {
  salicCodeNameRow,
  salicFundraisingRow,
  salicProjectRow,
  salicStagedHeader,
  salicReceiptRow,
  type SalicStagedRow,
} from './api-mapping.js';
import type { SalicCaptacao, SalicReceipt, SalicRejected, SalicValidated } from './api-schemas.js';
import type { SalicDataset } from './salic-columns.js';

export interface StageSalicApiOptions extends SalicApiOptions {
  /** Work folder of this listing: pages/, details/, checkpoint.json and the staged files. */
  dir: string;
  pageSize?: number;
  since?: string | undefined;
  /** Also fetch every project's detail: receipts and fundraising (one request per project). */
  details?: boolean;
  /** Also fetch areas and segments (default true). */
  catalogs?: boolean;
  onStep?: (step: string, done: number, total: number) => void;
}

export interface SalicStagedDataset {
  dataset: SalicDataset;
  /** Staged CSV (extract columns + `_source_row`, `_origin`, `_extra`). */
  csv: string;
  /** NDJSON of schema-refused records (`_line`, `_reason`, `_origin`, `_raw_line`), when any. */
  rejects: string | undefined;
  records: number;
  rejected: number;
  /** The endpoint the dataset comes from. */
  url: string;
  /** sha256 of the staged CSV and rejects together: the input's identity in the lake. */
  sha256: string;
  bytes: number;
}

export interface StageSalicApiResult {
  datasets: SalicStagedDataset[];
  pages: number;
  projects: number;
  /** Offset the listing resumed from, when a checkpoint was found. */
  resumedFrom: number | undefined;
  detailsFetched: number;
  detailsReused: number;
  requests: number;
  warnings: string[];
}

interface StoredPage {
  offset: number;
  url: string;
  records: SalicProjectsPage['records'];
  rejected: SalicRejected[];
}

interface StoredDetail {
  url: string;
  pronac: string;
  receipts: SalicValidated<SalicReceipt>;
  captacoes: SalicValidated<SalicCaptacao>;
  /** Set when the detail could not be read (404 or schema violation): the reason, for the warnings. */
  problem?: string;
}

/**
 * Downloads the listing (and, when asked, every detail and the catalogs) and writes the staged files.
 * @example const staged = await stageSalicApi({ dir: '/home/x/.hardin/downloads/salic-api/ab12', details: true })
 */
export async function stageSalicApi(options: StageSalicApiOptions): Promise<StageSalicApiResult> {
  const { dir } = options;
  const client = options.client ?? new SalicHttpClient(options);
  const api: SalicApiOptions = { baseUrl: options.baseUrl, client };
  const pagesDir = path.join(dir, 'pages');
  const detailsDir = path.join(dir, 'details');
  await fs.mkdir(pagesDir, { recursive: true });
  await fs.mkdir(detailsDir, { recursive: true });
  const checkpoint = salicFileCheckpoint(path.join(dir, 'checkpoint.json'));
  const resumed = await checkpoint.load();
  const warnings: string[] = [];

  const listing = await fetchSalicProjects({
    ...api,
    pageSize: options.pageSize,
    since: options.since,
    checkpoint,
    onPage: async (page) => {
      const stored: StoredPage = {
        offset: page.offset,
        url: page.url,
        records: page.records,
        rejected: page.rejected,
      };
      await writeFileAtomic(
        path.join(pagesDir, `${String(page.offset).padStart(12, '0')}.json`),
        JSON.stringify(stored),
      );
      options.onStep?.('projects', page.offset + page.records.length + page.rejected.length, page.total ?? 0);
    },
  });
  warnings.push(...listing.warnings);

  // Every page file, in offset order, streamed to the staged CSV; a PRONAC listed twice (the listing shifted
  // while paging) is kept once.
  const baseUrl = salicBaseUrl(options.baseUrl);
  const pageFiles = (await fs.readdir(pagesDir)).filter((n) => n.endsWith('.json')).sort();
  const seen = new Set<string>();
  const projects = await StagedWriter.open(dir, 'projects', `${baseUrl}/projetos/`);
  let duplicates = 0;
  for (const name of pageFiles) {
    const page = await readJson<StoredPage>(path.join(pagesDir, name));
    for (const r of page.rejected) projects.reject(r);
    for (const { position, record } of page.records) {
      if (seen.has(record.PRONAC)) {
        duplicates++;
        continue;
      }
      seen.add(record.PRONAC);
      await projects.add(salicProjectRow(record, position, page.url));
    }
  }
  if (duplicates > 0) {
    warnings.push(`${duplicates} project(s) listed twice (the listing shifted while paging): kept the first`);
  }
  const datasets: SalicStagedDataset[] = [await projects.close()];

  let detailsFetched = 0;
  let detailsReused = 0;
  if (options.details) {
    const receipts = await StagedWriter.open(dir, 'receipts', `${baseUrl}/projetos/{PRONAC}/`);
    const fundraising = await StagedWriter.open(dir, 'fundraising', `${baseUrl}/projetos/{PRONAC}/`);
    const pronacs = [...seen];
    for (const [i, pronac] of pronacs.entries()) {
      const file = path.join(detailsDir, `${pronac}.json`);
      let detail: StoredDetail;
      if (await exists(file)) {
        detail = await readJson<StoredDetail>(file);
        detailsReused++;
      } else {
        detail = await fetchDetail(pronac, api);
        await writeFileAtomic(file, JSON.stringify(detail));
        detailsFetched++;
      }
      options.onStep?.('details', i + 1, pronacs.length);
      if (detail.problem) warnings.push(detail.problem);
      for (const { position, record } of detail.receipts.records) {
        await receipts.add(salicReceiptRow(record, pronac, position, detail.url));
      }
      for (const { position, record } of detail.captacoes.records) {
        await fundraising.add(salicFundraisingRow(record, pronac, position, detail.url));
      }
      for (const r of detail.receipts.rejected) receipts.reject(r);
      for (const r of detail.captacoes.rejected) fundraising.reject(r);
    }
    datasets.push(await receipts.close(), await fundraising.close());
  }

  if (options.catalogs ?? true) {
    for (const [dataset, fetcher] of [
      ['areas', fetchSalicAreas],
      ['segments', fetchSalicSegments],
    ] as const) {
      const list = await fetcher(api);
      const writer = await StagedWriter.open(dir, dataset, list.url);
      for (const { position, record } of list.records)
        await writer.add(salicCodeNameRow(record, position, list.url));
      for (const r of list.rejected) writer.reject(r);
      datasets.push(await writer.close());
    }
  }

  return {
    datasets,
    pages: pageFiles.length,
    projects: seen.size,
    resumedFrom: resumed ? resumed.nextOffset : undefined,
    detailsFetched,
    detailsReused,
    requests: client.requests,
    warnings,
  };
}

/** One detail, reduced to what the lake needs; a 404 or a schema violation is recorded, not thrown. */
async function fetchDetail(pronac: string, api: SalicApiOptions): Promise<StoredDetail> {
  try {
    const d = await fetchSalicProject(pronac, api);
    return { url: d.url, pronac, receipts: d.receipts, captacoes: d.captacoes };
  } catch (error) {
    if (!(error instanceof NotFoundError) && !(error instanceof SchemaError)) {
      throw error;
    }
    const url = `${salicBaseUrl(api.baseUrl)}/projetos/${pronac}/`;
    const empty = { records: [], rejected: [] };
    if (error instanceof NotFoundError) {
      return {
        url,
        pronac,
        receipts: empty,
        captacoes: empty,
        problem: `${error.message}: no receipts or fundraising`,
      };
    }
    // The whole detail is unreadable: one quarantined record says so, for receipts.
    const rejected = [{ url, position: 0, reason: error.message, raw: JSON.stringify({ PRONAC: pronac }) }];
    return { url, pronac, receipts: { records: [], rejected }, captacoes: empty, problem: error.message };
  }
}

/** Streams one dataset's staged CSV (../csv/staged-writer.ts) with the extract's columns and the meta columns. */
class StagedWriter {
  private constructor(
    private readonly dataset: SalicDataset,
    private readonly url: string,
    private readonly header: readonly string[],
    private readonly writer: StagedCsvWriter,
  ) {}

  static async open(dir: string, dataset: SalicDataset, url: string): Promise<StagedWriter> {
    const header = salicStagedHeader(dataset);
    const file = path.join(dir, `${dataset}.csv`);
    return new StagedWriter(dataset, url, header, await StagedCsvWriter.open(file, header, ','));
  }

  async add(row: SalicStagedRow): Promise<void> {
    await this.writer.add(this.header.map((h) => row[h]));
  }

  reject(record: SalicRejected): void {
    this.writer.reject({ origin: record.url, line: record.position, reason: record.reason, raw: record.raw });
  }

  /** Finishes the files and hashes them together. */
  async close(): Promise<SalicStagedDataset> {
    const { csv, rejects, records, rejected, sha256, bytes } = await this.writer.close();
    return { dataset: this.dataset, csv, rejects, records, rejected, url: this.url, sha256, bytes };
  }
}
