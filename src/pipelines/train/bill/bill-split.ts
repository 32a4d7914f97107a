// The time-based split of the bill-outcome task: bills ordered by presentation date, the oldest ones' looks train,
// the next ones' validate and the newest ones' test, with about 70 / 15 / 15 % of the looks. All looks at one
// bill fall in the same part, so a test bill is never seen in training at another age.
import type { BillHistory } from './bill-history.js';
import type { BillSplit } from './fit-bill-candidates.js';
import type { TrainingSnapshots } from './bill-snapshots.js';

export interface BillSplitResult extends BillSplit {
  /** Presentation dates (epoch ms) of the first and last bill of each part. */
  ranges: Record<'train' | 'valid' | 'test', { from: number; to: number }>;
}

/**
 * @example const split = splitByPresentation(histories, looks, { validShare: 0.15, testShare: 0.15 });
 */
export function splitByPresentation(
  histories: readonly BillHistory[],
  looks: Pick<TrainingSnapshots, 'bill'>,
  { validShare = 0.15, testShare = 0.15 }: { validShare?: number; testShare?: number } = {},
): BillSplitResult {
  const perBill = new Map<number, number[]>();
  looks.bill.forEach((b, i) => {
    const list = perBill.get(b);
    if (list) list.push(i);
    else perBill.set(b, [i]);
  });
  const bills = [...perBill.keys()].sort((a, b) => {
    const ha = histories[a] as BillHistory;
    const hb = histories[b] as BillHistory;
    return ha.presentedAt - hb.presentedAt || ha.billId - hb.billId;
  });
  const total = looks.bill.length;
  const trainEnd = Math.round(total * (1 - validShare - testShare));
  const validEnd = Math.round(total * (1 - testShare));
  const split: BillSplit = { train: [], valid: [], test: [] };
  const ranges = {
    train: { from: NaN, to: NaN },
    valid: { from: NaN, to: NaN },
    test: { from: NaN, to: NaN },
  };
  let seen = 0;
  for (const b of bills) {
    const rows = perBill.get(b) as number[];
    const part = seen < trainEnd ? 'train' : seen < validEnd ? 'valid' : 'test';
    split[part].push(...rows);
    const at = (histories[b] as BillHistory).presentedAt;
    if (Number.isNaN(ranges[part].from)) ranges[part].from = at;
    ranges[part].to = at;
    seen += rows.length;
  }
  return { ...split, ranges };
}
