// Reads the header record of a Câmara proposition CSV (`;`-separated, `"` quoting, optional UTF-8 BOM, `\n` or
// `\r\n`) and maps its columns to the dataset's columns by name, case-insensitively, never by position: the
// portal adds and reorders columns over time. Unknown columns are kept (folded into `_extra`) and reported; a
// missing required column refuses the file with a SchemaError naming the file and the column. Every file column
// gets a positional alias (`c0`, `c1`, …) for DuckDB, so odd or repeated unknown names cannot collide. Reading
// the record and matching names is the shared CSV header code (../../csv/header.ts).
import path from 'node:path';
import { SchemaError } from '../../../core/index.js';
import {
  loadHeaderBytes,
  mapHeaderColumns,
  missingColumnsError,
  readHeaderRecord,
  unknownColumnsWarning,
  wrongDelimiterError,
} from '../../csv/index.js';
import {
  PROPOSITION_DATASETS,
  PROPOSITION_DATASETS_ORDER,
  PROPOSITION_STAGED_META,
  type PropositionColumn,
  type PropositionDataset,
} from './columns.js';

export interface PropositionHeader {
  fileName: string;
  dataset: PropositionDataset;
  /** Header names exactly as in the file (BOM and quotes removed). */
  names: string[];
  /** DuckDB alias of each file column: `c0`, `c1`, … */
  aliases: string[];
  /** For each file column, its dataset column, or undefined (unknown or meta column). */
  mapped: (PropositionColumn | undefined)[];
  /** Index of the staged `_origin` column, when present (Hardin's staging files). */
  originIndex: number | undefined;
  /** Index of the staged `_line` column (the record's line in its origin), when present. */
  lineIndex: number | undefined;
  /** Index of the staged `_extra` column (JSON of fields the bulk format lacks), when present. */
  extraIndex: number | undefined;
  /** Indexes of unknown (kept) columns. */
  unknown: number[];
  hasBom: boolean;
  warnings: string[];
}

export interface PropositionHeaderOptions {
  /** Accept the staged meta columns `_origin`, `_line` and `_extra` (Hardin's staging files only). */
  allowMeta?: boolean;
}

/** Reads the start of `file` and parses its header with {@link parsePropositionHeader}. */
export async function loadPropositionHeader(
  file: string,
  dataset: PropositionDataset | undefined,
  options: PropositionHeaderOptions = {},
): Promise<PropositionHeader> {
  return parsePropositionHeader(await loadHeaderBytes(file), path.basename(file), dataset, options);
}

/**
 * Parses and maps the header record of a proposition CSV; with `dataset` undefined, the dataset is recognised
 * from the header (the first dataset whose required columns are all present).
 * @example parsePropositionHeader(Buffer.from('"id";"uri";"siglaTipo"…\n'), 'proposicoes-2024.csv', 'propositions')
 */
export function parsePropositionHeader(
  bytes: Uint8Array,
  fileName: string,
  dataset: PropositionDataset | undefined,
  options: PropositionHeaderOptions = {},
): PropositionHeader {
  const where = `camara ${dataset ?? 'propositions'}: ${fileName}`;
  const { fields, hasBom } = readHeaderRecord(bytes, where, ';');
  const names = fields.map((n) => n.trim());
  if (names.length === 1) {
    throw wrongDelimiterError(
      where,
      names[0] ?? '',
      ';',
      'a Câmara CSV header such as "id";"uri";"siglaTipo";…',
    );
  }
  const resolved = dataset ?? recognise(names, fileName);
  return mapHeader(resolved, names, fileName, hasBom, options);
}

function mapHeader(
  dataset: PropositionDataset,
  names: string[],
  fileName: string,
  hasBom: boolean,
  options: PropositionHeaderOptions,
): PropositionHeader {
  const spec = PROPOSITION_DATASETS[dataset];
  const where = `camara ${dataset}: ${fileName}`;
  const { mapped, unknown, meta, found } = mapHeaderColumns(names, {
    where,
    columns: spec.columns,
    key: (c) => c.name,
    names: (c) => [c.name],
    meta: options.allowMeta ? PROPOSITION_STAGED_META : undefined,
  });
  const missing = spec.columns.filter((c) => c.required && !found.has(c.name)).map((c) => c.name);
  if (missing.length > 0) {
    throw missingColumnsError(where, missing, names, { file: fileName, dataset }, 12);
  }
  const warnings: string[] = [];
  const unknownWarning = unknownColumnsWarning(fileName, names, unknown);
  if (unknownWarning) warnings.push(unknownWarning);
  const absent = spec.columns.filter((c) => !found.has(c.name)).map((c) => c.name);
  if (absent.length > 0) warnings.push(`${fileName}: column(s) absent, left NULL: ${absent.join(', ')}`);
  return {
    fileName,
    dataset,
    names,
    aliases: names.map((_, i) => `c${i}`),
    mapped,
    originIndex: meta.get('_origin'),
    lineIndex: meta.get('_line'),
    extraIndex: meta.get('_extra'),
    unknown,
    hasBom,
    warnings,
  };
}

/** The dataset whose required columns the header holds (checked in a fixed order: propositions first). */
function recognise(names: string[], fileName: string): PropositionDataset {
  const lower = new Set(names.map((n) => n.toLowerCase()));
  // Tramitações and authors are checked before propositions: their required columns are more specific.
  const order: PropositionDataset[] = ['tramitacoes', 'proposition_authors', 'proposition_themes'];
  for (const dataset of [...order, ...PROPOSITION_DATASETS_ORDER.filter((d) => !order.includes(d))]) {
    const required = PROPOSITION_DATASETS[dataset].columns.filter((c) => c.required);
    if (required.every((c) => lower.has(c.name.toLowerCase()))) return dataset;
  }
  throw new SchemaError(
    `camara propositions: ${fileName}: the header is not one of proposicoes, proposicoesAutores, proposicoesTemas or tramitacoes ` +
      `(found ${names
        .slice(0, 8)
        .map((n) => JSON.stringify(n))
        .join(', ')}${names.length > 8 ? ', …' : ''})`,
  );
}
