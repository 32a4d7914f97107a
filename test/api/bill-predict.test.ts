// Batch prediction with the bill-outcome champion through the models endpoint, on a home the real pipeline trained:
// by bill id (scored at the warehouse's observation date) the probabilities equal the precomputed
// predictions.bill_outcome; bills sent with their events give the same probability as the same bill by id; bad
// rows, unknown ids and ambiguous bodies get problem+json naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type HardinServer } from '../../src/api/index.js';
import { Db, homePaths } from '../../src/core/index.js';
import { prepareTrainedBillsHome, type TrainedBillsHome } from '../helpers/bills-home.js';
import { removeDir } from '../helpers/tmp.js';

describe('bill-outcome predictions through /api/v1/models/bill-outcome/predict', () => {
  let bills: TrainedBillsHome;
  let server: HardinServer;
  let precomputed: { bill_id: number; probability: number; model_version: number }[];
  let sample: Record<string, unknown>;
  beforeAll(async () => {
    bills = await prepareTrainedBillsHome({ seed: 7 });
    const db = await Db.open({ path: homePaths(bills.home).warehouse, readOnly: true });
    try {
      precomputed = await db.all(
        `select bill_id::double as bill_id, probability, model_version from predictions.bill_outcome
          order by probability desc, bill_id limit 5`,
      );
      const id = precomputed[0]!.bill_id;
      const [b] = await db.all<Record<string, unknown>>(
        `select type_code, author_kind, author_party, author_uf, main_theme, authors_count::int as authors_count,
                strftime(presented_at, '%Y-%m-%dT%H:%M:%SZ') as presented_at
           from marts.bills where bill_id = ${id}`,
      );
      const events = await db.all<Record<string, unknown>>(
        `select strftime(occurred_at, '%Y-%m-%dT%H:%M:%SZ') as occurred_at, organ, organ_kind,
                situation_code::int as situation_code, action_code::int as action_code, regime, appreciation,
                opinion, is_urgency_approval as urgency_approval, is_urgency_regime as urgency_regime,
                is_rapporteur_designation as rapporteur_designation, is_plenary_approval as plenary_approval,
                is_law as law
           from marts.tramitacao_events where bill_id = ${id} order by event_index`,
      );
      const [asOf] = await db.all<{ t: string }>(
        `select strftime(max(occurred_at), '%Y-%m-%dT%H:%M:%SZ') as t from marts.tramitacao_events`,
      );
      sample = { bill_id: id, ...b, as_of: asOf!.t, events };
    } finally {
      db.close();
    }
    server = await createServer({ home: bills.home, logger: false });
    await server.models.load();
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    if (bills) await removeDir(bills.home);
  });

  const predict = async (payload: unknown) => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/models/bill-outcome/predict',
      payload: payload as never,
    });
    return { status: res.statusCode, body: res.json() as any };
  };

  it('serves the champion of any kind and scores bills by id exactly as the training run did', async () => {
    expect(precomputed.length).toBeGreaterThan(0);
    const { status, body } = await predict({ bill_ids: precomputed.map((p) => p.bill_id) });
    expect(status).toBe(200);
    expect(body.model.name).toBe('bill-outcome');
    expect(body.model.version).toBe(precomputed[0]!.model_version);
    expect(body.horizonDays).toBe(730);
    body.predictions.forEach((p: any, k: number) => {
      expect(p.billId).toBe(precomputed[k]!.bill_id);
      expect(p.probability).toBeCloseTo(precomputed[k]!.probability, 10);
      expect(p.predicted).toBe(p.probability >= body.threshold);
    });
  });

  it('gives a bill sent with its events the same probability as the same bill by id', async () => {
    const byRow = await predict({ rows: [sample] });
    expect(byRow.status).toBe(200);
    expect(byRow.body.predictions[0].probability).toBeCloseTo(precomputed[0]!.probability, 10);
    expect(byRow.body.predictions[0].eventsUsed).toBe((sample.events as unknown[]).length);
    // The same bill seen right after its first event: less history, another probability.
    const early = await predict({
      rows: [{ ...sample, as_of: (sample.events as any[])[0].occurred_at }],
    });
    expect(early.status).toBe(200);
    expect(early.body.predictions[0].eventsUsed).toBe(1);
  });

  it('names the bad field, the unknown bill and the ambiguous body', async () => {
    const bad = await predict({ rows: [{ ...sample, events: [{ occurred_at: 'ontem', organ_kind: 'x' }] }] });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('rows[0].events[0].occurred_at');
    expect(bad.body.detail).toContain('"ontem"');
    const unknown = await predict({ bill_ids: [999_999_999] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain('999999999');
    const both = await predict({ rows: [sample], bill_ids: [1] });
    expect(both.status).toBe(400);
    expect(both.body.detail).toContain('exactly one');
  });

  it('lists bill-outcome as served with its champion algorithm', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/models' });
    const item = (res.json() as any).items.find((m: any) => m.name === 'bill-outcome');
    expect(item.serving.status).toBe('ok');
    expect(item.versions).toBe(3);
  });
});
