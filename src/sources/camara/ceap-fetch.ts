// Where the Câmara publishes CEAP yearly files, and how to fetch one to a local staged file.
import path from 'node:path';
import { downloadToFile, type DownloadOptions } from '../http/index.js';

export const CEAP_DEFAULT_BASE_URL = 'https://www.camara.leg.br/cotas';

/** `https://www.camara.leg.br/cotas/Ano-2019.csv.zip` (base overridable by HARDIN_CEAP_BASE_URL). */
export function ceapYearUrl(
  year: number,
  baseUrl: string = process.env.HARDIN_CEAP_BASE_URL ?? CEAP_DEFAULT_BASE_URL,
) {
  return `${baseUrl.replace(/\/+$/, '')}/Ano-${year}.csv.zip`;
}

/** Downloads a year's zip into `dir`; returns the local path. */
export async function fetchCeapYear(
  year: number,
  dir: string,
  options: DownloadOptions & { baseUrl?: string } = {},
) {
  const url = ceapYearUrl(year, options.baseUrl);
  const target = path.join(dir, `Ano-${year}.csv.zip`);
  const bytes = await downloadToFile(url, target, options);
  return { url, path: target, bytes };
}
