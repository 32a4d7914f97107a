// Reads and interprets the header line of a raw CEAP CSV: BOM, quoting, delimiter, column mapping by name and
// the vintage (29/30/31/32 columns, the May-2017 lowercase/comma-decimal variant).
import fs from 'node:fs/promises';
import path from 'node:path';
import { SourceError } from '../../core/index.js';
import { CEAP_REQUIRED_HEADER, canonicalCeapColumn, type CeapColumn } from './ceap-columns.js';

export interface CeapHeader {
  /** Header names exactly as in the file, in order (BOM and quotes removed). */
  names: string[];
  /** For each file column, its canonical CEAP column, or undefined for an unknown (kept) column. */
  mapped: (CeapColumn | undefined)[];
  unknown: string[];
  hasBom: boolean;
  quoted: boolean;
  vintage: string;
  /** Warnings to report (unknown columns, unusual vintage). */
  warnings: string[];
}

const MAX_HEADER_BYTES = 64 * 1024;

/** Reads the first line of `file` and parses it with {@link parseCeapHeader}. */
export async function loadCeapHeader(file: string): Promise<CeapHeader> {
  const handle = await fs.open(file, 'r');
  let bytes: Buffer;
  try {
    const buffer = Buffer.alloc(MAX_HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_HEADER_BYTES, 0);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  return parseCeapHeader(bytes, path.basename(file));
}

/**
 * Parses the header line of a raw CEAP file.
 * @example parseCeapHeader(Buffer.from('"txNomeParlamentar";"numSubCota"…\n'), 'Ano-2019.csv')
 */
export function parseCeapHeader(bytes: Uint8Array, fileName: string): CeapHeader {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = Buffer.from(bytes.subarray(hasBom ? 3 : 0)).toString('utf8');
  if (text.trim() === '')
    throw new SourceError(`ceap: ${fileName} is empty: expected a CEAP CSV with a header line`);
  const end = text.search(/\r?\n/);
  if (end < 0 && bytes.length >= MAX_HEADER_BYTES) {
    throw new SourceError(
      `ceap: ${fileName}: no line break in the first ${MAX_HEADER_BYTES} bytes: not a CEAP CSV`,
    );
  }
  const line = end < 0 ? text : text.slice(0, end);
  if (!line.includes(';')) {
    const guess = [',', '\t', '|'].find((d) => line.includes(d));
    throw new SourceError(
      `ceap: ${fileName}: header line has no ';' separator${guess ? ` (found ${JSON.stringify(guess)}: wrong delimiter?)` : ''}; ` +
        `expected the CEAP header "txNomeParlamentar";"cpf";…, got ${JSON.stringify(line.slice(0, 80))}`,
    );
  }
  const quoted = line.startsWith('"');
  const names = line.split(';').map((field) => field.trim().replace(/^"(.*)"$/, '$1'));
  const mapped = names.map((n) => canonicalCeapColumn(n));
  const seen = new Map<string, number>();
  for (const col of mapped) if (col) seen.set(col.name, (seen.get(col.name) ?? 0) + 1);
  const duplicated = [...seen].filter(([, n]) => n > 1).map(([name]) => name);
  if (duplicated.length > 0) {
    throw new SourceError(`ceap: ${fileName}: header repeats column(s) ${duplicated.join(', ')}`);
  }
  const missing = CEAP_REQUIRED_HEADER.filter((name) => !seen.has(name));
  if (missing.length > 0) {
    throw new SourceError(
      `ceap: ${fileName}: header lacks required column(s) ${missing.join(', ')}; ` +
        `found ${names.length} columns: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}`,
    );
  }
  const unknown = names.filter((_, i) => mapped[i] === undefined);
  const vintage = detectVintage(names, seen);
  const warnings: string[] = [];
  if (unknown.length > 0) warnings.push(`unknown column(s) kept in _extra: ${unknown.join(', ')}`);
  if (vintage.startsWith('unknown'))
    warnings.push(`unrecognised CEAP layout (${vintage}); columns mapped by name`);
  return { names, mapped, unknown, hasBom, quoted, vintage, warnings };
}

function detectVintage(names: string[], seen: Map<string, number>): string {
  const has = (n: string) => seen.has(n);
  if (names.includes('idecadastro')) return '2017-05-variant';
  const known = seen.size;
  if (known === 32) return 'current-32';
  if (known === 31 && !has('datPagamentoRestituicao')) return '2020-31';
  if (known === 31 && !has('cpf')) return '2020-31';
  if (known === 30 && has('cpf') && !has('urlDocumento')) return '2017-30';
  if (known === 29 && !has('cpf') && !has('urlDocumento')) return '2019-29';
  return `unknown-${names.length}-columns`;
}
