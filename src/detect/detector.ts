// The one interface every detector implements. A detector reads warehouse marts and inserts its flags into
// the run's flag table: one row per flagged reimbursement with a severity in [0, 1] and an explanation that a
// person can check in a minute (rule, observed value, threshold, peer group, method, text in pt-BR).
import type { Db } from '../core/index.js';

export interface DetectorInfo {
  id: string;
  /** Short English title (API, docs). */
  title: string;
  /** Short pt-BR title (dashboard). */
  titlePt: string;
  description: string;
  /** What it flags, in pt-BR (dashboard). */
  descriptionPt: string;
  /** How it decides, in one paragraph: data used, threshold, statistics. */
  method: string;
  /** The same, in pt-BR (dashboard). */
  methodPt: string;
  /** Explanation fields every flag of this detector carries. */
  explanationFields: string[];
}

export interface DetectorContext {
  db: Db;
  runId: string;
  /** Temp table to insert into: (reimbursement_id VARCHAR, detector VARCHAR, severity DOUBLE, explanation JSON). */
  flagTable: string;
}

export interface Detector extends DetectorInfo {
  /** Inserts its flags into `ctx.flagTable` (the runner counts them). */
  run(ctx: DetectorContext): Promise<void>;
}
