import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSubquotaLimits, parseSubquotaLimits, resolveLimitsFile } from './subquota-limits.js';

describe('loadSubquotaLimits', () => {
  it('finds seeds/ceap_subquota_limits.csv from the module location', () => {
    expect(existsSync(resolveLimitsFile())).toBe(true);
  });

  it('returns the limit in force for an accounting month, inclusive windows', async () => {
    const limits = await loadSubquotaLimits();
    const cases: [number, number, number, number | undefined][] = [
      [120, 2015, 3, 1_000_000],
      [120, 2017, 4, 1_090_000],
      [120, 2017, 5, 1_271_300],
      [3, 2025, 6, 600_000],
      [122, 2025, 1, 270_000],
      [8, 2014, 5, 800_000],
      [137, 2015, 9, undefined],
      [137, 2015, 10, 769_716],
      [13, 2025, 1, undefined],
    ];
    for (const [sub, year, month, cents] of cases) expect(limits.limitFor(sub, year, month)).toBe(cents);
  });

  it('rejects a malformed month with the line number', () => {
    const text = 'subquota,label,valid_from,valid_to,limit_cents,source\n3,"FUEL, ETC",2015/09,,600000,x\n';
    expect(() => parseSubquotaLimits(text, 'limits.csv')).toThrow(
      /"2015\/09" is not a YYYY-MM month \(line 2 of limits.csv\)/,
    );
  });
});
