// The CEAP detector suite and the deputy ranking built from its flags.
import type { Detector } from '../detector.js';
import {
  monthlySubquotaLimit,
  monthlySubquotaLimitParity,
  createMonthlySubquotaLimit,
} from './monthly-subquota-limit.js';

export const CEAP_DETECTORS: readonly Detector[] = [monthlySubquotaLimit];
export { monthlySubquotaLimit, monthlySubquotaLimitParity, createMonthlySubquotaLimit };
export { rankCeapDeputies, RANKING_METHOD_PT } from './ranking.js';
