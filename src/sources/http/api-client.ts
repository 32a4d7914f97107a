// JSON over HTTP for the portals' APIs (SALIC HAL JSON, Câmara API v2): Node fetch with a User-Agent, a polite
// pace shared by every call made through one client (request starts at least 1/rate apart, retries included),
// one timeout per attempt (headers and body), and retries with exponential backoff + seeded jitter on the
// retryable statuses (retry.ts; a portal may add its own, e.g. the Câmara's firewall 403), timeouts, network
// errors and bodies that are truncated (shorter than their Content-Length) or not JSON (a cut JSON body),
// honouring Retry-After. A 404 is an answer, not a failure: returned when the caller asks, else a NotFoundError.
// Other 4xx stop at once with the API's own message. What differs between portals — the message prefix, the
// Accept header, the defaults, the rate limit, the shape of an error body — is a profile (ApiProfile).
import { HardinError, NotFoundError, Rng, UsageError } from '../../core/index.js';
import {
  RETRYABLE_STATUSES,
  describeFetchError,
  parseRetryAfter,
  realSleep,
  retry,
  type AttemptOutcome,
} from './retry.js';
import { defaultUserAgent } from './user-agent.js';

export interface ApiClientOptions {
  /** Upper bound of the request rate, retries included (default: the profile's). */
  requestsPerSecond?: number;
  /** Attempts per request in total (default 5). */
  attempts?: number;
  /** First backoff in ms (default: the profile's), doubled each retry, times a jitter in [0.5, 1.5). */
  baseDelayMs?: number;
  /** Upper bound of one wait, Retry-After included (default 60 s). */
  maxDelayMs?: number;
  /** One attempt (headers and body) is abandoned after this many ms (default: the profile's). */
  timeoutMs?: number;
  /** Seed of the jitter (default 1): runs are reproducible. */
  seed?: number;
  /** Sent as User-Agent (default {@link defaultUserAgent}: HARDIN_USER_AGENT or `hardin/<version> (…)`). */
  userAgent?: string;
  /** Injected for tests: waiting and a monotonic clock in ms. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  fetch?: typeof fetch;
  onRetry?: (event: { url: string; attempt: number; reason: string; delayMs: number }) => void;
}

/** What one portal's API client is: its name in messages, its defaults and its error-body shape. */
export interface ApiProfile {
  /** Prefix of every message, e.g. `salic api`. */
  name: string;
  /** The Accept header, e.g. `application/hal+json, application/json`. */
  accept: string;
  defaults: {
    requestsPerSecond: number;
    attempts: number;
    baseDelayMs: number;
    maxDelayMs: number;
    timeoutMs: number;
  };
  /** The portal's own limit: a higher `requestsPerSecond` is refused, the message saying why. */
  maxRequestsPerSecond?: { value: number; why: string };
  /** Statuses retried besides RETRYABLE_STATUSES, each with a note for the retry reason ('' for none). */
  alsoRetry?: Readonly<Record<number, string>>;
  /** The API's own message in a JSON error body (`{message}`, `{title, detail}`), when there is one. */
  errorMessage: (body: unknown) => string | undefined;
}

export interface ApiResponse {
  url: string;
  status: number;
  body: unknown;
}

/**
 * Why the last attempt failed, in the `details` of the HTTP error thrown after the last attempt:
 * `truncated` = fewer bytes than the Content-Length, `invalid-json` = a body that does not parse (a JSON body cut
 * short without a Content-Length lands here), `status` = a retryable HTTP status, `timeout`, `network`.
 */
export type ApiFailureKind = 'truncated' | 'invalid-json' | 'status' | 'timeout' | 'network';

type Normalised = Required<Omit<ApiClientOptions, 'onRetry' | 'seed'>> & Pick<ApiClientOptions, 'onRetry'>;

/** One client per run: it owns the pace, the jitter stream and the request count. */
export class ApiClient {
  /** HTTP requests sent, retries included. */
  requests = 0;
  private readonly options: Normalised;
  private readonly rng: Rng;
  private nextSlot = Number.NEGATIVE_INFINITY;

  constructor(
    readonly profile: ApiProfile,
    options: ApiClientOptions = {},
  ) {
    const d = profile.defaults;
    const rate = options.requestsPerSecond ?? d.requestsPerSecond;
    const max = profile.maxRequestsPerSecond;
    if (!(rate > 0) || (max !== undefined && rate > max.value)) {
      throw new UsageError(
        `${profile.name}: requestsPerSecond ${String(rate)} is not allowed: expected more than 0` +
          (max ? ` and at most ${max.value} (${max.why})` : ''),
      );
    }
    this.options = {
      requestsPerSecond: rate,
      attempts: Math.max(1, options.attempts ?? d.attempts),
      baseDelayMs: options.baseDelayMs ?? d.baseDelayMs,
      maxDelayMs: options.maxDelayMs ?? d.maxDelayMs,
      timeoutMs: options.timeoutMs ?? d.timeoutMs,
      userAgent: options.userAgent ?? defaultUserAgent(),
      sleep: options.sleep ?? realSleep,
      now: options.now ?? (() => performance.now()),
      fetch: options.fetch ?? globalThis.fetch,
      onRetry: options.onRetry,
    };
    this.rng = new Rng(options.seed ?? 1);
  }

  /**
   * GETs `url` and parses its JSON body, retrying transient failures. A 404 is returned when `allowNotFound`,
   * otherwise thrown as NotFoundError; other 4xx are thrown at once with the API's message. After the last
   * attempt, a HardinError('HTTP') names the URL and the last failure (`details.failure`: an ApiFailureKind).
   * @example await client.getJson('https://dadosabertos.camara.leg.br/api/v2/proposicoes/2190355/tramitacoes')
   */
  async getJson(url: string, { allowNotFound = false } = {}): Promise<ApiResponse> {
    const o = this.options;
    const name = this.profile.name;
    let failure: ApiFailureKind = 'network';
    let lastStatus: number | undefined;
    const once = async (): Promise<AttemptOutcome<ApiResponse>> => {
      await this.pace();
      this.requests++;
      let response: Response;
      let text: string;
      try {
        response = await o.fetch(url, {
          headers: { accept: this.profile.accept, 'user-agent': o.userAgent },
          signal: AbortSignal.timeout(o.timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        lastStatus = undefined;
        const reason = describeFetchError(error, o.timeoutMs);
        failure = reason.startsWith('timed out') ? 'timeout' : 'network';
        return { failed: reason };
      }
      lastStatus = response.status;
      if (response.status === 404) {
        if (allowNotFound) return { value: { url, status: 404, body: tryJson(text) } };
        throw new NotFoundError(`${name}: ${url}: not found (HTTP 404)${this.apiMessage(text)}`);
      }
      const note = this.profile.alsoRetry?.[response.status];
      if (RETRYABLE_STATUSES.has(response.status) || note !== undefined) {
        failure = 'status';
        return {
          failed: `HTTP ${response.status}${this.apiMessage(text)}${note ? ` (${note})` : ''}`,
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
        };
      }
      if (!response.ok) {
        throw new HardinError('HTTP', `${name}: ${url}: HTTP ${response.status}${this.apiMessage(text)}`, {
          details: { url, status: response.status },
        });
      }
      const declared = Number(response.headers.get('content-length'));
      const received = Buffer.byteLength(text);
      if (declared > 0 && received !== declared) {
        failure = 'truncated';
        return { failed: `truncated body: received ${received} of ${declared} bytes` };
      }
      try {
        return { value: { url, status: response.status, body: JSON.parse(text) as unknown } };
      } catch {
        failure = 'invalid-json';
        return {
          failed: `truncated or invalid JSON (${received} bytes, ending ${JSON.stringify(text.slice(-40))})`,
        };
      }
    };
    const policy = {
      ...o,
      rng: this.rng,
      onRetry: (attempt: number, reason: string, delayMs: number) =>
        o.onRetry?.({ url, attempt, reason, delayMs }),
    };
    return retry(
      policy,
      once,
      (lastError) =>
        new HardinError(
          'HTTP',
          `${name}: ${url}: gave up after ${o.attempts} attempts; last error: ${lastError}`,
          {
            details: { url, attempts: o.attempts, failure, status: lastStatus, lastError },
          },
        ),
    );
  }

  /** Waits for this request's slot: request starts are at least 1/rate seconds apart. */
  private async pace(): Promise<void> {
    const interval = 1000 / this.options.requestsPerSecond;
    const now = this.options.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + interval;
    if (slot > now) await this.options.sleep(slot - now);
  }

  /** `: <the API's message>` from a JSON error body, else a short text snippet of an HTML page ` (…)`. */
  private apiMessage(text: string): string {
    const own = this.profile.errorMessage(tryJson(text));
    if (own !== undefined) return `: ${own}`;
    const snippet = text
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80);
    return snippet ? ` (${snippet})` : '';
  }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
