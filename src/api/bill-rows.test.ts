// Validation of the bills sent to the bill-outcome predict endpoint: good rows become snapshots cut at as_of,
// and every bad field is named with its path and value.
import { describe, expect, it } from 'vitest';
import { parseBillRows } from './bill-rows.js';

const good = {
  bill_id: 7,
  type_code: 'PL',
  author_kind: 'deputy',
  presented_at: '2023-03-01',
  events: [
    {
      occurred_at: '2023-05-01T10:00:00Z',
      organ: 'CCJC',
      organ_kind: 'committee',
      rapporteur_designation: true,
    },
    { occurred_at: '2023-03-01 09:00', organ: 'MESA', organ_kind: 'mesa', situation_code: 1000 },
    { occurred_at: '2024-01-01', organ: 'PLEN', organ_kind: 'plenary', plenary_approval: true },
  ],
};

describe('parseBillRows', () => {
  it('orders the events, cuts them at as_of and reads dates without an offset as UTC', () => {
    const { snapshots, errors } = parseBillRows([{ ...good, as_of: '2023-06-01' }]);
    expect(errors).toEqual([]);
    const [s] = snapshots;
    expect(s!.cutoff).toBe(Date.UTC(2023, 5, 1));
    expect(s!.events.map((e) => e.organ)).toEqual(['MESA', 'CCJC']);
    expect(s!.events[0]!.at).toBe(Date.UTC(2023, 2, 1, 9, 0));
    expect(s!.events[1]!.rapporteurDesignation).toBe(true);
    expect(s!.history.presentedAt).toBe(Date.UTC(2023, 2, 1));
    expect(s!.history.authorsCount).toBe(1);
    // without as_of: the latest event
    expect(parseBillRows([good]).snapshots[0]!.cutoff).toBe(Date.UTC(2024, 0, 1));
  });

  it('names every bad field with its path and value', () => {
    const { snapshots, errors } = parseBillRows([
      {
        ...good,
        color: 'red',
        presented_at: '01/03/2023',
        events: [{ occurred_at: 'ontem', organ_kind: 'senado', situation_code: '1000', law: 'sim' }],
      },
      { type_code: 'PL', presented_at: '2023-01-01', events: [] },
      { ...good, as_of: '2020-01-01' },
    ]);
    expect(snapshots).toEqual([]);
    const byParam = Object.fromEntries(errors.map((e) => [e.parameter, e.message]));
    expect(byParam['rows[0].color']).toBe('is not a field of a bill');
    expect(byParam['rows[0].presented_at']).toContain('"01/03/2023"');
    expect(byParam['rows[0].events[0].occurred_at']).toContain('"ontem"');
    expect(byParam['rows[0].events[0].organ_kind']).toContain('"senado"');
    expect(byParam['rows[0].events[0].situation_code']).toContain('"1000"');
    expect(byParam['rows[0].events[0].law']).toContain('"sim"');
    expect(byParam['rows[1].events']).toContain('non-empty array');
    expect(byParam['rows[2].as_of']).toContain('no event happened at or before 2020-01-01');
  });
});
