// Price levels of the deputy-submitted, non-meal subquotas (every subquota except 13 meals, 999 tickets,
// 10 phone and 11 post): each (subquota, supplier) pair has its own typical value, so a supplier charges
// similar receipts — a gas station's fill-ups, a landlord's rent, a consultancy's reports. Log-scale spread:
// levels vary between suppliers by σb and receipts around their level by σw = min(0.3, 0.7·σ), with
// σb² + σw² = σ² (the subquota's sigma), so each subquota keeps about its overall distribution. Normal
// receipts stay within [level·e^(−3σw), level·e^(1.75σw)] (≤ 1.69× the level), so no normal receipt is a
// high-side outlier of its pair; `value_outlier` plants (value-outliers.ts) are 8–30× the pair's median.
// Levels are within e^(±2σb) of the subquota median, so a receipt of a supplier with few receipts is not
// extreme for the subquota as a whole either. They depend only on the seed (a supplier keeps its level from
// year to year).
import { Rng } from '../../core/index.js';
import { mixSeed } from './deputies.js';
import { SUB, SUBQUOTAS, type SubquotaSpec } from './subquotas.js';
import type { SupplierPool } from './suppliers.js';

/** SUBQUOTAS indices whose values follow per-supplier levels (the scope of `value_outlier`). */
export const LEVELLED_SUBS: ReadonlySet<number> = new Set(
  SUBQUOTAS.map((_, i) => i).filter(
    (i) => i !== SUB.meal && i !== SUB.flight && i !== SUB.phone && i !== SUB.postal,
  ),
);

/** Highest normal receipt relative to its (subquota, supplier) level, in units of σw (log scale). */
export const NORMAL_HIGH_SIGMAS = 1.75;
const NORMAL_LOW_SIGMAS = 3;
const LEVEL_SIGMAS = 2;

/** Log-scale spread of receipts around their (subquota, supplier) level. */
export function withinSigma(spec: SubquotaSpec): number {
  return Math.min(0.3, 0.7 * spec.sigma);
}

/** Per-(subquota, supplier) price levels in cents. */
export class PriceLevels {
  private readonly levels: Float64Array[];

  constructor(seed: number, pool: SupplierPool) {
    this.levels = SUBQUOTAS.map((spec, sub) => {
      const out = new Float64Array(pool.all.length).fill(spec.medianCents);
      if (!LEVELLED_SUBS.has(sub)) return out;
      const rng = new Rng(mixSeed(seed, 0x1e7e1, spec.code));
      const w = withinSigma(spec);
      const between = Math.sqrt(Math.max(0, spec.sigma ** 2 - w ** 2));
      for (let i = 0; i < out.length; i++) {
        const z = Math.max(-LEVEL_SIGMAS, Math.min(LEVEL_SIGMAS, rng.normal()));
        out[i] = spec.medianCents * Math.exp(between * z);
      }
      return out;
    });
  }

  /** Typical value in cents of a supplier's receipts in a subquota (SUBQUOTAS index). */
  level(sub: number, sup: number): number {
    return this.levels[sub]?.[sup] ?? SUBQUOTAS[sub]?.medianCents ?? 0;
  }

  /** Highest value in cents of a normal receipt of a supplier in a subquota. */
  cap(sub: number, sup: number): number {
    const spec = SUBQUOTAS[sub] as SubquotaSpec;
    return Math.floor(this.level(sub, sup) * Math.exp(NORMAL_HIGH_SIGMAS * withinSigma(spec)));
  }

  /** A value in cents around the level: log-normal with σw, truncated to [−3σw, +1.75σw] by redrawing. */
  draw(rng: Rng, sub: number, sup: number): number {
    const w = withinSigma(SUBQUOTAS[sub] as SubquotaSpec);
    let e = rng.normal(0, w);
    while (e > NORMAL_HIGH_SIGMAS * w || e < -NORMAL_LOW_SIGMAS * w) e = rng.normal(0, w);
    return this.level(sub, sup) * Math.exp(e);
  }
}
