// pt-BR display helpers for the dashboard: money in integer cents → "R$ 1.234,56", integers → "1.234",
// dates → "DD/MM/AAAA", instants → "DD/MM/AAAA HH:MM" in Brasília time. Pure and dependency-free, so the
// browser tests import the same functions to compute what a person should see.
//
// Decisions: Intl puts a no-break space after "R$"; we use a plain space (as src/core/money.ts does) so the
// text a person copies is the text they see, and keep it on one line with CSS instead. Instants are shown in
// America/Sao_Paulo whatever the viewer's zone: the data, the portals and the readers are Brazilian.

export const DISPLAY_TIME_ZONE = 'America/Sao_Paulo';
export const EMPTY = '—';

const LOCALE = 'pt-BR';
const BRL = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'BRL' });
const INTEGER = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const NBSP = /[\u00a0\u202f]/g;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/;
const MONTHS = [
  'janeiro',
  'fevereiro',
  'março',
  'abril',
  'maio',
  'junho',
  'julho',
  'agosto',
  'setembro',
  'outubro',
  'novembro',
  'dezembro',
];
const DOCUMENT_TYPES: Record<number, string> = {
  0: 'Nota fiscal',
  1: 'Recibo',
  2: 'Despesa no exterior',
  4: 'Nota fiscal eletrônica',
};

/**
 * Integer cents as Brazilian reais; the placeholder when the amount is missing.
 * @example formatBrl(123456) // "R$ 1.234,56"
 */
export function formatBrl(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return EMPTY;
  return BRL.format(cents / 100).replace(NBSP, ' ');
}

/**
 * An integer with pt-BR thousands separators.
 * @example formatInteger(1234) // "1.234"
 */
export function formatInteger(n: number): string {
  return INTEGER.format(n).replace(NBSP, ' ');
}

/**
 * A decimal number with a fixed number of fraction digits.
 * @example formatDecimal(0.8512, 2) // "0,85"
 */
export function formatDecimal(n: number, digits: number): string {
  return new Intl.NumberFormat(LOCALE, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(n);
}

/**
 * A fraction (0..1) as a whole percentage.
 * @example formatPercent(0.85) // "85%"
 */
export function formatPercent(fraction: number): string {
  return `${formatInteger(Math.round(fraction * 100))}%`;
}

/**
 * A fraction as a percentage with up to `digits` decimals (0,5% stays visible where a whole percent would not).
 * @example formatRatio(0.1234) // "12,3%"; formatRatio(1.5) // "150%"
 */
export function formatRatio(fraction: number, digits = 1): string {
  const text = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: digits }).format(fraction * 100);
  return `${text.replace(NBSP, ' ')}%`;
}

/**
 * A number with up to `digits` decimals and thousands separators (no trailing zeros).
 * @example formatNumber(1234.5) // "1.234,5"; formatNumber(3) // "3"
 */
export function formatNumber(n: number, digits = 2): string {
  return new Intl.NumberFormat(LOCALE, { maximumFractionDigits: digits }).format(n).replace(NBSP, ' ');
}

/**
 * A risk score with two decimals; the placeholder when there is none.
 * @example formatScore(12.345) // "12,35"
 */
export function formatScore(score: number | null | undefined): string {
  return typeof score === 'number' && Number.isFinite(score) ? formatDecimal(score, 2) : EMPTY;
}

/**
 * `part` as a percentage of `whole` (one decimal); the placeholder when `whole` is not positive.
 * @example formatShare(748297, 24784749) // "3,0%"; formatShare(1, 8) // "12,5%"
 */
export function formatShare(part: number, whole: number): string {
  return whole > 0 ? `${formatDecimal((part / whole) * 100, 1)}%` : EMPTY;
}

/**
 * Integer cents as a short amount for chart axes.
 * @example formatBrlCompact(123456) // "R$ 1,2 mil"; formatBrlCompact(4500) // "R$ 45"
 */
export function formatBrlCompact(cents: number): string {
  return new Intl.NumberFormat(LOCALE, {
    style: 'currency',
    currency: 'BRL',
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  })
    .format(cents / 100)
    .replace(NBSP, ' ');
}

/** The unit of a detector's number: money in cents, a count, a fraction, or a plain number. */
export type ValueUnit = 'cents' | 'count' | 'ratio' | 'none';

/**
 * A detector's number in its unit; unknown units are shown as plain numbers.
 * @example formatByUnit(123456, 'cents') // "R$ 1.234,56"; formatByUnit(0.25, 'ratio') // "25%"
 */
export function formatByUnit(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  switch (unit) {
    case 'cents':
      return formatBrl(Math.round(value));
    case 'count':
      return formatInteger(Math.round(value));
    case 'ratio':
      return formatRatio(value);
    default:
      return formatNumber(value);
  }
}

/**
 * A short form of `formatByUnit` for chart axes.
 * @example formatByUnitCompact(123456, 'cents') // "R$ 1,2 mil"
 */
export function formatByUnitCompact(value: number, unit: string): string {
  if (unit === 'cents') return formatBrlCompact(value);
  if (unit === 'ratio') return formatRatio(value, 0);
  return new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 })
    .format(value)
    .replace(NBSP, ' ');
}

/**
 * A camelCase or snake_case field name as words, first letter capitalised, a trailing "Cents" dropped.
 * @example humanizeKey('expectedCheckDigits') // "Expected check digits"; humanizeKey('limit_cents') // "Limit"
 */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (words.length > 1 && /^cents$/i.test(words[words.length - 1] ?? '')) words.pop();
  const text = words.map((w, i) => (i === 0 || !/^[A-Z]([a-z]|$)/.test(w) ? w : w.toLowerCase())).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A calendar date as DD/MM/AAAA. Date-only and zone-less strings are taken literally (no time-zone shift);
 * instants with "Z" or an offset are shown in Brasília time.
 * @example formatDate('2025-03-14') // "14/03/2025"
 */
export function formatDate(value: string | null | undefined, timeZone: string = DISPLAY_TIME_ZONE): string {
  if (!value) return EMPTY;
  const m = DATE_ONLY.exec(value);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  const parts = instantParts(value, timeZone);
  return parts ? `${parts.day}/${parts.month}/${parts.year}` : value;
}

/**
 * An instant as DD/MM/AAAA HH:MM (24 h) in Brasília time, or the given zone.
 * @example formatDateTime('2025-04-02T13:05:00Z') // "02/04/2025 10:05"
 */
export function formatDateTime(
  value: string | null | undefined,
  timeZone: string = DISPLAY_TIME_ZONE,
): string {
  if (!value) return EMPTY;
  const m = DATE_ONLY.exec(value);
  if (m) return `${m[3]}/${m[2]}/${m[1]} ${m[4] ?? '00'}:${m[5] ?? '00'}`;
  const parts = instantParts(value, timeZone);
  return parts ? `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}` : value;
}

/**
 * A zone-less timestamp the warehouse stored in UTC (DuckDB TIMESTAMP cast to text) as an ISO instant, so
 * `formatDateTime` shows it in Brasília time; strings that already carry a zone are returned unchanged.
 * @example utcInstant('2026-01-01 00:02:00') // "2026-01-01T00:02:00Z"
 */
export function utcInstant(value: string | null | undefined): string | null {
  if (!value) return null;
  if (/(Z|[+-]\d{2}(:?\d{2})?)$/.test(value.trim()) && /[T ]\d{2}:\d{2}/.test(value)) return value;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(value.trim());
  return m ? `${m[1]}T${m[2]}Z` : value;
}

/**
 * How long ago an instant was, in words.
 * @example formatRelative('2025-04-01T00:00:00Z', new Date('2025-04-04T00:00:00Z')) // "há 3 dias"
 */
export function formatRelative(value: string, now: Date = new Date()): string {
  const t = Date.parse(value);
  if (Number.isNaN(t)) return EMPTY;
  const seconds = (t - now.getTime()) / 1000;
  const rtf = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 365 * 86400],
    ['month', 30 * 86400],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(0, 'minute');
}

/**
 * An accounting month (CEAP `numMes`/`numAno`) as MM/AAAA; also accepts "2025-03".
 * @example formatMonth(2025, 3) // "03/2025"
 */
export function formatMonth(year: number | string, month?: number): string {
  if (typeof year === 'string') {
    const m = /^(\d{4})-(\d{2})$/.exec(year);
    return m ? `${m[2]}/${m[1]}` : year;
  }
  return `${String(month ?? 0).padStart(2, '0')}/${year}`;
}

/**
 * The Portuguese name of a month (1..12).
 * @example monthName(3) // "março"
 */
export function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

/**
 * A byte count with a binary unit and a decimal comma.
 * @example formatBytes(1536) // "1,5 KB"
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const text = unit === 0 ? formatInteger(value) : formatDecimal(value, value < 10 ? 1 : 0);
  return `${text} ${units[unit]}`;
}

/**
 * A duration in milliseconds, in the largest sensible unit.
 * @example formatDuration(83_000) // "1 min 23 s"
 */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${formatInteger(ms)} ms`;
  if (ms < 60_000) return `${formatDecimal(ms / 1000, 1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min ${seconds} s`;
}

/**
 * A CNPJ (14 digits) or CPF (11 digits) with its usual mask; anything else unchanged.
 * @example formatDocument('03713903000108') // "03.713.903/0001-08"
 */
export function formatDocument(value: string | null | undefined): string {
  if (!value) return EMPTY;
  const d = value.replace(/\D/g, '');
  if (d.length === 14)
    return `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-${d.slice(12)}`;
  if (d.length === 11) return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;
  return value;
}

/**
 * The CEAP document type (`indTipoDocumento`) in words.
 * @example formatDocumentType(4) // "Nota fiscal eletrônica"
 */
export function formatDocumentType(type: number | null | undefined): string {
  if (type === null || type === undefined) return EMPTY;
  return DOCUMENT_TYPES[type] ?? `Tipo ${type}`;
}

/**
 * Party and state as "PT-SP", skipping whichever is missing.
 * @example formatPartyUf('PT', 'SP') // "PT-SP"
 */
export function formatPartyUf(party: string | null | undefined, uf: string | null | undefined): string {
  const text = [party, uf].filter(Boolean).join('-');
  return text || EMPTY;
}

/**
 * A count with its noun, singular or plural.
 * @example formatCount(1, 'linha', 'linhas') // "1 linha"; formatCount(1234, 'linha', 'linhas') // "1.234 linhas"
 */
export function formatCount(n: number, singular: string, plural: string): string {
  return `${formatInteger(n)} ${n === 1 ? singular : plural}`;
}

/** A nullable value, or the em-dash placeholder. */
export function orEmpty(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? EMPTY : String(value);
}

function instantParts(value: string, timeZone: string) {
  const t = Date.parse(value);
  if (Number.isNaN(t)) return undefined;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(t));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}
