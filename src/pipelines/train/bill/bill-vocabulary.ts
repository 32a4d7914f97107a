// Integer codes for the text fields of bills and events (type, author kind and party, theme, organ, situation,
// procedure, regime), learnt on the training bills only and stored in the model artifact, so serving encodes
// exactly as training did. Code 0 is "rare or unseen", code 1 is reserved for a marker (the cutoff step of a
// sequence, or "absent"), and levels seen at least `minCount` times get 2, 3, … in order of frequency.
import type { BillEvent, BillHistory } from './bill-history.js';

export const VOCABULARY_FIELDS = [
  'type',
  'authorKind',
  'authorParty',
  'theme',
  'organKind',
  'organ',
  'situation',
  'action',
  'regime',
] as const;
export type VocabularyField = (typeof VOCABULARY_FIELDS)[number];

/** Levels of each field; a level's code is its index + 2. */
export type BillVocabulary = Record<VocabularyField, string[]>;

export const RARE_CODE = 0;
export const MARKER_CODE = 1;

type Getter = (h: BillHistory, e: BillEvent | undefined) => string;

const STATIC: Partial<Record<VocabularyField, Getter>> = {
  type: (h) => h.typeCode,
  authorKind: (h) => h.authorKind,
  authorParty: (h) => h.authorParty,
  theme: (h) => h.mainTheme,
};
const PER_EVENT: Partial<Record<VocabularyField, (e: BillEvent) => string>> = {
  organKind: (e) => e.organKind,
  organ: (e) => e.organ,
  situation: (e) => (e.situationCode === null ? '' : String(e.situationCode)),
  action: (e) => (e.actionCode === null ? '' : String(e.actionCode)),
  regime: (e) => e.regime,
};

/**
 * Learns the levels on `histories` (the training bills, all their events).
 * @example const vocab = fitBillVocabulary(trainHistories);
 */
export function fitBillVocabulary(
  histories: readonly BillHistory[],
  options: { minCount?: number; maxLevels?: number } = {},
): BillVocabulary {
  const minCount = options.minCount ?? 5;
  const maxLevels = options.maxLevels ?? 60;
  const counts = Object.fromEntries(VOCABULARY_FIELDS.map((f) => [f, new Map<string, number>()])) as Record<
    VocabularyField,
    Map<string, number>
  >;
  const bump = (field: VocabularyField, value: string) => {
    if (value === '') return;
    const m = counts[field];
    m.set(value, (m.get(value) ?? 0) + 1);
  };
  for (const h of histories) {
    for (const [field, get] of Object.entries(STATIC)) bump(field as VocabularyField, get(h, undefined));
    for (const e of h.events) {
      for (const [field, get] of Object.entries(PER_EVENT)) bump(field as VocabularyField, get(e));
    }
  }
  const vocab = {} as BillVocabulary;
  for (const field of VOCABULARY_FIELDS) {
    vocab[field] = [...counts[field].entries()]
      .filter(([, c]) => c >= minCount)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, maxLevels)
      .map(([level]) => level);
  }
  return vocab;
}

/** A lookup from level to code per field (built once per artifact). */
export type VocabularyIndex = Record<VocabularyField, Map<string, number>>;

export function indexVocabulary(vocab: BillVocabulary): VocabularyIndex {
  const index = {} as VocabularyIndex;
  for (const field of VOCABULARY_FIELDS) {
    index[field] = new Map((vocab[field] ?? []).map((level, i) => [level, i + 2]));
  }
  return index;
}

/** Number of codes of a field (levels + the rare and marker codes). */
export function cardinality(vocab: BillVocabulary, field: VocabularyField): number {
  return (vocab[field]?.length ?? 0) + 2;
}

export function staticCode(index: VocabularyIndex, field: VocabularyField, h: BillHistory): number {
  const get = STATIC[field] as Getter;
  const v = get(h, undefined);
  return v === '' ? MARKER_CODE : (index[field].get(v) ?? RARE_CODE);
}

export function eventCode(index: VocabularyIndex, field: VocabularyField, e: BillEvent): number {
  const get = PER_EVENT[field] as (e: BillEvent) => string;
  const v = get(e);
  return v === '' ? MARKER_CODE : (index[field].get(v) ?? RARE_CODE);
}
