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
    const list = await get('/api/v1/ceap/reimbursements?flagged=true&pageSize=1&sort=-severity');
    const id = list.body.items[0].id;
    const { status, body } = await get(`/api/v1/ceap/reimbursements/${id}`);
    expect(status).toBe(200);
    const flag = body.flags[0];
    expect(flag.detector).toBe('monthly_subquota_limit');
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
    expect(deputies.body.items[0].flagCount).toBeGreaterThan(0);
    const subquotas = await get('/api/v1/ceap/subquotas');
    expect(subquotas.body.items.length).toBeGreaterThan(5);
    const detectors = await get('/api/v1/ceap/detectors');
    expect(detectors.body.items[0]).toMatchObject({ id: 'monthly_subquota_limit' });
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
