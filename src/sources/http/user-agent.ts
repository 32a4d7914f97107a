// The User-Agent every request of Hardin's sources sends, so that a portal sees who is asking (an anonymous
// `node` client is the first thing a portal's firewall blocks) — `hardin/0.1.0 (public open data research)`.
// HARDIN_USER_AGENT overrides it, e.g. to add a contact address; a client's `userAgent` option overrides both.
import { packageVersion } from '../../core/index.js';

let cached: string | undefined;

/**
 * HARDIN_USER_AGENT when set, else `hardin/<version> (public open data research)`.
 * @example defaultUserAgent() // 'hardin/0.1.0 (public open data research)'
 */
export function defaultUserAgent(): string {
  const fromEnv = process.env.HARDIN_USER_AGENT?.trim();
  if (fromEnv) return fromEnv;
  if (cached === undefined) {
    let version = '';
    try {
      version = `/${packageVersion()}`;
    } catch {
      // Outside the package (a bundled copy): the name alone still says who is asking.
    }
    cached = `hardin${version} (public open data research)`;
  }
  return cached;
}
