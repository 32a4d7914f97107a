// The input of the bill-outcome task: a bill's static facts (type, first author, themes) and its tramitação events
// as plain objects, the same shape whether they come from the warehouse (training, the precomputed predictions)
// or from a client (POST /api/v1/models/bill-outcome/predict). Times are epoch milliseconds (UTC). Everything a
// model reads is computed from these objects by bill-features.ts and bill-sequences.ts, with only the events up to
// the prediction's cutoff, so what the model saw in training is exactly what it sees when serving.

export interface BillEvent {
  /** When the event happened (epoch ms). */
  at: number;
  /** Kind of organ: plenary, mesa, committee or coordination (marts.tramitacao_events.organ_kind). */
  organKind: string;
  /** Organ acronym, e.g. CCJC, PLEN, MESA. */
  organ: string;
  /** Situation code (codSituacao) after the event; null when the portal gave none. */
  situationCode: number | null;
  /** Procedure code (codTipoTramitacao); null when absent. */
  actionCode: number | null;
  /** Regime of tramitação in force (e.g. "Ordinário (Art. 151, III, RICD)", "Urgência (Art. 155, RICD)"). */
  regime: string;
  /** Appreciation (e.g. "Proposição Sujeita à Apreciação Conclusiva pelas Comissões - Art. 24 II"). */
  appreciation: string;
  /** A rapporteur's opinion read from the dispatch, else null. */
  opinion: 'favourable' | 'unfavourable' | null;
  urgencyApproval: boolean;
  urgencyRegime: boolean;
  rapporteurDesignation: boolean;
  plenaryApproval: boolean;
  law: boolean;
}

export interface BillHistory {
  billId: number;
  /** PL, PLP, PEC, MPV, PDL or PDC. */
  typeCode: string;
  /** deputy, senator, executive, committee, … or unknown. */
  authorKind: string;
  authorParty: string;
  authorUf: string;
  mainTheme: string;
  authorsCount: number;
  presentedAt: number;
  /** Events in order (by time, then sequence). */
  events: BillEvent[];
}

/**
 * Situations after which nothing more is expected (models/marts/bills.sql `is_final`): law, archived, vetoed,
 * withdrawn, returned, lost effect, finished, turned into another proposition, prejudged.
 */
export const FINAL_SITUATIONS: ReadonlySet<number> = new Set([
  1140, 923, 937, 950, 1120, 1292, 1285, 1230, 1222,
]);

const DAY_MS = 86_400_000;

/** Days between two instants. */
export function daysBetween(from: number, to: number): number {
  return (to - from) / DAY_MS;
}

/** The events that happened at or before `cutoff` (a prefix: events are ordered). */
export function eventsUpTo(history: BillHistory, cutoff: number): BillEvent[] {
  const events = history.events;
  let k = 0;
  while (k < events.length && (events[k] as BillEvent).at <= cutoff) k++;
  return k === events.length ? events : events.slice(0, k);
}

/** Pending at the cutoff: at least one event so far and the latest one is not a final situation. */
export function isPending(events: readonly BillEvent[]): boolean {
  const last = events[events.length - 1];
  if (!last) return false;
  return last.situationCode === null || !FINAL_SITUATIONS.has(last.situationCode);
}

/** The first law event's time, or NaN. */
export function lawAt(history: BillHistory): number {
  for (const e of history.events) if (e.law) return e.at;
  return NaN;
}

/**
 * Days from `at` to the end of the legislature in force (1 February of 2019, 2023, 2027…): at that date the
 * Câmara archives the pending bills of deputies who were not re-elected (art. 105 RICD), a real driver of fate.
 */
export function daysToLegislatureEnd(at: number): number {
  let year = 1987; // the 48th legislature began on 1 February 1987; every legislature lasts 4 years
  while (Date.UTC(year, 1, 1) <= at) year += 4;
  return daysBetween(at, Date.UTC(year, 1, 1));
}
