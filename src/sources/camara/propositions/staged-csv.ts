// Staged files: records that did not come as a bulk CSV (API answers, tramitações JSON Lines) are written as a
// `;`-separated CSV with the bulk files' column names plus `_origin` and `_line`, so every route goes through the
// same typed SQL pass and gives the same lake columns and quarantine reasons. Records refused before the CSV
// (unreadable JSON, schema violations) go to an NDJSON beside it, read into the quarantine by the parse. The
// writing and hashing are the shared staged-CSV writer's (../../csv/staged-writer.ts).
import {
  StagedCsvWriter,
  csvLine,
  jsonText,
  type StagedCsvFile,
  type StagedReject,
} from '../../csv/index.js';
import { PROPOSITION_DATASETS, PROPOSITION_STAGED_META, type PropositionDataset } from './columns.js';

/** A staged row: column name → text (null = empty). */
export type PropositionStagedRow = Record<string, string | null | undefined>;

export type PropositionRejected = StagedReject;

export interface StagedPropositionFile extends StagedCsvFile {
  dataset: PropositionDataset;
}

/** One `;` CSV record, every value quoted (quotes doubled), empty values left empty, `\n`-terminated. */
export function camaraCsvLine(values: readonly (string | null | undefined)[]): string {
  return csvLine(values, ';');
}

/** Text of a JSON scalar: numbers in their shortest round-trip form, null/undefined → null, objects as JSON. */
export const camaraText = jsonText;

/** Streams one dataset's staged CSV (../../csv/staged-writer.ts) with the dataset's columns, `_origin` and `_line`. */
export class StagedPropositionWriter {
  private constructor(
    private readonly dataset: PropositionDataset,
    private readonly header: readonly string[],
    private readonly writer: StagedCsvWriter,
  ) {}

  /** Opens `file` (a `.csv`) for the dataset and writes its header. */
  static async open(file: string, dataset: PropositionDataset): Promise<StagedPropositionWriter> {
    const header = [...PROPOSITION_DATASETS[dataset].columns.map((c) => c.name), ...PROPOSITION_STAGED_META];
    return new StagedPropositionWriter(dataset, header, await StagedCsvWriter.open(file, header, ';'));
  }

  async add(row: PropositionStagedRow, origin: string, line: number | null): Promise<void> {
    await this.writer.add(
      this.header.map((h) =>
        h === '_origin' ? origin : h === '_line' ? (line === null ? null : String(line)) : row[h],
      ),
    );
  }

  reject(record: PropositionRejected): void {
    this.writer.reject(record);
  }

  /** Finishes the files and hashes them together. */
  async close(): Promise<StagedPropositionFile> {
    return { dataset: this.dataset, ...(await this.writer.close()) };
  }
}
