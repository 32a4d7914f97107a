// The resumable checkpoint of a paged proposition listing: which date window is being read and the URL of the
// next page in it, saved after each page has been handed to (and durably written by) the consumer, through the
// shared checkpoint stores (../../http/checkpoint.ts: atomic file, or memory). A crashed run resumes at that page;
// a page written but not yet checkpointed is fetched again on resume, so consumers write each page idempotently
// (one file per window and page number).
import { fileCheckpoint, memoryCheckpoint, type CheckpointStore } from '../../http/index.js';

export interface CamaraListCheckpoint {
  format: 'hardin-camara-checkpoint/1';
  /** The listing this checkpoint belongs to: resuming another listing from it would skip or repeat records. */
  listing: string;
  /** The date windows of the listing, inclusive `YYYY-MM-DD` bounds. */
  windows: { start: string; end: string }[];
  /** The window being read. */
  windowIndex: number;
  /** URL of the next page to read in that window; null = its first page. */
  nextUrl: string | null;
  /** Pages already read in that window. */
  windowPages: number;
  /** Pages read in all, over every run. */
  pages: number;
  /** The listing was read to its end. */
  complete: boolean;
}

export type CamaraCheckpointStore = CheckpointStore<CamaraListCheckpoint>;

/** A checkpoint kept in a JSON file, written atomically (temp + fsync + rename). */
export function camaraFileCheckpoint(file: string): CamaraCheckpointStore {
  return fileCheckpoint({ file, source: 'camara api', format: 'hardin-camara-checkpoint/1', isValid });
}

/** A checkpoint kept in memory (tests, one-shot reads); `current` shows the last saved state. */
export function camaraMemoryCheckpoint(initial?: CamaraListCheckpoint): CamaraCheckpointStore & {
  current: CamaraListCheckpoint | undefined;
} {
  return memoryCheckpoint(initial);
}

function isValid(value: unknown): value is CamaraListCheckpoint {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    v.format === 'hardin-camara-checkpoint/1' &&
    typeof v.listing === 'string' &&
    Array.isArray(v.windows) &&
    Number.isInteger(v.windowIndex) &&
    (v.nextUrl === null || typeof v.nextUrl === 'string') &&
    typeof v.complete === 'boolean'
  );
}
