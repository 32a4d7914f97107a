import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ingestCeap } from '../../src/pipelines/index.js';
import { parseRetryAfter } from '../../src/sources/index.js';
import { startFakePortal, type Fault, type FakePortal } from '../helpers/fake-portal.js';
import { REPO_ROOT } from '../helpers/shared-data.js';
import { makeTempDir, removeDir } from '../helpers/tmp.js';

async function zipOf(file: string, entry: string): Promise<Buffer> {
  const { default: yazl } = await import('yazl');
  return new Promise((resolve) => {
    const zip = new yazl.ZipFile();
    zip.addFile(file, entry);
    zip.end();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

describe('ingest camara ceap --year against a fake portal', () => {
  let zip: Buffer;
  let home: string;
  let portal: FakePortal | undefined;
  const sleeps: number[] = [];
  const download = { sleep: async (ms: number) => void sleeps.push(ms), timeoutMs: 500, baseDelayMs: 100 };

  beforeAll(async () => {
    zip = await zipOf(path.join(REPO_ROOT, 'test/fixtures/ceap/current-32.csv'), 'Ano-2024.csv');
  });
  beforeEach(async () => {
    home = await makeTempDir();
    sleeps.length = 0;
  });
  afterEach(async () => {
    await portal?.close();
    portal = undefined;
    await removeDir(home);
  });

  async function run(faults: Fault[]) {
    portal = await startFakePortal({ '/cotas/Ano-2024.csv.zip': zip }, { '/cotas/Ano-2024.csv.zip': faults });
    return ingestCeap({ home, year: 2024, baseUrl: `${portal.url}/cotas`, download });
  }

  it('downloads, unzips and ingests the year', async () => {
    const result = await run([]);
    expect(result).toMatchObject({ status: 'written', year: 2024, rows: 3 });
    expect(result.input.url).toMatch(/\/cotas\/Ano-2024\.csv\.zip$/);
    expect(portal?.requests).toEqual(['/cotas/Ano-2024.csv.zip']);
  });

  it('retries a 429 with an HTML body honouring Retry-After, then 5xx, then succeeds', async () => {
    const result = await run([
      { kind: 'status', status: 429, html: true, retryAfter: '2' },
      { kind: 'status', status: 503 },
      { kind: 'status', status: 500 },
    ]);
    expect(result.rows).toBe(3);
    expect(portal?.requests).toHaveLength(4);
    expect(sleeps[0]).toBe(2000);
    expect(sleeps).toHaveLength(3);
  });

  it('retries a truncated body and a stalled connection (timeout)', async () => {
    const result = await run([
      { kind: 'truncate', bytes: 100 },
      { kind: 'stall', ms: 2000 },
    ]);
    expect(result.rows).toBe(3);
    expect(portal?.requests).toHaveLength(3);
  });

  it('gives up after the attempts with the URL and last error, leaving nothing behind', async () => {
    const faults: Fault[] = Array.from({ length: 5 }, () => ({ kind: 'status', status: 502 }) as Fault);
    await expect(run(faults)).rejects.toThrow(
      /Ano-2024\.csv\.zip: gave up after 5 attempts; last error: HTTP 502/,
    );
    expect(await fs.readdir(path.join(home, 'lake/_staging'))).toEqual([]);
  });

  it('does not retry a 404 and says which year is missing', async () => {
    portal = await startFakePortal({});
    await expect(ingestCeap({ home, year: 2031, baseUrl: `${portal.url}/cotas`, download })).rejects.toThrow(
      /Ano-2031\.csv\.zip: not found \(HTTP 404\)/,
    );
    expect(portal.requests).toHaveLength(1);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
