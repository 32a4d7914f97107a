import { describe, expect, it } from 'vitest';
import {
  Rng,
  cnpjCheckDigits,
  documentKind,
  formatBrl,
  formatDateBr,
  formatDocument,
  isValidCnpj,
  isValidCpf,
  parseDateTime,
  parseMoneyToCents,
  resolveConfig,
  stripDocumentMask,
} from './index.js';

describe('documents', () => {
  it('strips misplaced masks', () => {
    expect(stripDocumentMask('037.139.030/0010-8')).toBe('03713903000108');
  });
  it.each([
    ['11.222.333/0001-81', true],
    ['11222333000181', true],
    ['11222333000182', false],
    ['00000000000000', false],
    ['1122233300018', false],
  ])('CNPJ %s valid=%s', (doc, ok) => expect(isValidCnpj(doc)).toBe(ok));
  it.each([
    ['529.982.247-25', true],
    ['52998224725', true],
    ['52998224724', false],
    ['11111111111', false],
  ])('CPF %s valid=%s', (doc, ok) => expect(isValidCpf(doc)).toBe(ok));
  it('computes CNPJ check digits and classifies and masks documents', () => {
    expect(cnpjCheckDigits('112223330001')).toBe('81');
    expect(documentKind('037.139.030/0010-8')).toBe('cnpj');
    expect(documentKind('529.982.247-25')).toBe('cpf');
    expect(formatDocument('11222333000181')).toBe('11.222.333/0001-81');
    expect(formatDocument('52998224725')).toBe('***.982.247-**');
  });
});

describe('money', () => {
  it.each([
    ['111.3', 11130],
    ['1500', 150000],
    ['-320.55', -32055],
    ['111,30', 11130],
    ['1.234,56', 123456],
    ['0', 0],
    ['.5', 50],
    ['1.230', 123],
  ])('parses %s to %i cents', (s, cents) => expect(parseMoneyToCents(s)).toEqual({ ok: true, cents }));
  it.each([
    ['12,3x', 'is not a number'],
    ['', 'empty value'],
    ['1.234', 'more than 2 decimal places'],
    ['abc', 'is not a number'],
  ])('rejects %s (%s)', (s, reason) => {
    const r = parseMoneyToCents(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
  it('formats reais the Brazilian way', () => {
    expect(formatBrl(123456)).toBe('R$ 1.234,56');
    expect(formatBrl(-32055)).toBe('-R$ 320,55');
  });
});

describe('dates', () => {
  it.each([
    ['2019-01-16T00:00:00', '2019-01-16T00:00:00.000Z'],
    ['2017-04-26 00:00:00', '2017-04-26T00:00:00.000Z'],
    ['16/01/2019', '2019-01-16T00:00:00.000Z'],
    ['2019-02-28', '2019-02-28T00:00:00.000Z'],
  ])('parses %s', (s, iso) => expect(parseDateTime(s)?.toISOString()).toBe(iso));
  it.each(['2019-02-30', '31/04/2019', 'yesterday', '2019-13-01'])('rejects %s', (s) => {
    expect(parseDateTime(s)).toBeUndefined();
  });
  it('formats DD/MM/AAAA', () => expect(formatDateBr(new Date('2019-01-16T00:00:00Z'))).toBe('16/01/2019'));
});

describe('Rng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(sa);
  });
  it('draws uniform and normal values with the right moments', () => {
    const r = new Rng(7);
    const n = 20000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const x = r.normal(10, 2);
      sum += x;
      sq += x * x;
    }
    const mean = sum / n;
    expect(mean).toBeCloseTo(10, 1);
    expect(Math.sqrt(sq / n - mean * mean)).toBeCloseTo(2, 1);
    const ints = Array.from({ length: 1000 }, () => r.int(1, 6));
    expect(Math.min(...ints)).toBe(1);
    expect(Math.max(...ints)).toBe(6);
  });
});

describe('config', () => {
  it('reads HARDIN_HOME, port and tokens from the environment', () => {
    const c = resolveConfig(
      {},
      { HARDIN_HOME: '/tmp/h', HARDIN_PORT: '9000', HARDIN_API_TOKENS: 'a'.repeat(16) },
    );
    expect(c).toMatchObject({ home: '/tmp/h', port: 9000, apiTokens: ['a'.repeat(16)] });
  });
  it('names the bad setting and value', () => {
    expect(() => resolveConfig({}, { HARDIN_PORT: 'eighty' })).toThrow(/port: .*\(got "eighty"\)/);
    expect(() => resolveConfig({}, { HARDIN_API_TOKENS: 'short' })).toThrow(/apiTokens/);
  });
});
