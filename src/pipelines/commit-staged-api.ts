// The end of an API ingest, the same for every portal: each dataset the download staged (a CSV, its rejects, its
// identity) is committed to the lake unless it holds no record at all (a warning says so), then the download
// folder is removed: everything is in the lake, and the next run reads the API afresh. A failure leaves the
// folder in place, so the same command resumes the download.
import fs from 'node:fs/promises';

/** One dataset an API download staged (stageSalicApi, stageCamaraApi). */
export interface StagedApiDataset<D> {
  dataset: D;
  csv: string;
  rejects: string | undefined;
  records: number;
  rejected: number;
  /** sha256 of the CSV and the rejects together. */
  sha256: string;
  /** The endpoint the dataset comes from. */
  url: string;
}

/** What the staged dataset gives the ingest of one CSV (`ingestStaged`). */
export interface StagedApiCsv {
  file: string;
  sha256: string;
  url: string;
  allowMeta: true;
  extraRejectsFile: string | undefined;
  extraRejects: number;
}

/**
 * Commits every non-empty staged dataset with `ingest`, warning about empty ones with `emptyWarning`, then
 * removes `dir`.
 * @example await commitStagedApi(staged.datasets, dir, (d) => `no ${d.dataset}`, (d, csv) => ingestStaged({ … }))
 */
export async function commitStagedApi<D, R>(
  datasets: readonly StagedApiDataset<D>[],
  dir: string,
  emptyWarning: (d: StagedApiDataset<D>) => string,
  ingest: (d: StagedApiDataset<D>, csv: StagedApiCsv) => Promise<R>,
): Promise<{ results: R[]; warnings: string[] }> {
  const results: R[] = [];
  const warnings: string[] = [];
  for (const d of datasets) {
    if (d.records + d.rejected === 0) {
      warnings.push(emptyWarning(d));
      continue;
    }
    const csv: StagedApiCsv = {
      file: d.csv,
      sha256: d.sha256,
      url: d.url,
      allowMeta: true,
      extraRejectsFile: d.rejects,
      extraRejects: d.rejected,
    };
    results.push(await ingest(d, csv));
  }
  await fs.rm(dir, { recursive: true, force: true });
  return { results, warnings };
}
