import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { SchemaError } from '../../core/index.js';
import { describeApiIssues, parseApiEnvelope, validateApiItems } from './api-validation.js';

const Item = z.looseObject({
  id: z.number().int().positive(),
  code: z.union([z.number().int(), z.string()]).nullish(),
  count: z.number().int().nonnegative().nullish(),
  digits: z.string().regex(/^\d+$/, 'a string of digits').nullish(),
});
const URL = 'http://x/items?page=1';

describe('validateApiItems', () => {
  it('keeps valid items (unknown fields too) and sets aside the others with position, reason and raw JSON', () => {
    const { records, rejected } = validateApiItems(
      'test api',
      Item,
      [{ id: 1, extra: 'kept' }, { id: 0 }, { id: 3, code: true }, 'oops', { id: 5, digits: '12a' }],
      URL,
      'items',
      11,
    );
    expect(records).toEqual([{ position: 11, record: { id: 1, extra: 'kept' } }]);
    expect(rejected).toEqual([
      {
        position: 12,
        reason: `test api: items[1].id: expected a positive number, got 0 (number) (at ${URL})`,
        raw: '{"id":0}',
      },
      {
        position: 13,
        reason: `test api: items[2].code: expected number or string, got true (boolean) (at ${URL})`,
        raw: '{"id":3,"code":true}',
      },
      { position: 14, reason: `test api: items[3]: expected object, got "oops" (at ${URL})`, raw: '"oops"' },
      {
        position: 15,
        reason: `test api: items[4].digits: expected a string of digits, got "12a" (at ${URL})`,
        raw: '{"id":5,"digits":"12a"}',
      },
    ]);
  });

  it("keeps zod's words for other bounds, names a missing field, clips long values and counts further issues", () => {
    const count = Item.safeParse({ id: 1, count: -1 });
    expect(describeApiIssues('test api', count.error!.issues, { id: 1, count: -1 }, 'item', URL)).toBe(
      `test api: item.count: Too small: expected number to be >=0, got -1 (number) (at ${URL})`,
    );
    const value = { code: 'x'.repeat(100) };
    const many = z
      .object({ id: z.number(), code: z.number(), a: z.string(), b: z.string() })
      .safeParse(value);
    expect(describeApiIssues('test api', many.error!.issues, value, 'item', 'file.jsonl line 3')).toBe(
      `test api: item.id: expected number, got nothing (field missing); item.code: expected number, got "${'x'.repeat(59)}…; ` +
        'item.a: expected string, got nothing (field missing) (and 1 more) (at file.jsonl line 3)',
    );
  });
});

describe('parseApiEnvelope', () => {
  it('returns the parsed envelope, or throws a SchemaError naming the field, the value and the URL', () => {
    const Page = z.looseObject({ dados: z.array(z.unknown()) });
    expect(parseApiEnvelope('test api', Page, { dados: [1], links: [] }, URL, 'page')).toEqual({
      dados: [1],
      links: [],
    });
    let error: unknown;
    try {
      parseApiEnvelope('test api', Page, { data: [] }, URL, 'page');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SchemaError);
    expect(error).toMatchObject({
      message: `test api: page.dados: expected array, got nothing (field missing) (at ${URL})`,
      details: { url: URL, issues: [{ path: ['dados'] }] },
    });
  });
});
