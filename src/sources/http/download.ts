// File downloads for every source (CEAP yearly zips, the Câmara's bulk proposition files): Node fetch, retries
// with exponential backoff + seeded jitter on 429/5xx/timeouts/network errors honouring Retry-After (retry.ts),
// streamed to a temp file renamed into place when complete, so a cut download never looks finished.
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { HardinError, Rng } from '../../core/index.js';
import {
  RETRYABLE_STATUSES,
  describeFetchError,
  parseRetryAfter,
  realSleep,
  retry,
  type AttemptOutcome,
} from './retry.js';
import { defaultUserAgent } from './user-agent.js';

export interface DownloadOptions {
  /** Attempts in total (default 5). */
  attempts?: number;
  /** First backoff in ms (default 500), doubled each retry, with ±50% jitter. */
  baseDelayMs?: number;
  /** Upper bound of one wait, including Retry-After (default 60 s). */
  maxDelayMs?: number;
  /** Abort one attempt after this many ms without completing (default 120 s). */
  timeoutMs?: number;
  /** Sent as User-Agent (default {@link defaultUserAgent}). */
  userAgent?: string;
  /** Called with received bytes and total (when the server says). */
  onProgress?: (received: number, total: number | undefined) => void;
  onRetry?: (attempt: number, reason: string, delayMs: number) => void;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  seed?: number;
}

const DEFAULTS = { attempts: 5, baseDelayMs: 500, maxDelayMs: 60_000, timeoutMs: 120_000 } as const;

/**
 * Downloads `url` to `target`; returns the byte count. Throws a HardinError('HTTP') naming the URL and status.
 * @example await downloadToFile('https://www.camara.leg.br/cotas/Ano-2019.csv.zip', 'downloads/Ano-2019.csv.zip')
 */
export async function downloadToFile(
  url: string,
  target: string,
  options: DownloadOptions = {},
): Promise<number> {
  const attempts = options.attempts ?? DEFAULTS.attempts;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const headers = { 'user-agent': options.userAgent ?? defaultUserAgent() };
  await fs.mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.part`;
  const once = async (): Promise<AttemptOutcome<number>> => {
    try {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) {
        await response.body?.cancel();
        const reason = `HTTP ${response.status} ${response.statusText}`.trim();
        if (response.status === 404) throw new HardinError('HTTP', `${url}: not found (HTTP 404)`);
        if (!RETRYABLE_STATUSES.has(response.status)) throw new HardinError('HTTP', `${url}: ${reason}`);
        return { failed: reason, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) };
      }
      if (!response.body) throw new HardinError('HTTP', `${url}: empty response body`);
      const total = Number(response.headers.get('content-length')) || undefined;
      let received = 0;
      const body = Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
      body.on('data', (chunk: Buffer) => {
        received += chunk.length;
        options.onProgress?.(received, total);
      });
      await pipeline(body, createWriteStream(tmp));
      if (total !== undefined && received !== total) {
        throw new Error(`truncated body: received ${received} of ${total} bytes`);
      }
      await fs.rename(tmp, target);
      return { value: received };
    } catch (error) {
      await fs.rm(tmp, { force: true });
      if (error instanceof HardinError) throw error;
      return { failed: describeFetchError(error, timeoutMs) };
    }
  };
  const policy = {
    attempts,
    baseDelayMs: options.baseDelayMs ?? DEFAULTS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULTS.maxDelayMs,
    rng: new Rng(options.seed ?? 1),
    sleep: options.sleep ?? realSleep,
    onRetry: options.onRetry,
  };
  return retry(
    policy,
    once,
    (lastError) =>
      new HardinError('HTTP', `${url}: gave up after ${attempts} attempts; last error: ${lastError}`, {
        details: { url, attempts, lastError },
      }),
  );
}
