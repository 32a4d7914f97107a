// The models API over a demo home with trained glosa models: registry listing, version detail with curves, the
// report, batch prediction (and its validation), promotion behind a bearer token, and a corrupted champion that
// is refused at load while an earlier champion keeps serving.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type HardinServer } from '../../src/api/index.js';
import { GLOSA_FEATURES, trainGlosa } from '../../src/pipelines/index.js';
import { predictTabular, type TabularModel } from '../../src/ml/index.js';
import { Registry } from '../../src/registry/index.js';
import { prepareDemoHome, type DemoHome } from '../helpers/demo-home.js';
import { removeDir } from '../helpers/tmp.js';

const TOKEN = 't'.repeat(24);

describe('models API', () => {
  let demo: DemoHome;
  let server: HardinServer;
  beforeAll(async () => {
    demo = await prepareDemoHome({ train: true });
    server = await createServer({ home: demo.home, logger: false, apiTokens: [TOKEN] });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    if (demo) await removeDir(demo.home);
  });

  const inject = async (method: 'GET' | 'POST', url: string, payload?: unknown, token?: string) => {
    const res = await server.app.inject({
      method,
      url,
      payload: payload as never,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const isJson = String(res.headers['content-type']).includes('json');
    return {
      status: res.statusCode,
      type: String(res.headers['content-type']),
      body: (isJson ? res.json() : res.body) as any,
    };
  };

  const exampleRow = () =>
    Object.fromEntries(GLOSA_FEATURES.map((f) => [f.name, f.kind === 'category' ? 13 : 1]));

  it('lists glosa with a champion and a challenger that the server serves', async () => {
    const { status, body } = await inject('GET', '/api/v1/models');
    expect(status).toBe(200);
    const glosa = body.items.find((m: any) => m.name === 'glosa');
    expect(glosa.versions).toBe(2);
    expect(glosa.champion.version).toBeGreaterThan(0);
    expect(glosa.challenger.version).not.toBe(glosa.champion.version);
    expect(glosa.serving).toMatchObject({ status: 'ok', version: glosa.champion.version });
  });

  it('shows versions with test metrics, features and the comparison', async () => {
    const { status, body } = await inject('GET', '/api/v1/models/glosa');
    expect(status).toBe(200);
    expect(body.versions.map((v: any) => v.algorithm).sort()).toEqual([
      'gradient-boosted-trees',
      'logistic-regression',
    ]);
    for (const v of body.versions) {
      expect(v.dataKind).toBe('synthetic');
      expect(v.metrics.test.auc).toBeGreaterThan(0.6);
      expect(v.metrics.test.errorRate).toBeCloseTo(1 - v.metrics.test.accuracy, 5);
    }
    expect(body.features.map((f: any) => f.name)).toEqual(GLOSA_FEATURES.map((f) => f.name));
    expect(body.comparison).toBeTruthy();
  });

  it('gives a version its curves, confusion matrix and checksum status, and serves the report as HTML', async () => {
    const { body } = await inject('GET', '/api/v1/models/glosa/versions/1');
    expect(body.artifact.status).toBe('ok');
    const test = body.evaluation.test;
    expect(test.roc.fpr.length).toBeLessThanOrEqual(200);
    expect(test.roc.auc).toBeCloseTo(body.metrics.test.auc, 4);
    const c = test.atThreshold.confusion;
    expect(c.tp + c.fp + c.tn + c.fn).toBe(test.n);
    const report = await inject('GET', body.reportUrl);
    expect(report.status).toBe(200);
    expect(report.type).toMatch(/text\/html/);
    expect(report.body).toContain('Entendimento do negócio');
  });

  it('predicts a batch with the champion, matching the model on the same rows', async () => {
    const rows: Record<string, number | null>[] = [
      exampleRow(),
      { ...exampleRow(), log_value: 8, document_type: 1, issue_weekday: null },
    ];
    const { status, body } = await inject('POST', '/api/v1/models/glosa/predict', { rows });
    expect(status).toBe(200);
    expect(body.predictions).toHaveLength(2);
    const served = server.models.get('glosa');
    expect(body.model.version).toBe(served?.version);
    const columns = Object.fromEntries(
      GLOSA_FEATURES.map((f) => [f.name, Float64Array.from(rows, (r) => (r[f.name] ?? NaN) as number)]),
    );
    const expected = predictTabular(served!.model as TabularModel, columns, 2);
    expect(body.predictions[0].probability).toBeCloseTo(expected[0]!, 12);
    expect(body.predictions[1].probability).toBeCloseTo(expected[1]!, 12);
    expect(body.predictions[1].predicted).toBe(expected[1]! >= body.threshold);
  });

  it('refuses bad rows with 400 naming each field', async () => {
    const { log_value: _, ...missing } = exampleRow();
    const bad = await inject('POST', '/api/v1/models/glosa/predict', {
      rows: [missing, { ...exampleRow(), subquota: 'x' }, { ...exampleRow(), subquota: 1.5, extra: 1 }],
    });
    expect(bad.status).toBe(400);
    const params = bad.body.errors.map((e: any) => e.parameter);
    expect(params).toEqual(
      expect.arrayContaining(['rows[0].log_value', 'rows[1].subquota', 'rows[2].subquota', 'rows[2].extra']),
    );
    expect(bad.body.detail).toContain('rows[1].subquota: expected a number or null, got "x"');
    const tooMany = await inject('POST', '/api/v1/models/glosa/predict', {
      rows: Array.from({ length: 1001 }, exampleRow),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.detail).toMatch(/rows.*1000/);
    const unknown = await inject('POST', '/api/v1/models/nope/predict', { rows: [exampleRow()] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain('model nope is not registered');
  });

  it('adds the glosa probability to the reimbursement detail', async () => {
    const list = await inject('GET', '/api/v1/ceap/reimbursements?pageSize=1&sort=-netCents');
    const id = list.body.items[0].id;
    const { body } = await inject('GET', `/api/v1/ceap/reimbursements/${id}`);
    expect(body.glosaPrediction.probability).toBeGreaterThanOrEqual(0);
    expect(body.glosaPrediction.probability).toBeLessThanOrEqual(1);
    expect(body.glosaPrediction.model.name).toBe('glosa');
  });

  it('promotes only with a valid bearer token', async () => {
    const none = await inject('POST', '/api/v1/models/glosa/promote', { version: 1, reason: 'test' });
    expect(none.status).toBe(401);
    const wrong = await inject(
      'POST',
      '/api/v1/models/glosa/promote',
      { version: 1, reason: 'test' },
      'x'.repeat(24),
    );
    expect(wrong.status).toBe(401);
    const ok = await inject(
      'POST',
      '/api/v1/models/glosa/promote',
      { version: 1, reason: 'analyst choice' },
      TOKEN,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.aliases.champion).toBe(1);
    expect(ok.body.serving).toMatchObject({ status: 'ok', version: 1 });
  });

  it('refuses a corrupted champion at load and keeps an earlier champion serving', async () => {
    // A third and fourth version from a new run; the new champion's artifact is then damaged on disk.
    await trainGlosa({
      home: demo.home,
      runId: 'r2',
      seed: 7,
      now: new Date(Date.UTC(2026, 0, 2)),
      dataKind: 'synthetic',
    });
    const registry = await Registry.open(demo.home);
    const aliases = await registry.getAliases('glosa');
    const champion = aliases.champion as number;
    const file = path.join(registry.versionDir('glosa', champion), 'artifact.json');
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace(/"threshold":0\./, '"threshold":1.'));
    const fresh = await createServer({ home: demo.home, logger: false });
    try {
      const status = fresh.models.status('glosa');
      expect(status.status).toBe('fallback');
      expect(status.message).toContain(`champion v${champion} of glosa refused`);
      expect(status.message).toMatch(/checksum|size/);
      expect(status.version).not.toBe(champion);
      const predicted = await fresh.app.inject({
        method: 'POST',
        url: '/api/v1/models/glosa/predict',
        payload: { rows: [exampleRow()] },
      });
      expect(predicted.statusCode).toBe(200);
      expect(predicted.json().model.version).toBe(status.version);
    } finally {
      await fresh.close();
    }
  }, 120_000);
});
