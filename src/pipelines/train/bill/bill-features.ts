// Aggregate features of a bill at a cutoff, for the tabular models (logistic regression, gradient-boosted trees):
// who proposed it, how old it is, how much and what kind of tramitação it had so far, where it stands now and how
// far the end of the legislature is. Only the events up to the cutoff enter (the snapshot carries that prefix), so
// the same function serves training snapshots and today's pending bills.
import type { FeatureColumns, FeatureSpec } from '../../../ml/index.js';
import { daysBetween, daysToLegislatureEnd, type BillEvent, type BillHistory } from './bill-history.js';
import { eventCode, staticCode, type VocabularyIndex } from './bill-vocabulary.js';

/** A bill seen at a cutoff: `events` are its events up to the cutoff (at least one). */
export interface BillSnapshot {
  history: BillHistory;
  cutoff: number;
  events: readonly BillEvent[];
}

const ATTACHED_SITUATION = 925;

export const BILL_FEATURES: FeatureSpec[] = [
  {
    name: 'type',
    kind: 'category',
    description: 'bill type (PL, PLP, PEC, MPV, PDL)',
    descriptionPt: 'tipo da proposição',
  },
  {
    name: 'author_kind',
    kind: 'category',
    description: 'first author kind',
    descriptionPt: 'tipo do primeiro autor',
  },
  {
    name: 'author_party',
    kind: 'category',
    description: "first author's party",
    descriptionPt: 'partido do primeiro autor',
  },
  { name: 'theme', kind: 'category', description: 'main theme', descriptionPt: 'tema principal' },
  {
    name: 'authors_count',
    kind: 'number',
    description: 'number of authors',
    descriptionPt: 'número de autores',
  },
  {
    name: 'age_days',
    kind: 'number',
    description: 'days since presentation',
    descriptionPt: 'dias desde a apresentação',
  },
  {
    name: 'events',
    kind: 'number',
    description: 'tramitação events so far',
    descriptionPt: 'eventos de tramitação até o corte',
  },
  {
    name: 'events_last_90_days',
    kind: 'number',
    description: 'events in the 90 days before the cutoff',
    descriptionPt: 'eventos nos 90 dias antes do corte',
  },
  {
    name: 'days_since_last_event',
    kind: 'number',
    description: 'days from the last event to the cutoff',
    descriptionPt: 'dias desde o último evento',
  },
  {
    name: 'committee_events',
    kind: 'number',
    description: 'events in committees',
    descriptionPt: 'eventos em comissões',
  },
  {
    name: 'plenary_events',
    kind: 'number',
    description: 'events in the plenary',
    descriptionPt: 'eventos no plenário',
  },
  {
    name: 'distinct_organs',
    kind: 'number',
    description: 'distinct organs visited',
    descriptionPt: 'órgãos distintos',
  },
  {
    name: 'urgency',
    kind: 'number',
    description: 'urgency regime or urgency approved so far (0/1)',
    descriptionPt: 'regime de urgência ou urgência aprovada (0/1)',
  },
  {
    name: 'rapporteurs',
    kind: 'number',
    description: 'rapporteur designations',
    descriptionPt: 'designações de relator',
  },
  {
    name: 'favourable_opinions',
    kind: 'number',
    description: "rapporteurs' favourable opinions",
    descriptionPt: 'pareceres favoráveis',
  },
  {
    name: 'unfavourable_opinions',
    kind: 'number',
    description: "rapporteurs' unfavourable opinions",
    descriptionPt: 'pareceres contrários',
  },
  {
    name: 'plenary_approvals',
    kind: 'number',
    description: 'approvals in the plenary',
    descriptionPt: 'aprovações em plenário',
  },
  {
    name: 'conclusive',
    kind: 'number',
    description: 'conclusive appreciation by the committees (0/1)',
    descriptionPt: 'apreciação conclusiva pelas comissões (0/1)',
  },
  {
    name: 'attached',
    kind: 'number',
    description: 'attached to another bill so far (0/1)',
    descriptionPt: 'apensada a outra proposição (0/1)',
  },
  {
    name: 'last_situation',
    kind: 'category',
    description: 'current situation',
    descriptionPt: 'situação atual',
  },
  {
    name: 'last_organ_kind',
    kind: 'category',
    description: 'current organ kind',
    descriptionPt: 'tipo do órgão atual',
  },
  { name: 'last_regime', kind: 'category', description: 'current regime', descriptionPt: 'regime atual' },
  {
    name: 'days_to_legislature_end',
    kind: 'number',
    description: 'days from the cutoff to the end of the legislature',
    descriptionPt: 'dias do corte ao fim da legislatura',
  },
];

/**
 * The feature columns of `snapshots`, in BILL_FEATURES order.
 * @example const columns = billFeatureColumns(snapshots, indexVocabulary(vocab));
 */
export function billFeatureColumns(
  snapshots: readonly BillSnapshot[],
  index: VocabularyIndex,
): FeatureColumns {
  const n = snapshots.length;
  const columns: FeatureColumns = {};
  for (const f of BILL_FEATURES) columns[f.name] = new Float64Array(n);
  const set = (name: string, i: number, v: number) => {
    (columns[name] as Float64Array)[i] = v;
  };
  for (let i = 0; i < n; i++) {
    const s = snapshots[i] as BillSnapshot;
    const h = s.history;
    const events = s.events;
    const last = events[events.length - 1] as BillEvent;
    let committee = 0;
    let plenary = 0;
    let urgency = 0;
    let rapporteurs = 0;
    let favourable = 0;
    let unfavourable = 0;
    let approvals = 0;
    let attached = 0;
    let recent = 0;
    let conclusive = NaN;
    const organs = new Set<string>();
    for (const e of events) {
      if (e.organKind === 'committee') committee++;
      else if (e.organKind === 'plenary') plenary++;
      if (e.urgencyApproval || e.urgencyRegime) urgency = 1;
      if (e.rapporteurDesignation) rapporteurs++;
      if (e.opinion === 'favourable') favourable++;
      else if (e.opinion === 'unfavourable') unfavourable++;
      if (e.plenaryApproval) approvals++;
      if (e.situationCode === ATTACHED_SITUATION) attached = 1;
      if (daysBetween(e.at, s.cutoff) <= 90) recent++;
      if (Number.isNaN(conclusive) && e.appreciation !== '') {
        conclusive = /conclusiva/i.test(e.appreciation) ? 1 : 0;
      }
      organs.add(e.organ);
    }
    set('type', i, staticCode(index, 'type', h));
    set('author_kind', i, staticCode(index, 'authorKind', h));
    set('author_party', i, staticCode(index, 'authorParty', h));
    set('theme', i, staticCode(index, 'theme', h));
    set('authors_count', i, h.authorsCount);
    set('age_days', i, Math.max(0, daysBetween(h.presentedAt, s.cutoff)));
    set('events', i, events.length);
    set('events_last_90_days', i, recent);
    set('days_since_last_event', i, Math.max(0, daysBetween(last.at, s.cutoff)));
    set('committee_events', i, committee);
    set('plenary_events', i, plenary);
    set('distinct_organs', i, organs.size);
    set('urgency', i, urgency);
    set('rapporteurs', i, rapporteurs);
    set('favourable_opinions', i, favourable);
    set('unfavourable_opinions', i, unfavourable);
    set('plenary_approvals', i, approvals);
    set('conclusive', i, Number.isNaN(conclusive) ? 0 : conclusive);
    set('attached', i, attached);
    set('last_situation', i, eventCode(index, 'situation', last));
    set('last_organ_kind', i, eventCode(index, 'organKind', last));
    set('last_regime', i, eventCode(index, 'regime', last));
    set('days_to_legislature_end', i, daysToLegislatureEnd(s.cutoff));
  }
  return columns;
}
