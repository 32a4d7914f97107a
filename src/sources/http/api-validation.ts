// Validation of API answers with zod 4, shared by the connectors: an envelope (the page or object around the
// records) that does not parse refuses the answer with a SchemaError; the records of a list are validated one by
// one, so a record that does not parse is set aside (for quarantine) and the others are kept. Every message names
// the field by its path from a label (`tramitacoes[1].sequencia`), echoes the value (clipped) and gives where it
// came from (a URL, or a file and line), prefixed with the connector's name.
import type { z } from 'zod';
import { SchemaError } from '../../core/index.js';

/** A record set aside because it does not match its schema; it goes to quarantine with `reason`. */
export interface ApiRejected {
  /** 1-based position in its list. */
  position: number;
  reason: string;
  /** The record as JSON. */
  raw: string;
}

export interface ApiValidated<T> {
  records: { position: number; record: T }[];
  rejected: ApiRejected[];
}

/**
 * Validates each item of a list on its own: valid items are kept (unknown fields included when the schema is
 * loose), the others set aside with a reason naming the field, the value and the URL.
 * @example validateApiItems('camara api', CamaraTramitacaoSchema, body.dados, url, 'tramitacoes')
 */
export function validateApiItems<T>(
  source: string,
  schema: z.ZodType<T>,
  items: readonly unknown[],
  url: string,
  label: string,
  firstPosition = 1,
): ApiValidated<T> {
  const out: ApiValidated<T> = { records: [], rejected: [] };
  items.forEach((item, i) => {
    const position = firstPosition + i;
    const parsed = schema.safeParse(item);
    if (parsed.success) out.records.push({ position, record: parsed.data });
    else {
      out.rejected.push({
        position,
        reason: describeApiIssues(source, parsed.error.issues, item, `${label}[${i}]`, url),
        raw: JSON.stringify(item) ?? 'undefined',
      });
    }
  });
  return out;
}

/**
 * Parses a whole answer (an envelope); a violation is a SchemaError naming the field, the value and the URL,
 * with the issues in `details`.
 * @example parseApiEnvelope('salic api', SalicPageSchema, body, url, 'projetos page')
 */
export function parseApiEnvelope<T>(
  source: string,
  schema: z.ZodType<T>,
  body: unknown,
  url: string,
  label: string,
): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new SchemaError(describeApiIssues(source, parsed.error.issues, body, label, url), {
    details: { url, issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) },
  });
}

/**
 * The first three issues as one message, e.g.
 * `camara api: tramitacoes[2].sequencia: expected number or string, got true (boolean) (at URL)`.
 */
export function describeApiIssues(
  source: string,
  issues: readonly z.core.$ZodIssue[],
  value: unknown,
  label: string,
  where: string,
): string {
  const parts = issues.slice(0, 3).map((issue) => {
    const field = [label, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))]
      .join('')
      .replace(/\.\[/g, '[');
    const got = at(value, issue.path);
    const expected = expectedOf(issue);
    const shown = got === undefined ? 'nothing (field missing)' : short(got);
    return `${field}: ${expected ? `expected ${expected}` : issue.message}, got ${shown}`;
  });
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return `${source}: ${parts.join('; ')}${more} (at ${where})`;
}

/** The three helpers with a connector's name bound, so the connector exports them under its own names. */
export interface ApiValidation {
  validateItems<T>(
    schema: z.ZodType<T>,
    items: readonly unknown[],
    url: string,
    label: string,
    firstPosition?: number,
  ): ApiValidated<T>;
  parseEnvelope<T>(schema: z.ZodType<T>, body: unknown, url: string, label: string): T;
  describeIssues(issues: readonly z.core.$ZodIssue[], value: unknown, label: string, where: string): string;
}

/**
 * {@link validateApiItems}, {@link parseApiEnvelope} and {@link describeApiIssues} for one connector.
 * @example export const parseCamaraEnvelope = apiValidation('camara api').parseEnvelope
 */
export function apiValidation(source: string): ApiValidation {
  return {
    validateItems: (schema, items, url, label, firstPosition = 1) =>
      validateApiItems(source, schema, items, url, label, firstPosition),
    parseEnvelope: (schema, body, url, label) => parseApiEnvelope(source, schema, body, url, label),
    describeIssues: (issues, value, label, where) => describeApiIssues(source, issues, value, label, where),
  };
}

function expectedOf(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'invalid_type') return issue.expected;
  if (issue.code === 'invalid_union') {
    const kinds = issue.errors.flatMap((errs) =>
      errs.flatMap((e) => (e.code === 'invalid_type' ? [e.expected] : [])),
    );
    return kinds.length > 0 ? [...new Set(kinds)].join(' or ') : undefined;
  }
  // `.positive()`: say it in words; other bounds keep zod's own message (`Too small: expected number to be >=0`).
  if (issue.code === 'too_small' && Number(issue.minimum) === 0 && !issue.inclusive)
    return 'a positive number';
  if (issue.code === 'invalid_format') return issue.message.replace(/^Invalid string: /, 'a string that ');
  return undefined;
}

function at(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function short(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  const shown = json.length > 60 ? `${json.slice(0, 60)}…` : json;
  return kind === 'string' || kind === 'null' ? shown : `${shown} (${kind})`;
}
