// Staged files: records that did not come as a portal CSV (API answers, JSON Lines) are written as a CSV shaped
// like the portal's (its delimiter, its column names, plus the connector's meta columns), so every route of a
// source goes through the same typed SQL pass and gives the same lake columns and quarantine reasons. Records
// refused before the CSV (unreadable JSON, schema violations) go to an NDJSON beside it (`x.csv` →
// `x.rejects.ndjson`: `_line`, `_reason`, `_origin`, `_raw_line`), which the parse reads into the quarantine. The
// two files hashed together are the input's identity in the lake: the same records give the same sha256.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { once } from 'node:events';

/** A record refused before it reached the staged CSV. */
export interface StagedReject {
  /** Where the record came from (URL or file name). */
  origin: string;
  /** Its line or position there (1-based), when known. */
  line: number | null;
  reason: string;
  /** The record as text. */
  raw: string;
}

export interface StagedCsvFile {
  csv: string;
  /** NDJSON of refused records, when any. */
  rejects: string | undefined;
  records: number;
  rejected: number;
  /** sha256 of the CSV and the rejects together. */
  sha256: string;
  bytes: number;
}

/**
 * One CSV record, `\n`-terminated: every non-empty value quoted (quotes doubled), null/undefined/'' empty.
 * @example csvLine(['a', 'diz "sim"', null], ';') // '"a";"diz ""sim""";\n'
 */
export function csvLine(values: readonly (string | null | undefined)[], delimiter: string): string {
  return `${values.map((v) => (v === null || v === undefined || v === '' ? '' : `"${v.replace(/"/g, '""')}"`)).join(delimiter)}\n`;
}

/**
 * Text of a JSON value for a staged CSV: strings as they are, numbers in their shortest round-trip decimal form
 * (never multiplied as floats: DuckDB's DECIMAL parses them exactly), null/undefined → null, objects as JSON.
 * @example jsonText(99000.3) // '99000.3'
 */
export function jsonText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Streams one staged CSV; refused records are kept for the rejects NDJSON written on close. */
export class StagedCsvWriter {
  private records = 0;
  private readonly rejected: StagedReject[] = [];

  private constructor(
    private readonly file: string,
    private readonly delimiter: string,
    private readonly out: WriteStream,
  ) {}

  /**
   * Opens `file` (a `.csv`) and writes its header.
   * @example const writer = await StagedCsvWriter.open('/tmp/run/tramitacoes.csv', ['id', '_origin'], ';')
   */
  static async open(file: string, header: readonly string[], delimiter: string): Promise<StagedCsvWriter> {
    const writer = new StagedCsvWriter(file, delimiter, createWriteStream(file));
    await writer.write(csvLine(header, delimiter));
    return writer;
  }

  /** Appends one record (values in header order). */
  async add(values: readonly (string | null | undefined)[]): Promise<void> {
    this.records++;
    await this.write(csvLine(values, this.delimiter));
  }

  reject(record: StagedReject): void {
    this.rejected.push(record);
  }

  /** Finishes the files and hashes them together. */
  async close(): Promise<StagedCsvFile> {
    this.out.end();
    await once(this.out, 'finish');
    let rejects: string | undefined;
    if (this.rejected.length > 0) {
      rejects = this.file.replace(/\.csv$/, '.rejects.ndjson');
      const lines = this.rejected.map((r) =>
        JSON.stringify({ _line: r.line, _reason: r.reason, _origin: r.origin, _raw_line: r.raw }),
      );
      await fs.writeFile(rejects, `${lines.join('\n')}\n`);
    }
    const hash = createHash('sha256');
    let bytes = 0;
    for (const file of rejects ? [this.file, rejects] : [this.file]) {
      for await (const chunk of createReadStream(file)) {
        hash.update(chunk as Buffer);
        bytes += (chunk as Buffer).length;
      }
    }
    return {
      csv: this.file,
      rejects,
      records: this.records,
      rejected: this.rejected.length,
      sha256: hash.digest('hex'),
      bytes,
    };
  }

  private async write(chunk: string): Promise<void> {
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}
