// The precomputed bill predictions the API shows: predictions.bill_outcome, one row per bill still pending on the
// data's observation date, scored by the champion. Replaced whole by every training run (built under a temporary
// name, then swapped in one transaction), so a reader never sees half a table.
import { quoteLiteral, type Db } from '../../../core/index.js';

export interface BillPredictionRow {
  billId: number;
  ageDays: number;
  eventsUsed: number;
  probability: number;
}

export interface BillPredictionBatch {
  asOf: number;
  threshold: number;
  horizonDays: number;
  modelName: string;
  modelVersion: number;
  algorithm: string;
  predictedAt: Date;
  rows: BillPredictionRow[];
}

const CHUNK = 2000;

/**
 * @example await writeBillPredictions(db, { asOf, threshold: 0.3, …, rows });
 */
export async function writeBillPredictions(db: Db, batch: BillPredictionBatch): Promise<void> {
  const asOf = new Date(batch.asOf).toISOString().slice(0, 10);
  await db.run('create schema if not exists predictions');
  await db.run(`create or replace table predictions.bill_outcome__new (
      bill_id bigint not null primary key,
      as_of date not null,
      age_days integer not null,
      events_used integer not null,
      probability double not null,
      threshold double not null,
      predicted_positive boolean not null,
      horizon_days integer not null,
      model_name varchar not null,
      model_version integer not null,
      algorithm varchar not null,
      predicted_at timestamp not null)`);
  const asOfSql = `date ${quoteLiteral(asOf)}`;
  const predictedAtSql = `timestamp ${quoteLiteral(batch.predictedAt.toISOString().replace('T', ' ').replace('Z', ''))}`;
  for (let start = 0; start < batch.rows.length; start += CHUNK) {
    const values = batch.rows
      .slice(start, start + CHUNK)
      .map(
        (r) =>
          `(${Math.trunc(r.billId)}, ${Math.round(r.ageDays)}, ${r.eventsUsed}, ${num(r.probability)}, ` +
          `${r.probability >= batch.threshold})`,
      )
      .join(',\n');
    await db.run(
      `insert into predictions.bill_outcome__new
       select v.bill_id, ${asOfSql}, v.age_days, v.events_used, v.probability,
              ${num(batch.threshold)}, v.predicted_positive, ${batch.horizonDays}, ${quoteLiteral(batch.modelName)},
              ${batch.modelVersion}, ${quoteLiteral(batch.algorithm)},
              ${predictedAtSql}
         from (values ${values}) v(bill_id, age_days, events_used, probability, predicted_positive)`,
    );
  }
  await db.run('begin transaction');
  try {
    await db.run('drop table if exists predictions.bill_outcome');
    await db.run('alter table predictions.bill_outcome__new rename to bill_outcome');
    await db.run('commit');
  } catch (error) {
    await db.run('rollback').catch(() => undefined);
    throw error;
  }
}

function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`bill predictions: ${x} is not a finite number`);
  return String(x);
}
