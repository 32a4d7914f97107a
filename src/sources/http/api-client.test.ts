// The shared JSON client against a scripted `fetch` (no sockets): the connectors' own tests run it against fake
// portals on 127.0.0.1 (test/sources/salic-api.test.ts, test/sources/propositions-api.test.ts).
import { describe, expect, it } from 'vitest';
import { HardinError } from '../../core/index.js';
import { ApiClient, type ApiClientOptions, type ApiProfile } from './api-client.js';
import { defaultUserAgent } from './user-agent.js';

const PROFILE: ApiProfile = {
  name: 'test api',
  accept: 'application/json',
  defaults: { requestsPerSecond: 5, attempts: 3, baseDelayMs: 100, maxDelayMs: 60_000, timeoutMs: 1000 },
  maxRequestsPerSecond: { value: 30, why: 'the portal says so' },
  alsoRetry: { 403: 'firewall' },
  errorMessage: (body) =>
    body && typeof body === 'object' && typeof (body as { detail?: unknown }).detail === 'string'
      ? (body as { detail: string }).detail
      : undefined,
};

type Answer = { status: number; body: string; headers?: Record<string, string> } | Error;

/** A fetch answering from a script, recording the requests' headers. */
function scriptedFetch(answers: Answer[]) {
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(input), headers: { ...(init?.headers as Record<string, string>) } });
    const answer = answers.shift();
    if (!answer) throw new Error('script exhausted');
    if (answer instanceof Error) throw answer;
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

function client(answers: Answer[], options: ApiClientOptions = {}) {
  const script = scriptedFetch(answers);
  const sleeps: number[] = [];
  const reasons: string[] = [];
  const api = new ApiClient(PROFILE, {
    fetch: script.fetch,
    sleep: async (ms) => void sleeps.push(ms),
    now: () => 0,
    onRetry: (e) => void reasons.push(e.reason),
    ...options,
  });
  return { api, requests: script.requests, sleeps, reasons };
}

const ok = (body: unknown) => ({ status: 200, body: JSON.stringify(body) });

describe('ApiClient', () => {
  it('sends Accept and the User-Agent (default or given) and parses the JSON body', async () => {
    const { api, requests } = client([ok({ a: 1 }), ok([2])]);
    expect(await api.getJson('http://x/a')).toEqual({ url: 'http://x/a', status: 200, body: { a: 1 } });
    expect(requests[0]?.headers).toEqual({ accept: 'application/json', 'user-agent': defaultUserAgent() });
    expect(defaultUserAgent()).toMatch(/^hardin\/\d+\.\d+\.\d+ \(public open data research\)$/);
    const other = client([ok([2])], { userAgent: 'hardin-test (me@example.org)' });
    await other.api.getJson('http://x/b');
    expect(other.requests[0]?.headers['user-agent']).toBe('hardin-test (me@example.org)');
  });

  it('retries 5xx, the profile’s extra statuses with their note, a truncated body and invalid JSON', async () => {
    const { api, reasons, sleeps } = client(
      [
        { status: 503, body: JSON.stringify({ detail: 'maintenance' }), headers: { 'retry-after': '2' } },
        {
          status: 403,
          body: '<html><style>p{}</style><script>x()</script><h1>Blocked</h1><p>too many</p></html>',
        },
        { status: 200, body: '{"a":', headers: { 'content-length': '12' } },
        { status: 200, body: '{"a": [1, 2' },
        ok({ a: 3 }),
      ],
      { attempts: 5 },
    );
    expect((await api.getJson('http://x/p')).body).toEqual({ a: 3 });
    expect(reasons).toEqual([
      'HTTP 503: maintenance',
      'HTTP 403 (Blocked too many) (firewall)',
      'truncated body: received 5 of 12 bytes',
      'truncated or invalid JSON (11 bytes, ending "{\\"a\\": [1, 2")',
    ]);
    expect(sleeps[0]).toBe(2000);
    expect(api.requests).toBe(5);
  });

  it('gives up after the attempts with an HTTP error naming the URL, the last error and its kind', async () => {
    const cut = { status: 200, body: '{"dados": [', headers: {} };
    const { api } = client([cut, { ...cut }, { ...cut }]);
    const error = await api.getJson('http://x/cut').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HardinError);
    expect((error as HardinError).message).toBe(
      'test api: http://x/cut: gave up after 3 attempts; last error: truncated or invalid JSON (11 bytes, ending "{\\"dados\\": [")',
    );
    expect((error as HardinError).details).toMatchObject({
      url: 'http://x/cut',
      attempts: 3,
      failure: 'invalid-json',
      status: 200,
    });
    const short = client(
      Array.from({ length: 3 }, () => ({ status: 200, body: '{}', headers: { 'content-length': '9' } })),
    );
    await expect(short.api.getJson('http://x/short')).rejects.toMatchObject({
      code: 'HTTP',
      details: { failure: 'truncated' },
    });
    const down = client([
      new TypeError('fetch failed'),
      new TypeError('fetch failed'),
      new TypeError('fetch failed'),
    ]);
    await expect(down.api.getJson('http://x/down')).rejects.toMatchObject({
      message: 'test api: http://x/down: gave up after 3 attempts; last error: TypeError: fetch failed',
      details: { failure: 'network', status: undefined },
    });
  });

  it('answers a 404 when asked, else throws NotFoundError; other 4xx stop at once with the API message', async () => {
    const { api, requests } = client([
      { status: 404, body: JSON.stringify({ detail: 'no such page' }) },
      { status: 404, body: JSON.stringify({ detail: 'no such thing' }) },
      { status: 400, body: JSON.stringify({ detail: 'itens must be 1..100' }) },
    ]);
    expect(await api.getJson('http://x/1', { allowNotFound: true })).toEqual({
      url: 'http://x/1',
      status: 404,
      body: { detail: 'no such page' },
    });
    await expect(api.getJson('http://x/2')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'test api: http://x/2: not found (HTTP 404): no such thing',
    });
    await expect(api.getJson('http://x/3')).rejects.toMatchObject({
      code: 'HTTP',
      message: 'test api: http://x/3: HTTP 400: itens must be 1..100',
    });
    expect(requests).toHaveLength(3);
  });

  it('paces request starts 1/rate apart, retries included', async () => {
    let clock = 0;
    const starts: number[] = [];
    const script = scriptedFetch([ok(1), { status: 500, body: '' }, ok(2), ok(3)]);
    const api = new ApiClient(PROFILE, {
      requestsPerSecond: 4,
      baseDelayMs: 1,
      now: () => clock,
      sleep: async (ms) => void (clock += ms),
      fetch: (input, init) => {
        starts.push(clock);
        return script.fetch(input, init);
      },
    });
    await api.getJson('http://x/1');
    await api.getJson('http://x/2');
    await api.getJson('http://x/3');
    expect(starts).toEqual([0, 250, 500, 750]);
  });

  it('refuses a rate of 0 or above the portal’s limit, saying why', () => {
    expect(() => new ApiClient(PROFILE, { requestsPerSecond: 0 })).toThrow(
      'test api: requestsPerSecond 0 is not allowed: expected more than 0 and at most 30 (the portal says so)',
    );
    expect(() => new ApiClient(PROFILE, { requestsPerSecond: 31 })).toThrow(/at most 30/);
    const unbounded = { ...PROFILE, maxRequestsPerSecond: undefined };
    expect(() => new ApiClient(unbounded, { requestsPerSecond: -1 })).toThrow(
      'test api: requestsPerSecond -1 is not allowed: expected more than 0',
    );
    expect(new ApiClient(unbounded, { requestsPerSecond: 1e6 }).requests).toBe(0);
  });
});
