// Bills homes for the API and browser tests of the propositions pages: the real pipeline at a small scale —
// generateBills → ingestPropositionFiles (bulk CSVs + tramitacoes JSONL) → runBuild — so the tests read the marts
// `hardin build` writes, plus a hand-built `predictions.bill_outcome` for a few pending bills.
//
// The predictions table is a FIXTURE OF THE TABLE CONTRACT that `hardin train bill-outcome` fulfils (one row per
// bill still pending at the data's observation date; see src/api/routes/camara-bills-queries.ts). It is written
// by hand, with known probabilities, so the tests can assert exact values, orderings and filters whatever the
// model learns; it is not a model's output. Bills left out of it are the "pending but not scored" case.
import path from 'node:path';
import { Db, homePaths, newRunId } from '../../src/core/index.js';
import {
  ingestPropositionFiles,
  runBuild,
  trainBillOutcome,
  type TrainBillOutcomeResult,
} from '../../src/pipelines/index.js';
import { generateBills, type GenerateBillsResult } from '../../src/sources/synthetic/bills/index.js';
import { makeTempDir, removeDir } from './tmp.js';

/** One row of the fixture predictions (the columns of the table contract, camelCase here). */
export interface FixturePrediction {
  billId: number;
  asOf: string;
  ageDays: number;
  eventsUsed: number;
  probability: number;
  threshold: number;
  predictedPositive: boolean;
  horizonDays: number;
  modelName: string;
  modelVersion: number;
  algorithm: string;
  predictedAt: string;
}

export interface BillsHome {
  home: string;
  generated: GenerateBillsResult;
  /** The rows written to predictions.bill_outcome (empty when `predictions: false`), highest probability first. */
  predictions: FixturePrediction[];
}

export interface BillsHomeOptions {
  seed?: number;
  /** Default 0.02 (≈ 80 bills a year). */
  scale?: number;
  years?: number[];
  /** Write predictions.bill_outcome (default true); false leaves the "no model trained yet" home. */
  predictions?: boolean;
}

/** Probabilities of the fixture, in the order of the pending bills chosen (the lowest bill ids). */
export const FIXTURE_PROBABILITIES = [0.912, 0.734, 0.5, 0.41, 0.123, 0.087, 0.031, 0.004];
/** The fixture model's operating threshold: 0.41 sits exactly on it (probability ≥ threshold ⇒ positive). */
export const FIXTURE_THRESHOLD = 0.41;
export const FIXTURE_MODEL = { name: 'bill-outcome', version: 3, algorithm: 'gru' } as const;
export const FIXTURE_HORIZON_DAYS = 730;
export const FIXTURE_PREDICTED_AT = '2026-01-01 00:03:00';

/** Generates, ingests and builds a small synthetic bills home, then writes the fixture predictions. */
export async function prepareBillsHome(options: BillsHomeOptions = {}): Promise<BillsHome> {
  const home = await makeTempDir('hardin-bills-');
  const dir = path.join(home, 'bills-data');
  const generated = await generateBills({
    outDir: dir,
    seed: options.seed ?? 7,
    scale: options.scale ?? 0.02,
    years: options.years ?? [2021, 2022, 2023],
  });
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
  await ingestPropositionFiles({ home, dir, now: at(0) });
  await runBuild({ home, runId: newRunId(at(1)), now: at(1) });
  const predictions = options.predictions === false ? [] : await writeBillOutcomeFixture(home);
  return { home, generated, predictions };
}

/**
 * Writes predictions.bill_outcome into the home's warehouse: FIXTURE_PROBABILITIES for the pending bills (not
 * final, not law) with the lowest ids, as of the latest tramitação date, by FIXTURE_MODEL. Returns the rows.
 */
export async function writeBillOutcomeFixture(home: string): Promise<FixturePrediction[]> {
  const db = await Db.open({ path: homePaths(home).warehouse });
  try {
    const [head] = await db.all<{ asOf: string }>(
      `SELECT strftime(max(occurred_at)::DATE, '%Y-%m-%d') AS "asOf" FROM marts.tramitacao_events`,
    );
    const asOf = head?.asOf;
    if (!asOf) throw new Error('bills home: marts.tramitacao_events is empty');
    const pending = await db.all<{ billId: number; ageDays: number; eventsUsed: number }>(
      `SELECT b.bill_id::BIGINT AS "billId",
              date_diff('day', b.presented_at::DATE, $asOf::DATE)::INTEGER AS "ageDays",
              (SELECT count(*) FROM marts.tramitacao_events e
               WHERE e.bill_id = b.bill_id AND e.occurred_at::DATE <= $asOf::DATE)::INTEGER AS "eventsUsed"
       FROM marts.bills b
       WHERE NOT b.is_final AND NOT b.became_law AND b.events_count > 0
       ORDER BY b.bill_id LIMIT ${FIXTURE_PROBABILITIES.length}`,
      { asOf },
    );
    if (pending.length < FIXTURE_PROBABILITIES.length) {
      throw new Error(`bills home: only ${pending.length} pending bills; the fixture needs more`);
    }
    const rows: FixturePrediction[] = pending.map((b, i) => {
      const probability = FIXTURE_PROBABILITIES[i] as number;
      return {
        ...b,
        asOf,
        probability,
        threshold: FIXTURE_THRESHOLD,
        predictedPositive: probability >= FIXTURE_THRESHOLD,
        horizonDays: FIXTURE_HORIZON_DAYS,
        modelName: FIXTURE_MODEL.name,
        modelVersion: FIXTURE_MODEL.version,
        algorithm: FIXTURE_MODEL.algorithm,
        predictedAt: FIXTURE_PREDICTED_AT,
      };
    });
    const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
    await db.run('CREATE SCHEMA IF NOT EXISTS predictions');
    await db.run(`CREATE OR REPLACE TABLE predictions.bill_outcome (
      bill_id BIGINT, as_of DATE, age_days INTEGER, events_used INTEGER, probability DOUBLE, threshold DOUBLE,
      predicted_positive BOOLEAN, horizon_days INTEGER, model_name VARCHAR, model_version INTEGER,
      algorithm VARCHAR, predicted_at TIMESTAMP)`);
    await db.run(
      `INSERT INTO predictions.bill_outcome VALUES ${rows
        .map(
          (r) =>
            `(${r.billId}, DATE ${lit(r.asOf)}, ${r.ageDays}, ${r.eventsUsed}, ${r.probability}, ${r.threshold},
              ${r.predictedPositive}, ${r.horizonDays}, ${lit(r.modelName)}, ${r.modelVersion},
              ${lit(r.algorithm)}, TIMESTAMP ${lit(r.predictedAt)})`,
        )
        .join(',\n')}`,
    );
    return rows;
  } finally {
    db.close();
  }
}

/**
 * A real server over a bills home, listening on 127.0.0.1 (port chosen by the OS), for the browser tests. Serves
 * the dashboard from dist/web, or from HARDIN_TEST_WEB_DIR when set (a private build).
 */
export async function startBillsServer(
  options: BillsHomeOptions = {},
): Promise<{ url: string; bills: BillsHome; close(): Promise<void> }> {
  const { createServer } = await import('../../src/api/index.js');
  const bills = await prepareBillsHome(options);
  const webDir = process.env.HARDIN_TEST_WEB_DIR || undefined;
  const server = await createServer({ home: bills.home, logger: false, ...(webDir ? { webDir } : {}) });
  const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    bills,
    async close() {
      await server.close();
      await removeDir(bills.home);
    },
  };
}

/** A bills home where `hardin train bill-outcome` really ran: the registry holds its three versions. */
export interface TrainedBillsHome extends BillsHome {
  training: TrainBillOutcomeResult;
}

/**
 * Generates, ingests and builds a bills home (no fixture predictions: the training writes the real ones), then
 * trains bill-outcome with the real pipeline — logistic regression, gradient-boosted trees and a small GRU — so
 * the registry holds three versions with their metrics, learning curve and CRISP-DM report. The defaults
 * (scale 0.15 over 2019–2023, 3 epochs of 16 hidden units) give enough laws to train and evaluate in seconds.
 * @example const { home, training } = await prepareTrainedBillsHome();
 */
export async function prepareTrainedBillsHome(
  options: Omit<BillsHomeOptions, 'predictions'> & { rnn?: { epochs?: number; hidden?: number } } = {},
): Promise<TrainedBillsHome> {
  const bills = await prepareBillsHome({
    seed: options.seed,
    scale: options.scale ?? 0.15,
    years: options.years ?? [2019, 2020, 2021, 2022, 2023],
    predictions: false,
  });
  const at = new Date(Date.UTC(2026, 0, 1, 0, 2));
  const training = await trainBillOutcome({
    home: bills.home,
    runId: newRunId(at),
    seed: options.seed ?? 7,
    now: at,
    dataKind: 'synthetic',
    rnn: { epochs: options.rnn?.epochs ?? 3, hidden: options.rnn?.hidden ?? 16 },
  });
  return { ...bills, training };
}
