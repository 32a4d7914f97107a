// HTTP downloads for every source: Node fetch, polite pacing, retries with exponential backoff + jitter on
// 429/5xx/timeouts/network errors honouring Retry-After, streamed to a temp file renamed into place when
// complete (a cut download never looks finished).
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HardinError, Rng } from '../core/index.js';

export interface DownloadOptions {
  /** Attempts in total (default 5). */
  attempts?: number;
  /** First backoff in ms (default 500), doubled each retry, with ±50% jitter. */
  baseDelayMs?: number;
  /** Upper bound of one wait, including Retry-After (default 60 s). */
  maxDelayMs?: number;
  /** Abort one attempt after this many ms without completing (default 120 s). */
  timeoutMs?: number;
  /** Called with received bytes and total (when the server says). */
  onProgress?: (received: number, total: number | undefined) => void;
  onRetry?: (attempt: number, reason: string, delayMs: number) => void;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  seed?: number;
}

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Downloads `url` to `target`; returns the byte count. Throws a HardinError('HTTP') naming the URL and status. */
export async function downloadToFile(
  url: string,
  target: string,
  options: DownloadOptions = {},
): Promise<number> {
  const attempts = options.attempts ?? 5;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const rng = new Rng(options.seed ?? 1);
  await fs.mkdir(path.dirname(target), { recursive: true });
  let lastReason = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const tmp = `${target}.part`;
    let retryAfterMs: number | undefined;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 120_000) });
      if (!response.ok) {
        await response.body?.cancel();
        lastReason = `HTTP ${response.status} ${response.statusText}`.trim();
        if (response.status === 404) throw new HardinError('HTTP', `${url}: not found (HTTP 404)`);
        if (!RETRYABLE.has(response.status)) throw new HardinError('HTTP', `${url}: ${lastReason}`);
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      } else {
        if (!response.body) throw new HardinError('HTTP', `${url}: empty response body`);
        const total = Number(response.headers.get('content-length')) || undefined;
        let received = 0;
        const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
        body.on('data', (chunk: Buffer) => {
          received += chunk.length;
          options.onProgress?.(received, total);
        });
        await pipeline(body, createWriteStream(tmp));
        if (total !== undefined && received !== total) {
          throw new Error(`truncated body: received ${received} of ${total} bytes`);
        }
        await fs.rename(tmp, target);
        return received;
      }
    } catch (error) {
      await fs.rm(tmp, { force: true });
      if (error instanceof HardinError) throw error;
      lastReason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    if (attempt === attempts) break;
    const backoff = (options.baseDelayMs ?? 500) * 2 ** (attempt - 1) * (0.5 + rng.next());
    const delay = Math.min(options.maxDelayMs ?? 60_000, retryAfterMs ?? backoff);
    options.onRetry?.(attempt, lastReason, delay);
    await sleep(delay);
  }
  throw new HardinError('HTTP', `${url}: gave up after ${attempts} attempts; last error: ${lastReason}`);
}

/** Retry-After as seconds or an HTTP date → milliseconds. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
