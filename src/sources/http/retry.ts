// The retry policy every HTTP call of the sources shares (ARCHITECTURE.md "Sources"): which answers are worth
// another attempt, how long to wait before it (exponential backoff times a seeded jitter, or the server's
// Retry-After, capped), and how to say why an attempt failed. The file downloader and the JSON API client both
// use it, so a portal is treated alike whichever route reads it.
import type { Rng } from '../../core/index.js';

/** Statuses that mean "try again later": request timeout, too early, too many requests, and the transient 5xx. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504]);

export interface BackoffOptions {
  /** First backoff in ms, doubled each retry, times a jitter in [0.5, 1.5). */
  baseDelayMs: number;
  /** Upper bound of one wait, Retry-After included. */
  maxDelayMs: number;
}

/**
 * The wait in whole ms before the attempt after `attempt` (1-based): the server's Retry-After when it gave one,
 * else `baseDelayMs · 2^(attempt-1) · jitter`, capped at `maxDelayMs`. The jitter is drawn on every call, so the
 * waits of a run depend on its seed alone, not on which answers carried a Retry-After.
 * @example retryDelayMs(2, { baseDelayMs: 500, maxDelayMs: 60_000 }, new Rng(1)) // 500..1499
 */
export function retryDelayMs(
  attempt: number,
  options: BackoffOptions,
  rng: Rng,
  retryAfterMs?: number,
): number {
  const backoff = options.baseDelayMs * 2 ** (attempt - 1) * (0.5 + rng.next());
  return Math.round(Math.min(options.maxDelayMs, retryAfterMs ?? backoff));
}

/** One attempt's outcome: a value, or why it failed (worth another attempt) and the server's Retry-After. */
export type AttemptOutcome<T> = { value: T } | { failed: string; retryAfterMs?: number | undefined };

export interface RetryOptions extends BackoffOptions {
  /** Attempts in total. */
  attempts: number;
  /** The jitter stream (seeded by the caller: same seed, same waits). */
  rng: Rng;
  sleep: (ms: number) => Promise<void>;
  /** Told before each wait: the attempt that failed, why, and the wait. */
  onRetry?: ((attempt: number, reason: string, delayMs: number) => void) | undefined;
}

/**
 * Runs `attempt(1)`, `attempt(2)`, … until one gives a value, waiting {@link retryDelayMs} between them. What an
 * attempt throws is final (a 404, a 400: not worth another attempt) and passes through; after the last failed
 * attempt, the error of `giveUp(lastReason)` is thrown.
 * @example await retry({ attempts: 5, baseDelayMs: 500, maxDelayMs: 60_000, rng, sleep }, tryOnce, (why) => new Error(why))
 */
export async function retry<T>(
  options: RetryOptions,
  attempt: (n: number) => Promise<AttemptOutcome<T>>,
  giveUp: (lastReason: string) => Error,
): Promise<T> {
  let lastReason = '';
  for (let n = 1; n <= options.attempts; n++) {
    const outcome = await attempt(n);
    if ('value' in outcome) return outcome.value;
    lastReason = outcome.failed;
    if (n === options.attempts) break;
    const delayMs = retryDelayMs(n, options, options.rng, outcome.retryAfterMs);
    options.onRetry?.(n, lastReason, delayMs);
    await options.sleep(delayMs);
  }
  throw giveUp(lastReason);
}

/**
 * Retry-After as seconds or an HTTP date → milliseconds from `now`; undefined when absent or unreadable.
 * @example parseRetryAfter('7') // 7000
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Why a fetch threw: `timed out after 30000 ms`, or the error and its cause (`TypeError: fetch failed (…)`). */
export function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError')
      return `timed out after ${timeoutMs} ms`;
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.name}: ${error.message}${cause}`;
  }
  return String(error);
}

/** Waits `ms` on the real clock (tests inject their own). */
export function realSleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}
