// vlrGlosa: the part of a claim the House refused, the public label our models learn from. The probability
// grows with features an auditor reacts to, so the label is learnable but noisy: the subquota's base rate
// (office and phone high, fuel low, tickets never), ×2.5 for a Recibo (1) on a deputy-submitted claim, ×2.5
// when the value is above 3× the subquota median, ×2.5 for meals on a weekend, × a boost for planted
// anomalies. About 4.5% of rows end with vlrGlosa > 0. The amount is mostly a small fraction of the value
// (median ≈ 5%), sometimes most of it, as in the real files.
import type { Rng } from '../../core/index.js';
import type { DocumentType, SubquotaSpec } from './subquotas.js';
import { weekday } from './year-context.js';

/** Boost of the glosa probability on planted anomalies. */
export const ANOMALY_GLOSA_BOOST = 4;

/** Draws vlrGlosa in cents for a claim (0 = paid in full). */
export function drawGlosa(
  rng: Rng,
  spec: SubquotaSpec,
  type: DocumentType,
  valueCents: number,
  day: number,
  boost = 1,
): number {
  const u = rng.next();
  if (valueCents <= 0 || spec.glosaBase === 0) return 0;
  let p = spec.glosaBase * boost;
  if (type === 1 && !spec.houseDebited) p *= 2.5;
  if (valueCents > 3 * spec.medianCents) p *= 2.5;
  if (spec.code === 13 && (weekday(day) === 0 || weekday(day) === 6)) p *= 2.5;
  if (u >= Math.min(0.9, p)) return 0;
  const v = rng.next();
  const fraction = v < 0.75 ? 0.005 + v * 0.127 : v < 0.95 ? 0.1 + (v - 0.75) * 2 : 0.5 + (v - 0.95) * 10;
  return Math.min(valueCents, Math.max(1, Math.round(valueCents * fraction)));
}

/** vlrGlosa of a planted outlier billed `valueCents`: the boosted draw, capped so vlrLiquido stays ≥ minNetCents. */
export function plantedGlosa(
  rng: Rng,
  spec: SubquotaSpec,
  type: DocumentType,
  valueCents: number,
  day: number,
  minNetCents: number,
): number {
  const glosa = drawGlosa(rng, spec, type, valueCents, day, ANOMALY_GLOSA_BOOST);
  return Math.max(0, Math.min(glosa, valueCents - minNetCents));
}
