// Brazilian taxpayer ids: CNPJ (companies, 14 digits) and CPF (people, 11 digits). Masks in the open data are
// often misplaced (`037.139.030/0010-8` is CNPJ 03713903000108), so we strip every non-digit first.

/** Removes every non-digit character: `"037.139.030/0010-8"` → `"03713903000108"`. */
export function stripDocumentMask(value: string): string {
  return value.replace(/\D+/g, '');
}

/** True when `digits` (14 digits, no mask) has valid CNPJ check digits and is not a repeated digit. */
export function isValidCnpj(value: string): boolean {
  const digits = stripDocumentMask(value);
  if (digits.length !== 14 || /^(\d)\1{13}$/.test(digits)) return false;
  return digits.slice(12) === cnpjCheckDigits(digits.slice(0, 12));
}

/** True when `digits` (11 digits, no mask) has valid CPF check digits and is not a repeated digit. */
export function isValidCpf(value: string): boolean {
  const digits = stripDocumentMask(value);
  if (digits.length !== 11 || /^(\d)\1{10}$/.test(digits)) return false;
  return digits.slice(9) === cpfCheckDigits(digits.slice(0, 9));
}

/** The two check digits of a 12-digit CNPJ base. */
export function cnpjCheckDigits(base12: string): string {
  const w1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
  const w2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
  const d1 = mod11(base12, w1);
  const d2 = mod11(base12 + d1, w2);
  return `${d1}${d2}`;
}

/** The two check digits of a 9-digit CPF base. */
export function cpfCheckDigits(base9: string): string {
  const d1 = mod11(base9, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const d2 = mod11(base9 + d1, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return `${d1}${d2}`;
}

function mod11(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits.charCodeAt(i) - 48) * (weights[i] as number);
  const r = sum % 11;
  return r < 2 ? 0 : 11 - r;
}

export type DocumentKind = 'cnpj' | 'cpf' | 'unknown';

/** Classifies a (possibly masked) document by its digit count. */
export function documentKind(value: string): DocumentKind {
  const n = stripDocumentMask(value).length;
  return n === 14 ? 'cnpj' : n === 11 ? 'cpf' : 'unknown';
}

/** Masks a CPF for display (`***.456.789-**`); CNPJs are public and shown in full, formatted. */
export function formatDocument(value: string): string {
  const d = stripDocumentMask(value);
  if (d.length === 14)
    return `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-${d.slice(12)}`;
  if (d.length === 11) return `***.${d.slice(3, 6)}.${d.slice(6, 9)}-**`;
  return value;
}
