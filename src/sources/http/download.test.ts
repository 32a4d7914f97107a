// downloadToFile against a local server on 127.0.0.1 (never the internet); the CEAP route's own test is
// test/sources/ceap-download.test.ts.
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../../test/helpers/tmp.js';
import { downloadToFile } from './download.js';
import { defaultUserAgent } from './user-agent.js';

const BODY = Buffer.from('a;b\n1;2\n'.repeat(50));

describe('downloadToFile', () => {
  let dir: string;
  let server: http.Server | undefined;
  const seen: { agent: string | undefined }[] = [];

  beforeEach(async () => {
    dir = await makeTempDir();
    seen.length = 0;
  });
  afterEach(async () => {
    await stop();
    await removeDir(dir);
  });

  async function stop() {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  }

  /** A server answering each request with the next step: 'ok', 'cut' (fewer bytes than declared) or a status. */
  async function serve(steps: ('ok' | 'cut' | number)[]): Promise<string> {
    server = http.createServer((req, res) => {
      seen.push({ agent: req.headers['user-agent'] });
      const step = steps.shift() ?? 'ok';
      if (typeof step === 'number') {
        res.writeHead(step).end('no');
        return;
      }
      res.writeHead(200, { 'content-length': String(BODY.length) });
      if (step === 'cut') res.write(BODY.subarray(0, 100), () => res.destroy());
      else res.end(BODY);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/f.csv`;
  }

  it('sends the User-Agent, retries a cut body and a 503, and renames the complete file into place', async () => {
    const url = await serve(['cut', 503, 'ok']);
    const target = path.join(dir, 'sub', 'f.csv');
    const retries: string[] = [];
    const bytes = await downloadToFile(url, target, {
      sleep: async () => {},
      onRetry: (_n, reason) => void retries.push(reason),
    });
    expect(bytes).toBe(BODY.length);
    expect(await fs.readFile(target)).toEqual(BODY);
    expect(await fs.readdir(path.dirname(target))).toEqual(['f.csv']);
    expect(seen).toHaveLength(3);
    expect(seen.every((s) => s.agent === defaultUserAgent())).toBe(true);
    expect(retries[1]).toBe('HTTP 503 Service Unavailable');
  });

  it('gives up naming the URL and the last error, leaving no partial file; a 404 is not retried', async () => {
    const url = await serve([502, 502]);
    const target = path.join(dir, 'f.csv');
    await expect(
      downloadToFile(url, target, { attempts: 2, sleep: async () => {}, userAgent: 'ua-test' }),
    ).rejects.toThrow(`${url}: gave up after 2 attempts; last error: HTTP 502 Bad Gateway`);
    expect(seen.map((s) => s.agent)).toEqual(['ua-test', 'ua-test']);
    expect(await fs.readdir(dir)).toEqual([]);
    seen.length = 0;
    await stop();
    const missing = await serve([404]);
    await expect(downloadToFile(missing, target, { sleep: async () => {} })).rejects.toThrow(
      `${missing}: not found (HTTP 404)`,
    );
    expect(seen).toHaveLength(1);
  });
});
