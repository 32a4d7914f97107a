import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type HardinServer } from '../../src/api/index.js';
import { prepareDemoHome, type DemoHome } from '../helpers/demo-home.js';
import { makeTempDir, removeDir } from '../helpers/tmp.js';

describe('REST API over a demo home', () => {
  let demo: DemoHome;
  let server: HardinServer;
  beforeAll(async () => {
    demo = await prepareDemoHome();
    server = await createServer({ home: demo.home, logger: false });
  });
  afterAll(async () => {
    await server?.close();
    if (demo) await removeDir(demo.home);
  });

  const get = async (url: string) => {
    const res = await server.app.inject({ method: 'GET', url });
    return {
      status: res.statusCode,
      type: String(res.headers['content-type']),
      body: res.json() as Record<string, any>,
    };
  };

  it('answers health with the warehouse build time', async () => {
    const { status, body } = await get('/api/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', warehouse: { available: true } });
    expect(body.warehouse.builtAt).toMatch(/^2026-01-01/);
  });

  it('lists reimbursements with pagination, filters and sorting', async () => {
    const all = await get('/api/v1/ceap/reimbursements?pageSize=100');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(demo.rows);
    expect(all.body.items).toHaveLength(100);
    const first = all.body.items[0];
    expect(first.id).toMatch(/^[0-9a-f]{16}$/);
    const byDeputy = await get(
      `/api/v1/ceap/reimbursements?deputy=${first.deputyId}&sort=-netCents&pageSize=50`,
    );
    expect(byDeputy.body.items.every((r: any) => r.deputyId === first.deputyId)).toBe(true);
    const values = byDeputy.body.items.map((r: any) => r.netCents);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const flagged = await get('/api/v1/ceap/reimbursements?flagged=true&year=2025');
    expect(flagged.body.total).toBeGreaterThan(0);
    expect(flagged.body.items.every((r: any) => r.flagCount > 0 && r.year === 2025)).toBe(true);
    const march = await get('/api/v1/ceap/reimbursements?month=3&subquota=3&pageSize=10&page=2');
    expect(march.body.page).toBe(2);
    expect(march.body.items.every((r: any) => r.month === 3 && r.subquota === 3)).toBe(true);
  });

  it('shows a flagged reimbursement with its explanation', async () => {
    const list = await get(
      '/api/v1/ceap/reimbursements?flagged=true&detector=monthly_subquota_limit&pageSize=1&sort=-severity',
    );
    const id = list.body.items[0].id;
    const { status, body } = await get(`/api/v1/ceap/reimbursements/${id}`);
    expect(status).toBe(200);
    const flag = body.flags.find((f: any) => f.detector === 'monthly_subquota_limit');
    expect(flag).toBeDefined();
    expect(flag.severity).toBeGreaterThanOrEqual(0.5);
    expect(flag.explanation.runningTotalCents).toBeGreaterThan(flag.explanation.limitCents);
    expect(flag.explanation.excessCents).toBe(
      flag.explanation.runningTotalCents - flag.explanation.limitCents,
    );
    expect(flag.explanation.text).toMatch(/acima do limite mensal de R\$ [\d.]+,\d{2}/);
    expect(flag.explanation.window.from).toMatch(/^\d{4}-\d{2}$/);
    expect(body.receiptUrl).toMatch(/^https:\/\/www\.camara\.leg\.br\//);
  });

  it('lists deputies, subquotas, detectors, overview and catalog', async () => {
    const deputies = await get('/api/v1/ceap/deputies?sort=-flagCount&pageSize=5');
    expect(deputies.status).toBe(200);
    expect(deputies.body.items[0].flagCount).toBeGreaterThan(0);
    const subquotas = await get('/api/v1/ceap/subquotas');
    expect(subquotas.body.items.length).toBeGreaterThan(5);
    const detectors = await get('/api/v1/ceap/detectors');
    expect(detectors.body.items.map((d: any) => d.id)).toContain('monthly_subquota_limit');
    const overview = await get('/api/v1/overview');
    expect(overview.body).toMatchObject({ datasets: 1, rowsIngested: demo.rows, rowsQuarantined: 0 });
    expect(overview.body.flags.total).toBeGreaterThan(0);
    const catalog = await get('/api/v1/catalog');
    const names = catalog.body.tables.map((t: any) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['marts.reimbursements', 'marts.deputies', 'detect.ceap_flags']),
    );
    expect(catalog.body.datasets[0]).toMatchObject({ name: 'raw.camara.ceap', rows: demo.rows });
    expect(catalog.body.lineage).toEqual(
      expect.arrayContaining([{ from: 'raw.camara.ceap', to: 'staging.stg_camara__ceap' }]),
    );
  });

  it('ranks deputies by risk score and shows one deputy with monthly spend, flags by detector and flags', async () => {
    const ranked = await get('/api/v1/ceap/deputies?pageSize=10');
    const items = ranked.body.items;
    expect(items[0].rank).toBe(1);
    expect(items[0].riskScore).toBeGreaterThan(0);
    const scores = items.filter((d: any) => d.rank !== null).map((d: any) => d.riskScore);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    const top = await get(`/api/v1/ceap/deputies/${items[0].id}`);
    expect(top.status).toBe(200);
    expect(top.body).toMatchObject({ id: items[0].id, rank: 1, riskScore: items[0].riskScore });
    expect(top.body.byDetector.reduce((n: number, d: any) => n + d.flags, 0)).toBeGreaterThan(0);
    // The score is recomputable from the flags listed: Σ per receipt of its highest severity.
    const best = new Map<string, number>();
    for (const f of top.body.flags)
      best.set(f.reimbursementId, Math.max(best.get(f.reimbursementId) ?? 0, f.severity));
    const recomputed = [...best.values()].reduce((a, b) => a + b, 0);
    expect(recomputed).toBeCloseTo(top.body.riskScore, 3);
    const limited = top.body.monthly.filter((m: any) => m.limitCents !== null);
    expect(limited.length).toBeGreaterThan(0);
    expect(top.body.monthly.reduce((s: number, m: any) => s + m.netCents, 0)).toBe(top.body.netCents);
    expect((await get('/api/v1/ceap/deputies/999999999')).status).toBe(404);
    expect((await get('/api/v1/ceap/ranking-method')).body.text).toContain('pontuação de risco');
  });

  it('lists flags with filters and a summary per detector', async () => {
    const all = await get('/api/v1/ceap/flags?pageSize=5');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThan(0);
    expect(all.body.summary.reduce((s: number, d: any) => s + d.flags, 0)).toBe(all.body.total);
    const sev = all.body.items.map((f: any) => f.severity);
    expect(sev).toEqual([...sev].sort((a: number, b: number) => b - a));
    expect(all.body.items[0].explanation.text).toBeTruthy();
    const strong = await get('/api/v1/ceap/flags?minSeverity=0.9&pageSize=100');
    expect(strong.body.items.every((f: any) => f.severity >= 0.9)).toBe(true);
    const one = await get(
      `/api/v1/ceap/flags?deputy=${all.body.items[0].deputyId}&detector=monthly_subquota_limit`,
    );
    expect(one.body.items.every((f: any) => f.deputyId === all.body.items[0].deputyId)).toBe(true);
    expect((await get('/api/v1/ceap/flags?minSeverity=2')).status).toBe(400);
  });

  const bad: [string, string][] = [
    ['/api/v1/ceap/reimbursements?pageSize=500', 'pageSize'],
    ['/api/v1/ceap/reimbursements?month=13', 'month'],
    ['/api/v1/ceap/reimbursements?sort=foo', 'sort'],
    ['/api/v1/ceap/reimbursements?flagged=maybe', 'flagged'],
    ['/api/v1/ceap/reimbursements?page=0', 'page'],
    ['/api/v1/ceap/deputies?uf=SPX', 'uf'],
  ];
  for (const [url, parameter] of bad) {
    it(`answers 400 problem+json naming "${parameter}" for ${url}`, async () => {
      const res = await get(url);
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(res.body.errors.map((e: any) => e.parameter)).toContain(parameter);
      expect(res.body.detail).toContain(parameter);
    });
  }

  it('answers 404 problem+json for an unknown reimbursement and 400 for a malformed id', async () => {
    expect((await get('/api/v1/ceap/reimbursements/0123456789abcdef')).status).toBe(404);
    const malformed = await get('/api/v1/ceap/reimbursements/xyz');
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toContain('id');
  });

  it('serves generated OpenAPI docs', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(expect.arrayContaining(['/api/v1/ceap/reimbursements']));
  });
});

describe('REST API before any build', () => {
  it('answers 503 problem+json on data endpoints and still reports health', async () => {
    const home = await makeTempDir();
    const server = await createServer({ home, logger: false });
    try {
      const health = await server.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.json()).toMatchObject({ status: 'ok', warehouse: { available: false, builtAt: null } });
      const res = await server.app.inject({ method: 'GET', url: '/api/v1/ceap/reimbursements' });
      expect(res.statusCode).toBe(503);
      expect(res.json().detail).toContain('hardin demo');
    } finally {
      await server.close();
      await removeDir(home);
    }
  });
});
