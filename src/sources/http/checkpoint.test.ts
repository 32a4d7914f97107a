import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../../test/helpers/tmp.js';
import { fileCheckpoint, memoryCheckpoint } from './checkpoint.js';

interface State {
  format: 'test-checkpoint/1';
  next: number;
  complete: boolean;
}

const isValid = (v: unknown): v is State =>
  !!v &&
  typeof v === 'object' &&
  (v as State).format === 'test-checkpoint/1' &&
  Number.isInteger((v as State).next);

describe('fileCheckpoint', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeDir(dir);
  });
  const store = (file: string) =>
    fileCheckpoint({ file, source: 'test api', format: 'test-checkpoint/1', isValid });

  it('is empty before the first save, then loads what was saved, written atomically', async () => {
    const file = path.join(dir, 'checkpoint.json');
    const checkpoint = store(file);
    expect(await checkpoint.load()).toBeUndefined();
    await checkpoint.save({ format: 'test-checkpoint/1', next: 3, complete: false });
    await checkpoint.save({ format: 'test-checkpoint/1', next: 6, complete: true });
    expect(await store(file).load()).toEqual({ format: 'test-checkpoint/1', next: 6, complete: true });
    // Temp + rename: nothing but the checkpoint is left in the folder.
    expect(await fs.readdir(dir)).toEqual(['checkpoint.json']);
  });

  it('refuses a file that is not JSON or not this format, telling to delete it', async () => {
    const file = path.join(dir, 'checkpoint.json');
    await fs.writeFile(file, '{"format": "test-check');
    await expect(store(file).load()).rejects.toMatchObject({
      code: 'SOURCE',
      message: `test api: checkpoint ${file} is not valid JSON; delete it to start over`,
    });
    await fs.writeFile(file, JSON.stringify({ format: 'other/1', next: 1 }));
    await expect(store(file).load()).rejects.toThrow(
      `test api: checkpoint ${file} is not a test-checkpoint/1 file; delete it to start over`,
    );
  });
});

describe('memoryCheckpoint', () => {
  it('keeps copies: mutating a loaded or saved state does not change what was saved', async () => {
    const checkpoint = memoryCheckpoint<State>();
    expect(await checkpoint.load()).toBeUndefined();
    const state: State = { format: 'test-checkpoint/1', next: 3, complete: false };
    await checkpoint.save(state);
    state.next = 99;
    const loaded = await checkpoint.load();
    loaded!.next = 42;
    expect(checkpoint.current).toEqual({ format: 'test-checkpoint/1', next: 3, complete: false });
  });
});
