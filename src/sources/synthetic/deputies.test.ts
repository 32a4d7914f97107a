import { describe, expect, it } from 'vitest';
import { legislatureOf, RosterBook, SEAT_COUNT } from './deputies.js';
import { UF_SEATS } from './geo.js';

describe('rosters', () => {
  it('starts legislatures on 1 February of 2015, 2019, 2023', () => {
    expect(legislatureOf(2008, 6)).toBe(53);
    expect(legislatureOf(2019, 1)).toBe(55);
    expect(legislatureOf(2019, 2)).toBe(56);
    expect(legislatureOf(2025, 12)).toBe(57);
    expect(legislatureOf(2027, 2)).toBe(58);
  });

  it('seats 513 deputies with the real seats per UF and distinct ids', () => {
    const roster = new RosterBook(42).roster(57);
    expect(roster.deputies).toHaveLength(SEAT_COUNT);
    expect(SEAT_COUNT).toBe(513);
    for (const [uf, seats] of UF_SEATS)
      expect(roster.deputies.filter((d) => d.sgUF === uf)).toHaveLength(seats);
    const ids = [...roster.deputies, ...roster.leaderships].map((d) => d.nuDeputadoId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(roster.deputies.map((d) => d.ideCadastro)).size).toBe(SEAT_COUNT);
    expect(
      roster.leaderships.every((l) => l.sgUF === 'NA' && l.ideCadastro === '' && l.sgPartido === ''),
    ).toBe(true);
  });

  it('keeps re-elected deputies and their ids from one legislature to the next', () => {
    const book = new RosterBook(42);
    const before = new Set(book.roster(56).deputies.map((d) => d.nuDeputadoId));
    const kept = book.roster(57).deputies.filter((d) => before.has(d.nuDeputadoId)).length;
    expect(kept / SEAT_COUNT).toBeGreaterThan(0.45);
    expect(kept / SEAT_COUNT).toBeLessThan(0.65);
  });
});
