// The resumable checkpoint of a paged API listing, whatever its paging (SALIC offsets, Câmara date windows and
// `next` links): a small JSON state saved after each page has been handed to (and durably written by) the
// consumer. A crashed run resumes from it: pages before it are not fetched again (no duplicates), pages after it
// are (no gaps). A page written but not yet checkpointed is fetched again on resume, so consumers write each
// page idempotently (one file per page key). The file is written atomically (temp + fsync + rename): a crash
// while saving leaves the previous checkpoint, never half of one. The state's shape belongs to each connector;
// here it is only tagged (`format`) and checked before use.
import fs from 'node:fs/promises';
import { SourceError, writeFileAtomic } from '../../core/index.js';

export interface CheckpointStore<T> {
  load(): Promise<T | undefined>;
  save(checkpoint: T): Promise<void>;
}

export interface FileCheckpointOptions<T> {
  file: string;
  /** Prefix of messages, e.g. `salic api`. */
  source: string;
  /** The `format` tag the state carries, e.g. `hardin-salic-checkpoint/1`: named when a file is not one. */
  format: string;
  /** The connector's check of its state's shape. */
  isValid: (value: unknown) => value is T;
}

/**
 * A checkpoint kept in a JSON file, written atomically. A missing file is "no checkpoint"; an unreadable one
 * (not JSON, another format) is refused with a SourceError telling to delete it.
 * @example const store = fileCheckpoint({ file, source: 'salic api', format: 'hardin-salic-checkpoint/1', isValid })
 */
export function fileCheckpoint<T>(options: FileCheckpointOptions<T>): CheckpointStore<T> {
  const { file, source, format } = options;
  return {
    async load() {
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        throw new SourceError(`${source}: checkpoint ${file} is not valid JSON; delete it to start over`, {
          cause: error,
        });
      }
      if (!options.isValid(parsed)) {
        throw new SourceError(
          `${source}: checkpoint ${file} is not a ${format} file; delete it to start over`,
        );
      }
      return parsed;
    },
    async save(checkpoint) {
      await writeFileAtomic(file, `${JSON.stringify(checkpoint, null, 2)}\n`);
    },
  };
}

/**
 * A checkpoint kept in memory (tests, one-shot reads); `current` shows the last saved state. States are copied
 * in and out, as a file would: a caller mutating its state does not change what was saved.
 * @example const checkpoint = memoryCheckpoint<SalicCheckpoint>()
 */
export function memoryCheckpoint<T>(initial?: T): CheckpointStore<T> & { current: T | undefined } {
  const store = {
    current: initial,
    load: async () => (store.current === undefined ? undefined : structuredClone(store.current)),
    save: async (checkpoint: T) => {
      store.current = structuredClone(checkpoint);
    },
  };
  return store;
}
