// The pieces of the bill-outcome task on hand-made bills: looks and their labels (censoring, final bills, the
// horizon), no event after the cutoff reaching a feature or a sequence, sequence encoding (cutoff step, truncation
// to the latest events), the legislature calendar, the vocabulary and the champion rule.
import { describe, expect, it } from 'vitest';
import { indexVocabulary, fitBillVocabulary, MARKER_CODE, RARE_CODE } from './bill-vocabulary.js';
import { BILL_FEATURES, billFeatureColumns, type BillSnapshot } from './bill-features.js';
import {
  daysToLegislatureEnd,
  eventsUpTo,
  isPending,
  type BillEvent,
  type BillHistory,
} from './bill-history.js';
import { billSequences, SEQUENCE_CATEGORICAL, SEQUENCE_NUMERIC } from './bill-sequences.js';
import { pendingSnapshots, trainingSnapshots } from './bill-snapshots.js';
import { chooseChampion } from './fit-bill-candidates.js';
import { splitByPresentation } from './bill-split.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2019, 2, 1);

function event(day: number, over: Partial<BillEvent> = {}): BillEvent {
  return {
    at: T0 + day * DAY,
    organKind: 'committee',
    organ: 'CCJC',
    situationCode: 1000,
    actionCode: 500,
    regime: 'Ordinário',
    appreciation: '',
    opinion: null,
    urgencyApproval: false,
    urgencyRegime: false,
    rapporteurDesignation: false,
    plenaryApproval: false,
    law: false,
    ...over,
  };
}

function bill(id: number, events: BillEvent[], over: Partial<BillHistory> = {}): BillHistory {
  return {
    billId: id,
    typeCode: 'PL',
    authorKind: 'deputy',
    authorParty: 'PT',
    authorUf: 'SP',
    mainTheme: 'Saúde',
    authorsCount: 1,
    presentedAt: T0,
    events,
    ...over,
  };
}

const LAW = { situationCode: 1140, law: true, organKind: 'mesa', organ: 'MESA' } as const;
const ARCHIVED = { situationCode: 923, organKind: 'mesa', organ: 'MESA' } as const;

describe('looks and labels', () => {
  const asOf = T0 + 3000 * DAY;
  it('labels a look 1 only when the law comes within the horizon after it', () => {
    const h = bill(1, [event(0), event(10), event(400, LAW)]);
    const looks = trainingSnapshots([h], asOf, [30, 90, 180, 365, 730], 730);
    // At 730 days the bill is already law (final): no look.
    expect([...looks.ages]).toEqual([30, 90, 180, 365]);
    expect([...looks.labels]).toEqual([1, 1, 1, 1]);
    expect(looks.skippedFinal).toBe(1);
    const short = trainingSnapshots([h], asOf, [30], 300);
    expect([...short.labels]).toEqual([0]); // law at day 400 > 30 + 300
  });

  it('skips looks whose horizon runs past the observation date, and archived bills', () => {
    const h = bill(2, [event(0), event(100, ARCHIVED)]);
    const looks = trainingSnapshots([h], T0 + 800 * DAY, [30, 90, 180], 730);
    expect([...looks.ages]).toEqual([30]);
    expect(looks.skippedCensored).toBe(2);
    expect(trainingSnapshots([h], asOf, [180], 730).snapshots).toHaveLength(0);
  });

  it('sees only the events up to the cutoff, and today only pending bills', () => {
    const h = bill(3, [event(0), event(50), event(200)]);
    const [look] = trainingSnapshots([h], asOf, [90], 730).snapshots;
    expect(look!.events.map((e) => e.at)).toEqual([T0, T0 + 50 * DAY]);
    expect(eventsUpTo(h, T0 - 1)).toEqual([]);
    expect(isPending([])).toBe(false);
    const law = bill(4, [event(0), event(5, LAW)]);
    expect(pendingSnapshots([h, law], asOf).map((s) => s.history.billId)).toEqual([3]);
  });
});

describe('no information after the cutoff', () => {
  it('gives the same features and sequences whatever happens after the cutoff', () => {
    const base = [event(0, { appreciation: 'Conclusiva' }), event(20, { rapporteurDesignation: true })];
    const later = [
      event(400, { plenaryApproval: true, organKind: 'plenary', organ: 'PLEN' }),
      event(500, LAW),
    ];
    const quiet = bill(5, base);
    const busy = bill(5, [...base, ...later]);
    const vocab = fitBillVocabulary([busy], { minCount: 1 });
    const index = indexVocabulary(vocab);
    const cutoff = T0 + 90 * DAY;
    const look = (h: BillHistory): BillSnapshot => ({ history: h, cutoff, events: eventsUpTo(h, cutoff) });
    const a = billFeatureColumns([look(quiet)], index);
    const b = billFeatureColumns([look(busy)], index);
    for (const f of BILL_FEATURES) expect([f.name, b[f.name]![0]]).toEqual([f.name, a[f.name]![0]]);
    expect(a.events![0]).toBe(2);
    expect(a.rapporteurs![0]).toBe(1);
    expect(a.conclusive![0]).toBe(1);
    expect(a.days_since_last_event![0]).toBe(70);
    const sa = billSequences([look(quiet)], vocab, index, 8);
    const sb = billSequences([look(busy)], vocab, index, 8);
    expect([...sb.numeric]).toEqual([...sa.numeric]);
    expect(sb.categorical.map((c) => [...c.data])).toEqual(sa.categorical.map((c) => [...c.data]));
  });
});

describe('sequences', () => {
  it('ends every sequence with a cutoff step and keeps the latest events when too long', () => {
    const events = Array.from({ length: 12 }, (_, k) => event(k * 10, { organ: k === 11 ? 'PLEN' : 'CCJC' }));
    const h = bill(6, events);
    const vocab = fitBillVocabulary([h], { minCount: 1 });
    const index = indexVocabulary(vocab);
    const cutoff = T0 + 200 * DAY;
    const ds = billSequences([{ history: h, cutoff, events }], vocab, index, 8, Uint8Array.of(1));
    expect(ds.lengths[0]).toBe(8); // 7 latest events + the cutoff step
    expect(ds.categorical.map((c) => c.name)).toEqual([...SEQUENCE_CATEGORICAL]);
    const organ = ds.categorical[SEQUENCE_CATEGORICAL.indexOf('organ')]!.data;
    expect(organ[6]).toBe(index.organ.get('PLEN')); // the last event is kept
    expect(organ[7]).toBe(MARKER_CODE); // the cutoff step
    const d = SEQUENCE_NUMERIC.length;
    // days since presentation of the first kept event (event 5, day 50) and of the cutoff step (day 200)
    expect(ds.numeric[0]).toBeCloseTo(Math.log1p(50), 5);
    expect(ds.numeric[7 * d]).toBeCloseTo(Math.log1p(200), 5);
    // gap of the first kept event is measured from the dropped one before it (day 40)
    expect(ds.numeric[1]).toBeCloseTo(Math.log1p(10), 5);
    expect(ds.numeric[7 * d + 1]).toBeCloseTo(Math.log1p(90), 5);
  });

  it('codes unseen levels as rare and empty ones as the marker', () => {
    const vocab = fitBillVocabulary([bill(7, [event(0)])], { minCount: 1 });
    const index = indexVocabulary(vocab);
    const odd = bill(8, [event(0, { organ: 'NOVA', regime: '' })], { typeCode: 'XYZ' });
    const cols = billFeatureColumns([{ history: odd, cutoff: T0 + DAY, events: odd.events }], index);
    expect(cols.type![0]).toBe(RARE_CODE);
    expect(cols.last_regime![0]).toBe(MARKER_CODE);
  });
});

describe('calendar, split and champion rule', () => {
  it('counts the days to the next 1 February of a legislature start (2019, 2023, …)', () => {
    expect(daysToLegislatureEnd(Date.UTC(2019, 0, 31))).toBe(1);
    expect(daysToLegislatureEnd(Date.UTC(2019, 1, 1))).toBe(1461);
    expect(daysToLegislatureEnd(Date.UTC(2022, 1, 1))).toBe(365);
  });

  it('keeps all looks at a bill in one part, oldest bills first', () => {
    const histories = [0, 1, 2, 3].map((k) => bill(k, [event(0)], { presentedAt: T0 + k * 100 * DAY }));
    const looksBill = Uint32Array.of(3, 3, 2, 1, 1, 0, 0, 0, 2, 1);
    const split = splitByPresentation(histories, { bill: looksBill }, { validShare: 0.2, testShare: 0.2 });
    const partOf = (b: number) =>
      (['train', 'valid', 'test'] as const).filter((p) => split[p].some((i) => looksBill[i] === b));
    expect([0, 1, 2, 3].map(partOf)).toEqual([['train'], ['train'], ['valid'], ['test']]);
  });

  it('picks the best validation average precision, the simpler model within 0.005', () => {
    const c = (name: string, ap: number, auc = 0.9) => ({
      name,
      algorithm: name,
      valid: { pr: { averagePrecision: ap }, roc: { auc } } as never,
    });
    expect(
      chooseChampion([c('logistic-regression', 0.4), c('gradient-boosted-trees', 0.45), c('gru', 0.5)]).name,
    ).toBe('gru');
    expect(
      chooseChampion([c('logistic-regression', 0.4), c('gradient-boosted-trees', 0.497), c('gru', 0.5)]).name,
    ).toBe('gradient-boosted-trees');
  });
});
