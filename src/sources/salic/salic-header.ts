// Reads the header record of a SALIC CSV extract (RFC 4180: `,`, `"` quoting, optional UTF-8 BOM, `\n` or
// `\r\n`) and maps its columns to the dataset's canonical columns by name, case-insensitively. Unknown columns
// are kept (folded into `_extra`) and reported; a missing required column refuses the file with a SchemaError
// naming the file and the column. Every file column gets a positional alias (`c0`, `c1`, …) for DuckDB, so
// empty or repeated unknown header names cannot collide. Reading the record and matching names is the shared
// CSV header code (../csv/header.ts); what is SALIC's (its columns, aliases, staged meta columns) stays here.
import path from 'node:path';
import {
  loadHeaderBytes,
  mapHeaderColumns,
  missingColumnsError,
  readHeaderRecord,
  unknownColumnsWarning,
  wrongDelimiterError,
} from '../csv/index.js';
import { SALIC_DATASETS, type SalicColumn, type SalicDataset } from './salic-columns.js';

/** Meta columns a staged API file carries (written by api-stage.ts), recognised only with `allowMeta`. */
export const SALIC_STAGED_META = ['_source_row', '_origin', '_extra'] as const;
export type SalicStagedMeta = (typeof SALIC_STAGED_META)[number];

export interface SalicHeader {
  fileName: string;
  dataset: SalicDataset;
  /** Header names exactly as in the file (BOM and quotes removed). */
  names: string[];
  /** DuckDB alias of each file column: `c0`, `c1`, … */
  aliases: string[];
  /** For each file column, its canonical column, or undefined (unknown or meta column). */
  mapped: (SalicColumn | undefined)[];
  /** Indexes of staged meta columns, when present. */
  meta: Partial<Record<SalicStagedMeta, number>>;
  /** Indexes of unknown (kept) columns. */
  unknown: number[];
  hasBom: boolean;
  warnings: string[];
}

export interface SalicHeaderOptions {
  /** Accept the staged meta columns `_source_row`, `_origin`, `_extra` (API staging files only). */
  allowMeta?: boolean;
}

/** Reads the start of `file` and parses its header with {@link parseSalicHeader}. */
export async function loadSalicHeader(
  file: string,
  dataset: SalicDataset,
  options: SalicHeaderOptions = {},
): Promise<SalicHeader> {
  return parseSalicHeader(await loadHeaderBytes(file), path.basename(file), dataset, options);
}

/**
 * Parses and maps the header record of a SALIC extract.
 * @example parseSalicHeader(Buffer.from('PRONAC,CgcCpfMecena,CaptacaoReal\n…'), 'captacoes.csv', 'fundraising')
 */
export function parseSalicHeader(
  bytes: Uint8Array,
  fileName: string,
  dataset: SalicDataset,
  options: SalicHeaderOptions = {},
): SalicHeader {
  const spec = SALIC_DATASETS[dataset];
  const where = `salic ${dataset}: ${fileName}`;
  const { fields, text, hasBom } = readHeaderRecord(bytes, where, ',');
  if (fields.length === 1) {
    // The raw first line (quotes and all) is echoed, not the lone field: it shows the delimiter actually used.
    const line = text.slice(0, Math.max(0, text.search(/\r?\n/))) || text.slice(0, 80);
    const expected = `the ${spec.file ?? dataset} header ${spec.columns.map((c) => c.header).join(',')}`;
    throw wrongDelimiterError(where, line, ',', expected);
  }
  const names = fields.map((n) => n.trim());
  const { mapped, unknown, meta, found } = mapHeaderColumns(names, {
    where,
    columns: spec.columns,
    key: (c) => c.lake,
    names: (c) => [c.header, ...(c.aliases ?? [])],
    label: (c) => c.header,
    meta: options.allowMeta ? SALIC_STAGED_META : undefined,
  });
  const missing = spec.columns.filter((c) => c.required && !found.has(c.lake)).map((c) => c.header);
  if (missing.length > 0) throw missingColumnsError(where, missing, names, { file: fileName, dataset });
  const unknownWarning = unknownColumnsWarning(fileName, names, unknown);
  return {
    fileName,
    dataset,
    names,
    aliases: names.map((_, i) => `c${i}`),
    mapped,
    meta: Object.fromEntries(meta) as Partial<Record<SalicStagedMeta, number>>,
    unknown,
    hasBom,
    warnings: unknownWarning ? [unknownWarning] : [],
  };
}
