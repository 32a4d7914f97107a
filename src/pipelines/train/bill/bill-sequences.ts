// The recurrent network's view of a bill at a cutoff: its tramitação events up to the cutoff, in order, then one
// "cutoff" step that tells the network how long the bill has waited since its last event. Each step has
// categorical codes (organ kind, organ, situation, procedure, regime, opinion, and the bill's type and author kind
// repeated so the network can condition on them) and numbers (log-days since presentation and since the previous
// step, log-days to the end of the legislature, urgency / rapporteur / plenary-approval flags, log authors). A
// history longer than the sequence length keeps its latest events: the days-since-presentation input still says
// how far along they are.
import type { SequenceCategorical, SequenceDataset } from '../../../ml/index.js';
import { daysBetween, daysToLegislatureEnd, type BillEvent } from './bill-history.js';
import type { BillSnapshot } from './bill-features.js';
import {
  MARKER_CODE,
  cardinality,
  eventCode,
  staticCode,
  type BillVocabulary,
  type VocabularyField,
  type VocabularyIndex,
} from './bill-vocabulary.js';

const EVENT_FIELDS: VocabularyField[] = ['organKind', 'organ', 'situation', 'action', 'regime'];
const STATIC_FIELDS: VocabularyField[] = ['type', 'authorKind'];

export const SEQUENCE_NUMERIC = [
  'log_days_since_presented',
  'log_days_since_previous',
  'log_days_to_legislature_end',
  'urgency',
  'rapporteur_designation',
  'plenary_approval',
  'log_authors',
] as const;

/** Names of the categorical inputs, in order (events, opinion, then static). */
export const SEQUENCE_CATEGORICAL = [...EVENT_FIELDS, 'opinion', ...STATIC_FIELDS] as const;

const OPINION_CARDINALITY = 4; // 0 unused, 1 none, 2 favourable, 3 unfavourable
const opinionCode = (e: BillEvent) =>
  e.opinion === 'favourable' ? 2 : e.opinion === 'unfavourable' ? 3 : MARKER_CODE;

/** Sequence length for a set of snapshots: the 99th percentile of events + 1 (the cutoff step), in 8..32. */
export function chooseSteps(snapshots: readonly BillSnapshot[]): number {
  if (snapshots.length === 0) return 8;
  const lengths = snapshots.map((s) => s.events.length + 1).sort((a, b) => a - b);
  const p99 = lengths[Math.min(lengths.length - 1, Math.floor(lengths.length * 0.99))] as number;
  return Math.min(32, Math.max(8, p99));
}

/**
 * Encodes snapshots as left-aligned sequences of at most `steps` steps; `labels` (0/1 per snapshot) may be empty
 * for prediction.
 * @example const ds = billSequences(snapshots, vocab, index, 24, labels);
 */
export function billSequences(
  snapshots: readonly BillSnapshot[],
  vocab: BillVocabulary,
  index: VocabularyIndex,
  steps: number,
  labels: Uint8Array = new Uint8Array(0),
): SequenceDataset {
  const n = snapshots.length;
  const fields = SEQUENCE_CATEGORICAL.length;
  const codes = Array.from({ length: fields }, () => new Int32Array(n * steps));
  const d = SEQUENCE_NUMERIC.length;
  const numeric = new Float32Array(n * steps * d);
  const lengths = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const s = snapshots[i] as BillSnapshot;
    const h = s.history;
    const all = s.events;
    const events = all.length > steps - 1 ? all.slice(all.length - (steps - 1)) : all;
    const len = events.length + 1;
    lengths[i] = len;
    const typeCode = staticCode(index, 'type', h);
    const authorCode = staticCode(index, 'authorKind', h);
    const logAuthors = Math.log1p(h.authorsCount);
    let previous = events[0]?.at ?? s.cutoff;
    if (all.length > events.length) previous = (all[all.length - events.length - 1] as BillEvent).at;
    for (let t = 0; t < len; t++) {
      const e = events[t];
      const at = e ? e.at : s.cutoff;
      const base = i * steps + t;
      EVENT_FIELDS.forEach((field, f) => {
        (codes[f] as Int32Array)[base] = e ? eventCode(index, field, e) : MARKER_CODE;
      });
      (codes[EVENT_FIELDS.length] as Int32Array)[base] = e ? opinionCode(e) : MARKER_CODE;
      (codes[EVENT_FIELDS.length + 1] as Int32Array)[base] = typeCode;
      (codes[EVENT_FIELDS.length + 2] as Int32Array)[base] = authorCode;
      const o = base * d;
      numeric[o] = Math.log1p(Math.max(0, daysBetween(h.presentedAt, at)));
      numeric[o + 1] = Math.log1p(Math.max(0, daysBetween(previous, at)));
      numeric[o + 2] = Math.log1p(Math.max(0, daysToLegislatureEnd(at)));
      numeric[o + 3] = e && (e.urgencyApproval || e.urgencyRegime) ? 1 : 0;
      numeric[o + 4] = e?.rapporteurDesignation ? 1 : 0;
      numeric[o + 5] = e?.plenaryApproval ? 1 : 0;
      numeric[o + 6] = logAuthors;
      previous = at;
    }
  }
  const categorical: SequenceCategorical[] = SEQUENCE_CATEGORICAL.map((name, f) => ({
    name,
    cardinality: name === 'opinion' ? OPINION_CARDINALITY : cardinality(vocab, name as VocabularyField),
    data: codes[f] as Int32Array,
  }));
  return {
    n,
    steps,
    lengths,
    categorical,
    numeric,
    numericNames: [...SEQUENCE_NUMERIC],
    y: labels,
  };
}
