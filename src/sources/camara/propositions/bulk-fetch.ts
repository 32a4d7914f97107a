// Where the Câmara publishes its yearly proposition files (DOMAIN.md §1.2: the portal asks for bulk files for
// initial loads and the API only for increments), and how to fetch one to a local staged file with the shared
// downloader (retries with backoff honouring Retry-After, temp file renamed when complete).
import path from 'node:path';
import { UsageError } from '../../../core/index.js';
import { downloadToFile, type DownloadOptions } from '../../http/index.js';
import { PROPOSITION_DATASETS, type PropositionDataset } from './columns.js';

export const CAMARA_FILES_BASE_URL = 'https://dadosabertos.camara.leg.br/arquivos';

/** The datasets published as bulk files (tramitações are API-only). */
export const PROPOSITION_BULK_DATASETS: readonly PropositionDataset[] = [
  'propositions',
  'proposition_authors',
  'proposition_themes',
];

/**
 * `https://dadosabertos.camara.leg.br/arquivos/proposicoes/csv/proposicoes-2024.csv` (base overridable by
 * HARDIN_CAMARA_FILES_URL).
 */
export function propositionBulkUrl(
  dataset: PropositionDataset,
  year: number,
  baseUrl: string = process.env.HARDIN_CAMARA_FILES_URL ?? CAMARA_FILES_BASE_URL,
): string {
  if (!PROPOSITION_BULK_DATASETS.includes(dataset)) {
    throw new UsageError(
      `camara: ${dataset} has no bulk file (tramitações come from the API): expected one of ${PROPOSITION_BULK_DATASETS.join(', ')}`,
    );
  }
  if (!Number.isInteger(year) || year < 1934 || year > 2100) {
    throw new UsageError(`camara: year ${String(year)} is not a plausible year of propositions`);
  }
  const set = PROPOSITION_DATASETS[dataset].set;
  return `${baseUrl.replace(/\/+$/, '')}/${set}/csv/${set}-${year}.csv`;
}

/** Downloads one year's bulk file of a dataset into `dir`; returns the local path. */
export async function fetchPropositionBulkFile(
  dataset: PropositionDataset,
  year: number,
  dir: string,
  options: DownloadOptions & { baseUrl?: string | undefined } = {},
): Promise<{ url: string; path: string; bytes: number }> {
  const url = propositionBulkUrl(dataset, year, options.baseUrl);
  const target = path.join(dir, `${PROPOSITION_DATASETS[dataset].set}-${year}.csv`);
  const bytes = await downloadToFile(url, target, options);
  return { url, path: target, bytes };
}
