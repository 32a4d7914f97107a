// The CEAP detector suite. The CEAP detectors issue adds the others behind the same interface.
import type { Detector } from '../detector.js';
import { monthlySubquotaLimit } from './monthly-subquota-limit.js';

export const CEAP_DETECTORS: readonly Detector[] = [monthlySubquotaLimit];
export { monthlySubquotaLimit };
