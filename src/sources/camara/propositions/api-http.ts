// The Câmara API v2's HTTP client (DOMAIN.md §1.2): the shared JSON client (../../http/api-client.ts: pace,
// retries honouring Retry-After, timeouts, truncated-body detection, User-Agent) with the Câmara's profile — 5
// requests/s by default against the portal's 30 per IP (more is refused), 90 s per attempt (late pages take
// 40–60 s), 1 s first backoff, 403 retried (the portal's firewall blocks bursts for a while; 429 comes as an HTML
// page) and problem bodies `{status, title, detail}`. A 404 is an answer: the caller decides whether a missing
// proposition is an error.
import { ApiClient, type ApiClientOptions, type ApiProfile, type ApiResponse } from '../../http/index.js';

export type CamaraHttpOptions = ApiClientOptions;
export type CamaraResponse = ApiResponse;

export const CAMARA_API_PROFILE: ApiProfile = {
  name: 'camara api',
  accept: 'application/json',
  defaults: { requestsPerSecond: 5, attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000, timeoutMs: 90_000 },
  maxRequestsPerSecond: { value: 30, why: "the portal's limit per IP" },
  alsoRetry: { 403: "the portal's firewall blocked the client" },
  /** `Parâmetro inválido — O parâmetro 'itens' deve estar entre 1 e 100` from `{title, detail}`. */
  errorMessage: (body) => {
    if (!body || typeof body !== 'object') return undefined;
    const b = body as Record<string, unknown>;
    const parts = [b.title, b.detail].filter((p): p is string => typeof p === 'string' && p !== '');
    return parts.length > 0 ? parts.join(' — ') : undefined;
  },
};

/**
 * One client per run: it owns the pace, the jitter stream and the request count.
 * @example await new CamaraHttpClient().getJson('https://dadosabertos.camara.leg.br/api/v2/proposicoes/2190355')
 */
export class CamaraHttpClient extends ApiClient {
  constructor(options: CamaraHttpOptions = {}) {
    super(CAMARA_API_PROFILE, options);
  }
}
