// Dates in the open data: ISO with "T" (CEAP since 2018), ISO with a space (CEAP 2017), DD/MM/YYYY (Senate).
// Parsed to UTC; a date without a time is midnight UTC.

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const BR = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Parses a date/datetime string to a UTC Date, or undefined when it is not a real calendar date. */
export function parseDateTime(input: string): Date | undefined {
  const s = input.trim();
  let y: number,
    mo: number,
    d: number,
    h = 0,
    mi = 0,
    se = 0;
  let m = ISO.exec(s);
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    [h, mi, se] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  } else if ((m = BR.exec(s))) {
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    [h, mi, se] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  } else return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return undefined;
  if (h > 23 || mi > 59 || se > 59) return undefined;
  return date;
}

/** `YYYY-MM-DD` of a UTC date. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `DD/MM/AAAA`, the Brazilian display format. */
export function formatDateBr(date: Date): string {
  const iso = isoDate(date);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
