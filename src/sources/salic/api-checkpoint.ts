// The resumable checkpoint of a paged SALIC listing: the next offset to read, saved after each page has been
// handed to (and durably written by) the consumer, through the shared checkpoint stores (../http/checkpoint.ts:
// atomic file, or memory). A crashed run resumes at that offset; a page written but not yet checkpointed is
// fetched again on resume, so consumers write each page idempotently (one file per offset).
import { fileCheckpoint, memoryCheckpoint, type CheckpointStore } from '../http/index.js';

export interface SalicCheckpoint {
  format: 'hardin-salic-checkpoint/1';
  /** The listing this checkpoint belongs to: resuming another listing from it would skip or repeat records. */
  baseUrl: string;
  since: string | null;
  /** Offset of the first record not yet handed to the consumer. */
  nextOffset: number;
  /** `total` as the API last reported it. */
  total: number | null;
  pages: number;
  /** The listing was read to its end. */
  complete: boolean;
}

export type SalicCheckpointStore = CheckpointStore<SalicCheckpoint>;

/** A checkpoint kept in a JSON file, written atomically (temp + fsync + rename). */
export function salicFileCheckpoint(file: string): SalicCheckpointStore {
  return fileCheckpoint({ file, source: 'salic api', format: 'hardin-salic-checkpoint/1', isValid });
}

/** A checkpoint kept in memory (tests, one-shot reads); `current` shows the last saved state. */
export function salicMemoryCheckpoint(initial?: SalicCheckpoint): SalicCheckpointStore & {
  current: SalicCheckpoint | undefined;
} {
  return memoryCheckpoint(initial);
}

function isValid(value: unknown): value is SalicCheckpoint {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    v.format === 'hardin-salic-checkpoint/1' &&
    typeof v.baseUrl === 'string' &&
    Number.isInteger(v.nextOffset) &&
    typeof v.complete === 'boolean'
  );
}
