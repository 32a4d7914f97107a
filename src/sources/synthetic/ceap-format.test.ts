import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CEAP_COLUMNS, formatCeapDocument, formatCeapMoney } from './ceap-format.js';

const REAL = path.resolve(fileURLToPath(new URL('../../../../shared/data/real/ceap/', import.meta.url)));

function realHeader(file: string): string[] {
  const first = readFileSync(path.join(REAL, file), 'utf8').split('\n', 1)[0] ?? '';
  return first
    .replace(/^\uFEFF/, '')
    .split(';')
    .map((f) => f.replace(/^"|"$/g, ''));
}

describe('formatCeapMoney', () => {
  const cases: [number, boolean, string][] = [
    [11130, false, '111.3'],
    [150000, false, '1500'],
    [-32055, false, '-320.55'],
    [5, false, '0.05'],
    [0, false, '0'],
    [100, false, '1'],
    [11130, true, '111,30'],
    [150000, true, '1500,00'],
    [-5, true, '-0,05'],
  ];
  for (const [cents, comma, text] of cases) {
    it(`writes ${cents} cents as "${text}"${comma ? ' with a decimal comma' : ''}`, () => {
      expect(formatCeapMoney(cents, comma)).toBe(text);
    });
  }
});

describe('formatCeapDocument', () => {
  it('writes the misplaced mask of the 2019 files for CNPJs and CPFs', () => {
    expect(formatCeapDocument('03713903000108', 50, '2019')).toBe('037.139.030/0010-8');
    expect(formatCeapDocument('12345678909', 50, '2019')).toBe('123.456.789/09  -');
  });

  it('writes bare digits, the proper mask or the misplaced mask by roll in the current vintage', () => {
    expect(formatCeapDocument('03713903000108', 10, 'current')).toBe('03713903000108');
    expect(formatCeapDocument('03713903000108', 75, 'current')).toBe('03.713.903/0001-08');
    expect(formatCeapDocument('12345678909', 75, 'current')).toBe('123.456.789-09');
    expect(formatCeapDocument('03713903000108', 95, 'current')).toBe('037.139.030/0010-8');
  });

  it('keeps an empty document empty', () => {
    expect(formatCeapDocument('', 95, 'current')).toBe('');
  });
});

describe('CEAP_COLUMNS', () => {
  it('has 32, 31, 29, 30 and 30 columns for current, 2020, 2019, 2017 and 2017-comma', () => {
    expect(CEAP_COLUMNS.current).toHaveLength(32);
    expect(CEAP_COLUMNS['2020']).toHaveLength(31);
    expect(CEAP_COLUMNS['2020']).not.toContain('datPagamentoRestituicao');
    expect(CEAP_COLUMNS['2019']).toHaveLength(29);
    expect(CEAP_COLUMNS['2017']).toHaveLength(30);
    expect(CEAP_COLUMNS['2017-comma']).toContain('idecadastro');
    expect(CEAP_COLUMNS['2017-comma']).not.toContain('ideCadastro');
  });

  it.skipIf(!existsSync(REAL))(
    `matches the headers of the real 2019 and 2017 samples${existsSync(REAL) ? '' : ` — SKIPPED: ${REAL} not found`}`,
    () => {
      expect(CEAP_COLUMNS['2019']).toEqual(realHeader('Ano-2019-extract.csv'));
      expect(CEAP_COLUMNS['2017']).toEqual(realHeader('Ano-2017-sample.csv'));
    },
  );
});
