// Validates the bills a client sends to POST /api/v1/models/bill-outcome/predict and turns them into the snapshots
// the model reads: the bill's static facts and its tramitação events (the marts.tramitacao_events fields, snake
// case), seen at `as_of` (default: its latest event). Every problem is reported with its path
// (`rows[0].events[3].occurred_at`), the bad value and what was expected; nothing is guessed.
import type { BillEvent, BillHistory, BillSnapshot } from '../pipelines/index.js';

export interface RowError {
  parameter: string;
  message: string;
}

const ORGAN_KINDS = ['plenary', 'mesa', 'committee', 'coordination'];
const ROW_KEYS = new Set([
  'bill_id',
  'type_code',
  'author_kind',
  'author_party',
  'author_uf',
  'main_theme',
  'authors_count',
  'presented_at',
  'as_of',
  'events',
]);
const EVENT_KEYS = new Set([
  'occurred_at',
  'organ',
  'organ_kind',
  'situation_code',
  'action_code',
  'regime',
  'appreciation',
  'opinion',
  'urgency_approval',
  'urgency_regime',
  'rapporteur_designation',
  'plenary_approval',
  'law',
]);
export const MAX_EVENTS_PER_BILL = 2000;

/**
 * @example const { snapshots, errors } = parseBillRows([{ type_code: 'PL', presented_at: '2023-03-01', events: [...] }]);
 */
export function parseBillRows(rows: readonly Record<string, unknown>[]): {
  snapshots: BillSnapshot[];
  errors: RowError[];
} {
  const errors: RowError[] = [];
  const snapshots: BillSnapshot[] = [];
  rows.forEach((row, i) => {
    const at = `rows[${i}]`;
    const before = errors.length;
    const fail = (field: string, message: string) => errors.push({ parameter: `${at}.${field}`, message });
    for (const key of Object.keys(row)) if (!ROW_KEYS.has(key)) fail(key, 'is not a field of a bill');
    const typeCode = text(row.type_code, 'type_code', fail, true);
    const presentedAt = instant(row.presented_at, 'presented_at', fail, true);
    const asOfGiven = instant(row.as_of, 'as_of', fail, false);
    const authorsCount = row.authors_count ?? 1;
    if (typeof authorsCount !== 'number' || !Number.isInteger(authorsCount) || authorsCount < 0) {
      fail('authors_count', `expected an integer ≥ 0, got ${show(authorsCount)}`);
    }
    const billId = row.bill_id ?? 0;
    if (typeof billId !== 'number' || !Number.isSafeInteger(billId)) {
      fail('bill_id', `expected an integer, got ${show(billId)}`);
    }
    const events: BillEvent[] = [];
    if (!Array.isArray(row.events) || row.events.length === 0) {
      fail('events', `expected a non-empty array of tramitação events, got ${show(row.events)}`);
    } else if (row.events.length > MAX_EVENTS_PER_BILL) {
      fail('events', `${row.events.length} events; at most ${MAX_EVENTS_PER_BILL} per bill`);
    } else {
      row.events.forEach((raw: unknown, k: number) => {
        const e = parseEvent(raw, `events[${k}]`, fail);
        if (e) events.push(e);
      });
    }
    if (errors.length > before) return;
    events.sort((a, b) => a.at - b.at);
    const asOf = asOfGiven ?? (events[events.length - 1] as BillEvent).at;
    const seen = events.filter((e) => e.at <= asOf);
    if (seen.length === 0) {
      fail('as_of', `no event happened at or before ${new Date(asOf).toISOString()}; expected at least one`);
      return;
    }
    const history: BillHistory = {
      billId: billId as number,
      typeCode: typeCode as string,
      authorKind: text(row.author_kind, 'author_kind', fail, false) ?? 'unknown',
      authorParty: text(row.author_party, 'author_party', fail, false) ?? '',
      authorUf: text(row.author_uf, 'author_uf', fail, false) ?? '',
      mainTheme: text(row.main_theme, 'main_theme', fail, false) ?? '',
      authorsCount: authorsCount as number,
      presentedAt: presentedAt as number,
      events,
    };
    snapshots.push({ history, cutoff: asOf, events: seen });
  });
  return { snapshots: errors.length ? [] : snapshots, errors };
}

function parseEvent(
  raw: unknown,
  at: string,
  fail: (field: string, message: string) => void,
): BillEvent | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    fail(at, `expected an event object, got ${show(raw)}`);
    return undefined;
  }
  const e = raw as Record<string, unknown>;
  const f = (field: string, message: string) => fail(`${at}.${field}`, message);
  for (const key of Object.keys(e)) if (!EVENT_KEYS.has(key)) f(key, 'is not a field of a tramitação event');
  const occurred = instant(e.occurred_at, 'occurred_at', f, true);
  const organKind = e.organ_kind ?? 'committee';
  if (typeof organKind !== 'string' || !ORGAN_KINDS.includes(organKind)) {
    f('organ_kind', `expected one of ${ORGAN_KINDS.join(', ')}, got ${show(organKind)}`);
  }
  const code = (field: string): number | null => {
    const v = e[field] ?? null;
    if (v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      f(field, `expected an integer code or null, got ${show(v)}`);
      return null;
    }
    return v;
  };
  const flag = (field: string): boolean => {
    const v = e[field] ?? false;
    if (typeof v !== 'boolean') f(field, `expected true or false, got ${show(v)}`);
    return v === true;
  };
  const opinion = e.opinion ?? null;
  if (opinion !== null && opinion !== 'favourable' && opinion !== 'unfavourable') {
    f('opinion', `expected "favourable", "unfavourable" or null, got ${show(opinion)}`);
  }
  const event: BillEvent = {
    at: occurred ?? NaN,
    organKind: String(organKind),
    organ: text(e.organ, 'organ', f, false) ?? '',
    situationCode: code('situation_code'),
    actionCode: code('action_code'),
    regime: text(e.regime, 'regime', f, false) ?? '',
    appreciation: text(e.appreciation, 'appreciation', f, false) ?? '',
    opinion: opinion as BillEvent['opinion'],
    urgencyApproval: flag('urgency_approval'),
    urgencyRegime: flag('urgency_regime'),
    rapporteurDesignation: flag('rapporteur_designation'),
    plenaryApproval: flag('plenary_approval'),
    law: flag('law'),
  };
  return occurred === undefined ? undefined : event;
}

function text(
  v: unknown,
  field: string,
  fail: (field: string, message: string) => void,
  required: boolean,
): string | undefined {
  if (v === undefined || v === null) {
    if (required) fail(field, 'missing; expected a text');
    return undefined;
  }
  if (typeof v !== 'string' || v.length > 500) {
    fail(field, `expected a text of at most 500 characters, got ${show(v)}`);
    return undefined;
  }
  return v;
}

const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function instant(
  v: unknown,
  field: string,
  fail: (field: string, message: string) => void,
  required: boolean,
): number | undefined {
  if (v === undefined || v === null) {
    if (required) fail(field, 'missing; expected an ISO date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)');
    return undefined;
  }
  // Dates and date-times without an offset are UTC (the warehouse convention), whatever the server's zone.
  const s = typeof v === 'string' ? v : '';
  const m = ISO.exec(s);
  const ms = m
    ? Date.parse(s.length === 10 ? `${s}T00:00:00Z` : `${s.replace(' ', 'T')}${m[4] ? '' : 'Z'}`)
    : NaN;
  if (Number.isNaN(ms)) {
    fail(field, `expected an ISO date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ), got ${show(v)}`);
    return undefined;
  }
  return ms;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
