// Money as integer cents. The open data writes values with a decimal point ("111.3"), with a decimal comma
// ("111,30"), or with a thousands dot and decimal comma ("1.234,56"); we never go through floating point.

export type ParsedMoney = { ok: true; cents: number } | { ok: false; reason: string };

const POINT = /^([+-])?(\d*)(?:\.(\d*))?$/;
const COMMA = /^([+-])?(\d{1,3}(?:\.\d{3})+|\d*)(?:,(\d*))?$/;

/**
 * Parses a money string to integer cents.
 * @example parseMoneyToCents('1.234,56') // { ok: true, cents: 123456 }
 */
export function parseMoneyToCents(input: string): ParsedMoney {
  const s = input.trim();
  if (s === '') return { ok: false, reason: 'empty value' };
  const m = s.includes(',') ? COMMA.exec(s) : POINT.exec(s);
  if (!m) return { ok: false, reason: `"${input}" is not a number` };
  const sign = m[1] === '-' ? -1 : 1;
  const whole = (m[2] ?? '').replace(/\./g, '');
  const frac = m[3] ?? '';
  if (whole === '' && frac === '') return { ok: false, reason: `"${input}" is not a number` };
  if (frac.length > 2 && /[1-9]/.test(frac.slice(2))) {
    return { ok: false, reason: `"${input}" has more than 2 decimal places` };
  }
  const cents = Number(whole || '0') * 100 + Number((frac + '00').slice(0, 2));
  if (!Number.isSafeInteger(cents)) return { ok: false, reason: `"${input}" is out of range` };
  return { ok: true, cents: sign * cents };
}

// Created on first use: building a pt-BR formatter loads ICU locale data (25–90 ms here), which every command
// would otherwise pay at start, `hardin serve` included (issue #4).
let brl: Intl.NumberFormat | undefined;

/** Formats cents as Brazilian reais: 123456 → "R$ 1.234,56". */
export function formatBrl(cents: number): string {
  brl ??= new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });
  return brl.format(cents / 100).replace(/\u00a0/g, ' ');
}
