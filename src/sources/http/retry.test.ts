import { describe, expect, it } from 'vitest';
import { Rng } from '../../core/index.js';
import { describeFetchError, parseRetryAfter, retry, retryDelayMs, type AttemptOutcome } from './retry.js';

describe('retryDelayMs', () => {
  it('doubles from the base with a jitter in [0.5, 1.5), capped, and the same seed gives the same waits', () => {
    const waits = (seed: number) => {
      const rng = new Rng(seed);
      return [1, 2, 3, 4].map((n) => retryDelayMs(n, { baseDelayMs: 100, maxDelayMs: 60_000 }, rng));
    };
    const a = waits(3);
    a.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(100 * 2 ** i * 0.5);
      expect(ms).toBeLessThan(100 * 2 ** i * 1.5);
      expect(Number.isInteger(ms)).toBe(true);
    });
    expect(waits(3)).toEqual(a);
    expect(waits(4)).not.toEqual(a);
    expect(retryDelayMs(20, { baseDelayMs: 100, maxDelayMs: 5000 }, new Rng(1))).toBe(5000);
  });

  it('takes Retry-After over the backoff, capped too, and still draws the jitter', () => {
    const rng = new Rng(9);
    const twin = new Rng(9);
    expect(retryDelayMs(1, { baseDelayMs: 100, maxDelayMs: 60_000 }, rng, 2000)).toBe(2000);
    expect(retryDelayMs(1, { baseDelayMs: 100, maxDelayMs: 1000 }, rng, 2000)).toBe(1000);
    twin.next();
    twin.next();
    expect(rng.next()).toBe(twin.next());
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const cases: [string | null, number | undefined][] = [
      ['7', 7000],
      [' 0 ', 0],
      ['Thu, 01 Jan 2026 00:00:10 GMT', 10_000],
      ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
      ['soon', undefined],
      ['', undefined],
      [null, undefined],
    ];
    for (const [value, ms] of cases) expect(parseRetryAfter(value, now)).toBe(ms);
  });
});

describe('describeFetchError', () => {
  it('says a timeout in ms, and names a network error with its cause', () => {
    expect(describeFetchError(new DOMException('x', 'TimeoutError'), 300)).toBe('timed out after 300 ms');
    const refused = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
    expect(describeFetchError(refused, 300)).toBe(
      'TypeError: fetch failed (connect ECONNREFUSED 127.0.0.1:9)',
    );
    expect(describeFetchError('boom', 300)).toBe('boom');
  });
});

describe('retry', () => {
  const base = { attempts: 4, baseDelayMs: 10, maxDelayMs: 1000 };

  function scripted<T>(outcomes: AttemptOutcome<T>[]) {
    const seen: number[] = [];
    return {
      seen,
      attempt: async (n: number) => {
        seen.push(n);
        const next = outcomes.shift();
        if (!next) throw new Error('no more outcomes');
        return next;
      },
    };
  }

  it('tries again after failures, waiting between attempts, and returns the first value', async () => {
    const sleeps: number[] = [];
    const retries: [number, string, number][] = [];
    const run = scripted<string>([
      { failed: 'HTTP 503' },
      { failed: 'HTTP 429', retryAfterMs: 700 },
      { value: 'ok' },
    ]);
    const value = await retry(
      {
        ...base,
        rng: new Rng(1),
        sleep: async (ms) => void sleeps.push(ms),
        onRetry: (n, reason, ms) => void retries.push([n, reason, ms]),
      },
      run.attempt,
      (why) => new Error(why),
    );
    expect(value).toBe('ok');
    expect(run.seen).toEqual([1, 2, 3]);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]).toBe(700);
    expect(retries.map(([n, reason]) => [n, reason])).toEqual([
      [1, 'HTTP 503'],
      [2, 'HTTP 429'],
    ]);
    expect(retries.map(([, , ms]) => ms)).toEqual(sleeps);
  });

  it('gives up after the last attempt with its reason, without waiting after it', async () => {
    const sleeps: number[] = [];
    const run = scripted<string>([{ failed: 'a' }, { failed: 'b' }, { failed: 'c' }, { failed: 'last one' }]);
    await expect(
      retry(
        { ...base, rng: new Rng(1), sleep: async (ms) => void sleeps.push(ms) },
        run.attempt,
        (why) => new Error(`gave up: ${why}`),
      ),
    ).rejects.toThrow('gave up: last one');
    expect(run.seen).toEqual([1, 2, 3, 4]);
    expect(sleeps).toHaveLength(3);
  });

  it('lets an error thrown by an attempt through at once (not worth another attempt)', async () => {
    const run = scripted<string>([]);
    const attempt = async (n: number) => {
      await run.attempt(n).catch(() => undefined);
      throw new Error('HTTP 400: bad request');
    };
    await expect(
      retry({ ...base, rng: new Rng(1), sleep: async () => {} }, attempt, () => new Error('never')),
    ).rejects.toThrow('HTTP 400: bad request');
    expect(run.seen).toEqual([1]);
  });
});
