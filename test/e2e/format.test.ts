// Unit tests for the dashboard's pt-BR display helpers (web/src/format.ts). They live here because the root
// Vitest config only collects src/** and test/**; the browser tests import the same helpers.
import { describe, expect, it } from 'vitest';
import {
  EMPTY,
  formatBrl,
  formatBrlCompact,
  formatByUnit,
  formatBytes,
  formatCount,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatDocument,
  formatDocumentType,
  formatDuration,
  formatInteger,
  formatMonth,
  formatNumber,
  formatPartyUf,
  formatPercent,
  formatRatio,
  formatRelative,
  formatScore,
  formatShare,
  humanizeKey,
  monthName,
  orEmpty,
  utcInstant,
} from '../../web/src/format.js';
import { logTicks, makeScale, niceTicks } from '../../web/src/components/chart-scales.js';

describe('format', () => {
  describe('formatBrl', () => {
    const cases: [number, string][] = [
      [0, 'R$ 0,00'],
      [1, 'R$ 0,01'],
      [99, 'R$ 0,99'],
      [123456, 'R$ 1.234,56'],
      [600000, 'R$ 6.000,00'],
      [123456789012, 'R$ 1.234.567.890,12'],
      [-25050, '-R$ 250,50'],
    ];
    for (const [cents, text] of cases) {
      it(`formats ${cents} cents as "${text}"`, () => {
        expect(formatBrl(cents)).toBe(text);
      });
    }

    it('shows the placeholder for a missing amount', () => {
      expect(formatBrl(null)).toBe(EMPTY);
      expect(formatBrl(undefined)).toBe(EMPTY);
    });

    it('uses a plain space after R$, never a no-break space', () => {
      expect(formatBrl(100)).not.toMatch(/[\u00a0\u202f]/);
    });
  });

  describe('formatInteger and formatDecimal', () => {
    it('groups thousands with a dot', () => {
      expect(formatInteger(0)).toBe('0');
      expect(formatInteger(1234)).toBe('1.234');
      expect(formatInteger(1234567)).toBe('1.234.567');
      expect(formatInteger(-4321)).toBe('-4.321');
    });

    it('rounds to whole numbers', () => {
      expect(formatInteger(1234.6)).toBe('1.235');
    });

    it('writes decimals with a comma and fixed digits', () => {
      expect(formatDecimal(0.8512, 2)).toBe('0,85');
      expect(formatDecimal(1234.5, 1)).toBe('1.234,5');
      expect(formatDecimal(2, 2)).toBe('2,00');
    });

    it('writes fractions as whole percentages', () => {
      expect(formatPercent(0.855)).toBe('86%');
      expect(formatPercent(1)).toBe('100%');
    });
  });

  describe('formatDate', () => {
    it('writes a calendar date as DD/MM/AAAA without shifting it by time zone', () => {
      expect(formatDate('2025-03-04')).toBe('04/03/2025');
      expect(formatDate('2025-01-01')).toBe('01/01/2025');
      expect(formatDate('2019-01-16T00:00:00')).toBe('16/01/2019');
    });

    it('converts instants to Brasília time (UTC−3)', () => {
      expect(formatDate('2025-03-01T01:30:00Z')).toBe('28/02/2025');
      expect(formatDate('2025-03-01T01:30:00Z', 'UTC')).toBe('01/03/2025');
    });

    it('shows the placeholder for a missing date and echoes unparseable text', () => {
      expect(formatDate(null)).toBe(EMPTY);
      expect(formatDate(undefined)).toBe(EMPTY);
      expect(formatDate('ontem')).toBe('ontem');
    });
  });

  describe('formatDateTime', () => {
    it('writes instants as DD/MM/AAAA HH:MM in Brasília time, 24 h', () => {
      expect(formatDateTime('2025-04-02T13:05:00Z')).toBe('02/04/2025 10:05');
      expect(formatDateTime('2025-04-02T23:59:00.123Z')).toBe('02/04/2025 20:59');
      expect(formatDateTime('2025-04-02T12:00:00+02:00')).toBe('02/04/2025 07:00');
    });

    it('honours an explicit time zone', () => {
      expect(formatDateTime('2025-04-02T13:05:00Z', 'UTC')).toBe('02/04/2025 13:05');
    });

    it('takes zone-less timestamps literally', () => {
      expect(formatDateTime('2025-04-02T08:15:00')).toBe('02/04/2025 08:15');
      expect(formatDateTime('2025-04-02')).toBe('02/04/2025 00:00');
    });

    it('shows the placeholder for null', () => {
      expect(formatDateTime(null)).toBe(EMPTY);
    });
  });

  describe('formatRelative', () => {
    const now = new Date('2025-04-04T12:00:00Z');
    const cases: [string, string][] = [
      ['2025-04-01T12:00:00Z', 'há 3 dias'],
      ['2025-04-03T12:00:00Z', 'ontem'],
      ['2025-04-04T10:00:00Z', 'há 2 horas'],
      ['2025-04-04T11:59:30Z', 'este minuto'],
      ['2024-04-01T12:00:00Z', 'ano passado'],
    ];
    for (const [value, text] of cases) {
      it(`says "${text}" for ${value}`, () => {
        expect(formatRelative(value, now)).toBe(text);
      });
    }
  });

  describe('months, sizes and durations', () => {
    it('writes accounting months as MM/AAAA', () => {
      expect(formatMonth(2025, 3)).toBe('03/2025');
      expect(formatMonth('2017-05')).toBe('05/2017');
      expect(monthName(3)).toBe('março');
      expect(monthName(12)).toBe('dezembro');
    });

    it('writes byte counts with binary units and a decimal comma', () => {
      expect(formatBytes(512)).toBe('512 B');
      expect(formatBytes(1536)).toBe('1,5 KB');
      expect(formatBytes(48 * 1024 * 1024)).toBe('48 MB');
      expect(formatBytes(1234 * 1024 ** 3)).toBe('1,2 TB');
    });

    it('writes durations in the largest sensible unit', () => {
      expect(formatDuration(850)).toBe('850 ms');
      expect(formatDuration(1500)).toBe('1,5 s');
      expect(formatDuration(83_000)).toBe('1 min 23 s');
      expect(formatDuration(2 * 3600_000 + 5 * 60_000)).toBe('2 h 5 min');
    });
  });

  describe('documents and people', () => {
    it('masks CNPJs and CPFs, including badly masked input', () => {
      expect(formatDocument('03713903000108')).toBe('03.713.903/0001-08');
      expect(formatDocument('037.139.030/0010-8')).toBe('03.713.903/0001-08');
      expect(formatDocument('12345678901')).toBe('123.456.789-01');
      expect(formatDocument('SEM CNPJ')).toBe('SEM CNPJ');
      expect(formatDocument(null)).toBe(EMPTY);
    });

    it('names CEAP document types', () => {
      expect(formatDocumentType(0)).toBe('Nota fiscal');
      expect(formatDocumentType(1)).toBe('Recibo');
      expect(formatDocumentType(4)).toBe('Nota fiscal eletrônica');
      expect(formatDocumentType(9)).toBe('Tipo 9');
      expect(formatDocumentType(null)).toBe(EMPTY);
    });

    it('pairs counts with the right noun', () => {
      expect(formatCount(1, 'linha', 'linhas')).toBe('1 linha');
      expect(formatCount(0, 'linha', 'linhas')).toBe('0 linhas');
      expect(formatCount(1234, 'linha', 'linhas')).toBe('1.234 linhas');
    });

    it('joins party and state, skipping what is missing', () => {
      expect(formatPartyUf('PT', 'SP')).toBe('PT-SP');
      expect(formatPartyUf(null, 'SP')).toBe('SP');
      expect(formatPartyUf(null, null)).toBe(EMPTY);
      expect(orEmpty('')).toBe(EMPTY);
      expect(orEmpty(0)).toBe('0');
    });
  });

  describe('detector explanations and the ranking', () => {
    it('formats a number by its explanation unit', () => {
      expect(formatByUnit(123456, 'cents')).toBe('R$ 1.234,56');
      expect(formatByUnit(1234.4, 'count')).toBe('1.234');
      expect(formatByUnit(0.125, 'ratio')).toBe('12,5%');
      expect(formatByUnit(30, 'none')).toBe('30');
      expect(formatByUnit(8.4213, 'unknown-unit')).toBe('8,42');
      expect(formatByUnit(null, 'cents')).toBe(EMPTY);
      expect(formatByUnit(Number.NaN, 'cents')).toBe(EMPTY);
    });

    it('writes ratios, plain numbers, scores and shares', () => {
      expect(formatRatio(0.1234)).toBe('12,3%');
      expect(formatRatio(1.5)).toBe('150%');
      expect(formatNumber(1234.5)).toBe('1.234,5');
      expect(formatNumber(3)).toBe('3');
      expect(formatScore(12.345)).toBe('12,35');
      expect(formatScore(null)).toBe(EMPTY);
      expect(formatShare(1, 8)).toBe('12,5%');
      expect(formatShare(748297, 24784749)).toBe('3,0%');
      expect(formatShare(5, 0)).toBe(EMPTY);
    });

    it('writes short amounts for chart axes', () => {
      expect(formatBrlCompact(4500)).toBe('R$ 45');
      expect(formatBrlCompact(123456)).toBe('R$ 1,2 mil');
      expect(formatBrlCompact(0)).toBe('R$ 0');
    });

    it('turns field names into words', () => {
      expect(humanizeKey('expectedCheckDigits')).toBe('Expected check digits');
      expect(humanizeKey('limit_cents')).toBe('Limit');
      expect(humanizeKey('someNewFieldCents')).toBe('Some new field');
      expect(humanizeKey('robustZ')).toBe('Robust z');
      expect(humanizeKey('cents')).toBe('Cents');
    });

    it('reads zone-less warehouse timestamps as UTC', () => {
      expect(utcInstant('2026-01-01 00:02:00')).toBe('2026-01-01T00:02:00Z');
      expect(utcInstant('2026-01-01T00:02:00Z')).toBe('2026-01-01T00:02:00Z');
      expect(utcInstant('2026-01-01T00:02:00-03:00')).toBe('2026-01-01T00:02:00-03:00');
      expect(utcInstant(null)).toBeNull();
      expect(formatDateTime(utcInstant('2026-01-01 00:02:00'))).toBe('31/12/2025 21:02');
    });
  });

  describe('chart scales', () => {
    it('picks round ticks', () => {
      expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
      expect(niceTicks(0, 790179, 4)).toEqual([0, 200000, 400000, 600000]);
      expect(logTicks(1000, 128000)).toEqual([1000, 2000, 5000, 10000, 20000, 50000, 100000]);
      expect(logTicks(1, 1e9)).toEqual([1, 10, 100, 1000, 10000, 100000, 1e6, 1e7, 1e8, 1e9]);
    });

    it('maps values to pixels, linearly or on a log axis', () => {
      const linear = makeScale(0, 100, 0, 200);
      expect(linear(50)).toBe(100);
      const log = makeScale(10, 1000, 0, 200, true);
      expect(log(100)).toBeCloseTo(100);
      expect(log(0)).toBe(0); // clamped to the minimum
    });
  });
});
