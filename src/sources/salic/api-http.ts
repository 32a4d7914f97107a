// The SALIC API's HTTP client: the shared JSON client (../http/api-client.ts: pace, retries honouring
// Retry-After, timeouts, truncated-body detection, User-Agent) with SALIC's profile — a polite 5 requests/s by
// default, HAL JSON, and error bodies `{message, message_code}`. A 404 is an answer, not a failure (the API says
// "not found" for an empty page or a project without fundraising), so it is returned to the caller when asked.
import { ApiClient, type ApiClientOptions, type ApiProfile, type ApiResponse } from '../http/index.js';

export type SalicHttpOptions = ApiClientOptions;
export type SalicResponse = ApiResponse;

export const SALIC_API_PROFILE: ApiProfile = {
  name: 'salic api',
  accept: 'application/hal+json, application/json',
  defaults: { requestsPerSecond: 5, attempts: 5, baseDelayMs: 500, maxDelayMs: 60_000, timeoutMs: 30_000 },
  /** `Max limit paging exceeded` from `{message, message_code}`. */
  errorMessage: (body) =>
    body && typeof body === 'object' && 'message' in body && typeof body.message === 'string'
      ? body.message
      : undefined,
};

/**
 * One client per run: it owns the pace, the jitter stream and the request count.
 * @example await new SalicHttpClient().getJson('http://api.salic.cultura.gov.br/api/v1/projetos/?limit=100&offset=0')
 */
export class SalicHttpClient extends ApiClient {
  constructor(options: SalicHttpOptions = {}) {
    super(SALIC_API_PROFILE, options);
  }
}
