// The header record of a portal CSV, the part every CSV connector reads alike: the first bytes of the file, an
// optional UTF-8 BOM, the first record (RFC 4180 quoting with `"`, a `,` or `;` delimiter, `\n` or `\r\n`,
// line breaks allowed inside quotes), and the mapping of its names to the dataset's columns — by name,
// case-insensitively, never by position (portals add and reorder columns over time). Unknown columns are kept
// and reported; two names mapping to one column refuse the file. What is the dataset's (its columns, required
// ones, meta columns of Hardin's staged files, its messages) stays with each connector.
import fs from 'node:fs/promises';
import { SchemaError, SourceError } from '../../core/index.js';

/** How much of a file is read to find its header record. */
export const HEADER_PROBE_BYTES = 64 * 1024;

/** The first {@link HEADER_PROBE_BYTES} bytes of `file` (all of it when shorter). */
export async function loadHeaderBytes(file: string): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_PROBE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_PROBE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export interface HeaderRecord {
  /** The header's fields, quotes removed (not trimmed). */
  fields: string[];
  /** The decoded text, BOM removed. */
  text: string;
  hasBom: boolean;
}

/**
 * Decodes the start of a CSV and reads its header record; `where` (e.g. `camara propositions: x.csv`) starts the
 * messages. An empty file or a header whose quotes do not close within the bytes given is a SourceError.
 * @example readHeaderRecord(Buffer.from('"id";"uri"\n"1";"u"\n'), 'camara propositions: x.csv', ';').fields // ['id', 'uri']
 */
export function readHeaderRecord(bytes: Uint8Array, where: string, delimiter: string): HeaderRecord {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = Buffer.from(bytes.subarray(hasBom ? 3 : 0)).toString('utf8');
  if (text.trim() === '') throw new SourceError(`${where} is empty: expected a CSV with a header line`);
  const fields = firstCsvRecord(text, delimiter);
  if (fields === undefined) {
    throw new SourceError(`${where}: no complete header line in the first ${HEADER_PROBE_BYTES} bytes`);
  }
  return { fields, text, hasBom };
}

/**
 * The fields of the first CSV record of `text`, or undefined when its quotes do not close. A text without a line
 * break (a file of only a header line) is one record.
 * @example firstCsvRecord('a,"b ""x""",c\r\n1,2,3', ',') // ['a', 'b "x"', 'c']
 */
export function firstCsvRecord(text: string, delimiter: string): string[] | undefined {
  return readCsvRecord(text, delimiter)?.fields;
}

/** A CSV record and where the next one starts. */
export interface CsvRecord {
  fields: string[];
  /** Index in the text just past the record's line break (the text's length for a last record without one). */
  next: number;
}

/**
 * The CSV record of `text` that starts at index `start` (same rules as {@link firstCsvRecord}), or undefined when
 * its quotes do not close. Walking a whole text record by record is for checks that want a parse independent of
 * DuckDB's reader (the ingest itself reads data records with DuckDB).
 * @example readCsvRecord('a,b\n1,"2\n3"\n', ',', 4) // { fields: ['1', '2\n3'], next: 12 }
 */
export function readCsvRecord(text: string, delimiter: string, start = 0): CsvRecord | undefined {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n') {
      fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
      return { fields, next: i + 1 };
    } else field += ch;
  }
  if (quoted) return undefined;
  fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
  return { fields, next: text.length };
}

/**
 * The error for a header of a single field: the file is not split by `delimiter`; another delimiter found in
 * `line` is named as the likely cause. `expected` says what header was expected.
 */
export function wrongDelimiterError(
  where: string,
  line: string,
  delimiter: string,
  expected: string,
): SourceError {
  const guess = [',', ';', '\t', '|'].find((d) => d !== delimiter && line.includes(d));
  return new SourceError(
    `${where}: header line has no '${delimiter}' separator${guess ? ` (found ${JSON.stringify(guess)}: wrong delimiter?)` : ''}; ` +
      `expected ${expected}, got ${JSON.stringify(line.slice(0, 80))}`,
  );
}

export interface HeaderColumnsOptions<C> {
  /** Start of messages, e.g. `camara propositions: proposicoes-2024.csv`. */
  where: string;
  columns: readonly C[];
  /** A column's identity (two file names mapping to it are refused). */
  key: (column: C) => string;
  /** Every name a column is known by, matched case-insensitively. */
  names: (column: C) => readonly string[];
  /** A column's name in messages (default: its key). */
  label?: (column: C) => string;
  /** Meta columns recognised by exact name (Hardin's staged files), left unmapped. */
  meta?: readonly string[];
}

export interface HeaderColumns<C> {
  /** For each file column, its dataset column, or undefined (unknown or meta column). */
  mapped: (C | undefined)[];
  /** Indexes of unknown (kept) columns. */
  unknown: number[];
  /** Meta column name → its index. */
  meta: Map<string, number>;
  /** Key of each column found → the file's name for it. */
  found: Map<string, string>;
}

/**
 * Maps header names to the dataset's columns by name, case-insensitively; two names for one column are a
 * SchemaError naming both.
 * @example mapHeaderColumns(['ID', 'uri', 'novo'], { where, columns, key: (c) => c.name, names: (c) => [c.name] })
 */
export function mapHeaderColumns<C>(
  names: readonly string[],
  options: HeaderColumnsOptions<C>,
): HeaderColumns<C> {
  const byName = new Map<string, C>();
  for (const column of options.columns) {
    for (const name of options.names(column)) byName.set(name.toLowerCase(), column);
  }
  const label = options.label ?? options.key;
  const out: HeaderColumns<C> = { mapped: [], unknown: [], meta: new Map(), found: new Map() };
  names.forEach((name, i) => {
    if (options.meta?.includes(name)) {
      out.meta.set(name, i);
      out.mapped.push(undefined);
      return;
    }
    const column = byName.get(name.toLowerCase());
    if (column) {
      const key = options.key(column);
      const first = out.found.get(key);
      if (first !== undefined) {
        throw new SchemaError(
          `${options.where}: columns ${JSON.stringify(first)} and ${JSON.stringify(name)} both map to ${label(column)} (header names are matched case-insensitively)`,
        );
      }
      out.found.set(key, name);
    } else {
      out.unknown.push(i);
    }
    out.mapped.push(column);
  });
  return out;
}

/**
 * The error for required columns the header lacks: names them and lists the header's names (the first
 * `maxNames`), with `details` (file, dataset, missing) for `--json` output.
 */
export function missingColumnsError(
  where: string,
  missing: readonly string[],
  names: readonly string[],
  details: Record<string, unknown>,
  maxNames = Number.POSITIVE_INFINITY,
): SchemaError {
  const shown = names.slice(0, maxNames).map((n) => JSON.stringify(n));
  return new SchemaError(
    `${where}: missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; ` +
      `found ${names.length} columns: ${shown.join(', ')}${names.length > maxNames ? ', …' : ''}`,
    { details: { ...details, missing } },
  );
}

/** `x.csv: unknown column(s) kept in _extra: "a", "b"`, or undefined when every column is known. */
export function unknownColumnsWarning(
  fileName: string,
  names: readonly string[],
  unknown: readonly number[],
): string | undefined {
  if (unknown.length === 0) return undefined;
  const list = unknown.map((i) => JSON.stringify(names[i] ?? '')).join(', ');
  return `${fileName}: unknown column(s) kept in _extra: ${list}`;
}
