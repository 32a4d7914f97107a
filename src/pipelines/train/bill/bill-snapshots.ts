// The examples of the bill-outcome task. A bill is looked at on several days of its life (30, 90, 180, 365 and
// 730 days after presentation); each look that finds it still pending is one example, with only the events up to
// that day. Its label: did it become law within HORIZON_DAYS after that day? A look is used only when its whole
// horizon lies before the data's observation date, so every label is known (no bill is counted as "did not
// become law" just because the data ends). Today's pending bills are the looks the precomputed predictions use.
import { daysBetween, eventsUpTo, isPending, lawAt, type BillHistory } from './bill-history.js';
import type { BillSnapshot } from './bill-features.js';

export const SNAPSHOT_AGES = [30, 90, 180, 365, 730] as const;
export const HORIZON_DAYS = 730;
const DAY_MS = 86_400_000;

export interface TrainingSnapshots {
  snapshots: BillSnapshot[];
  labels: Uint8Array;
  /** Age (days) of each snapshot. */
  ages: Uint16Array;
  /** Index into the histories of each snapshot's bill. */
  bill: Uint32Array;
  /** Looks skipped because the bill had already reached a final situation. */
  skippedFinal: number;
  /** Looks skipped because their horizon runs past the observation date. */
  skippedCensored: number;
}

/**
 * Every labelled look at every bill.
 * @example const { snapshots, labels } = trainingSnapshots(histories, asOf);
 */
export function trainingSnapshots(
  histories: readonly BillHistory[],
  asOf: number,
  ages: readonly number[] = SNAPSHOT_AGES,
  horizonDays = HORIZON_DAYS,
): TrainingSnapshots {
  const snapshots: BillSnapshot[] = [];
  const labels: number[] = [];
  const ageOf: number[] = [];
  const billOf: number[] = [];
  let skippedFinal = 0;
  let skippedCensored = 0;
  histories.forEach((history, b) => {
    const law = lawAt(history);
    for (const age of ages) {
      const cutoff = history.presentedAt + age * DAY_MS;
      if (cutoff + horizonDays * DAY_MS > asOf) {
        skippedCensored++;
        continue;
      }
      const events = eventsUpTo(history, cutoff);
      if (!isPending(events)) {
        if (events.length > 0) skippedFinal++;
        continue;
      }
      snapshots.push({ history, cutoff, events });
      labels.push(law > cutoff && daysBetween(cutoff, law) <= horizonDays ? 1 : 0);
      ageOf.push(age);
      billOf.push(b);
    }
  });
  return {
    snapshots,
    labels: Uint8Array.from(labels),
    ages: Uint16Array.from(ageOf),
    bill: Uint32Array.from(billOf),
    skippedFinal,
    skippedCensored,
  };
}

/** Today's look at every bill still pending on `asOf`. */
export function pendingSnapshots(histories: readonly BillHistory[], asOf: number): BillSnapshot[] {
  const out: BillSnapshot[] = [];
  for (const history of histories) {
    const events = eventsUpTo(history, asOf);
    if (isPending(events)) out.push({ history, cutoff: asOf, events });
  }
  return out;
}
