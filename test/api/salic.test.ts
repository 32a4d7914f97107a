// The SALIC endpoints over the hand-built fixture warehouse (test/helpers/salic-home.ts), whose answers are
// known: five projects with fixed ranks, bands and outlier metrics, two PRONACs that differ only by a leading
// zero, a raw CPF in a detail list, and a segment whose statistics fell back to its area.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type HardinServer } from '../../src/api/index.js';
import { Db, homePaths } from '../../src/core/index.js';
import { FIXTURE_PROJECTS, FIXTURE_RAW_CPF, makeSalicFixtureHome } from '../helpers/salic-home.js';
import { makeTempDir, removeDir } from '../helpers/tmp.js';

describe('SALIC API over the fixture warehouse', () => {
  let home: string;
  let server: HardinServer;
  beforeAll(async () => {
    home = (await makeSalicFixtureHome()).home;
    server = await createServer({ home, logger: false });
  });
  afterAll(async () => {
    await server?.close();
    if (home) await removeDir(home);
  });

  const get = async (url: string) => {
    const res = await server.app.inject({ method: 'GET', url });
    return { status: res.statusCode, type: String(res.headers['content-type']), body: res.json() };
  };
  const pronacs = (body: any) => body.items.map((p: any) => p.pronac);

  it('lists the backlog by rank (most complex first) with band counts', async () => {
    const { status, body } = await get('/api/v1/salic/projects');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      page: 1,
      pageSize: 25,
      total: 5,
      bands: { normal: 3, complexo: 1, muitoComplexo: 1 },
    });
    expect(pronacs(body)).toEqual(FIXTURE_PROJECTS.map((p) => p.pronac));
    expect(body.items[0]).toMatchObject({
      pronac: '132955',
      name: 'Festival de Música do Cerrado',
      segment: 'Música Popular Cantada',
      segmentCode: '31',
      area: 'Música',
      complexity: 7.3,
      band: 'muito_complexo',
      outlierCount: 4,
      rank: 1,
      analyst: 'Ana Souza',
      proponentDocument: '12.***.***/0001-**',
      approvedCents: 10_000_000,
    });
    const reversed = await get('/api/v1/salic/projects?sort=complexity&pageSize=2&page=1');
    expect(pronacs(reversed.body)).toEqual(['141020', '150777']);
  });

  it('sorts by name and PRONAC (as digits, never as a number)', async () => {
    expect(pronacs((await get('/api/v1/salic/projects?sort=name')).body)).toEqual([
      '058123',
      '132955',
      '150777',
      '58123',
      '141020',
    ]);
    expect(pronacs((await get('/api/v1/salic/projects?sort=pronac')).body)).toEqual([
      '058123',
      '58123',
      '132955',
      '141020',
      '150777',
    ]);
  });

  it('sorts by analyst, accents and case ignored, unassigned last, then by rank (complexity descending)', async () => {
    const analysts = (body: any) => body.items.map((p: any) => [p.analyst, p.pronac, p.complexity]);
    const up = await get('/api/v1/salic/projects?sort=analyst');
    expect(up.status).toBe(200);
    expect(analysts(up.body)).toEqual([
      ['Álvaro Pereira', '141020', 0],
      ['Ana Souza', '132955', 7.3],
      ['Ana Souza', '150777', 0.5],
      ['Bruno Lima', '58123', 0.9],
      [null, '058123', 3.2],
    ]);
    // Descending names, still the most complex first within one analyst and the unassigned last.
    const down = await get('/api/v1/salic/projects?sort=-analyst');
    expect(analysts(down.body)).toEqual([
      ['Bruno Lima', '58123', 0.9],
      ['Ana Souza', '132955', 7.3],
      ['Ana Souza', '150777', 0.5],
      ['Álvaro Pereira', '141020', 0],
      [null, '058123', 3.2],
    ]);
    // Stable across pages: page by page gives the same order as one page.
    const paged: string[] = [];
    for (const page of [1, 2, 3]) {
      paged.push(...pronacs((await get(`/api/v1/salic/projects?sort=analyst&pageSize=2&page=${page}`)).body));
    }
    expect(paged).toEqual(pronacs(up.body));
  });

  it('sorts many analysts with unassigned projects last on every page (20 filler projects)', async () => {
    const filled = await makeSalicFixtureHome({ filler: 20 });
    const other = await createServer({ home: filled.home, logger: false });
    try {
      const all: any[] = [];
      for (const page of [1, 2, 3]) {
        const res = await other.app.inject({
          method: 'GET',
          url: `/api/v1/salic/projects?sort=analyst&pageSize=10&page=${page}`,
        });
        all.push(...res.json().items);
      }
      expect(all).toHaveLength(25);
      const firstNull = all.findIndex((p) => p.analyst === null);
      expect(all.slice(firstNull).every((p) => p.analyst === null)).toBe(true);
      expect(all.filter((p) => p.analyst === null).map((p) => p.pronac)).toEqual([
        '058123',
        '9000005',
        '9000010',
        '9000015',
        '9000020',
      ]);
      const key = (a: string) => a.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      const named = all.slice(0, firstNull);
      for (let i = 1; i < named.length; i++) {
        const [a, b] = [named[i - 1], named[i]];
        expect(key(a.analyst) <= key(b.analyst), `${a.analyst} / ${b.analyst}`).toBe(true);
        if (a.analyst === b.analyst) expect(a.rank).toBeLessThan(b.rank);
      }
    } finally {
      await other.close();
      await removeDir(filled.home);
    }
  });

  it('filters by analyst: exact name in any case (blanks collapsed), or none for the unassigned', async () => {
    const cases: [string, string[]][] = [
      ['analyst=Ana%20Souza', ['132955', '150777']],
      ['analyst=ANA%20SOUZA', ['132955', '150777']],
      ['analyst=%20ana%20%20souza%20', ['132955', '150777']],
      ['analyst=%C3%81lvaro%20Pereira', ['141020']],
      // Exact: no accent folding, no fragments.
      ['analyst=Alvaro%20Pereira', []],
      ['analyst=Ana', []],
      ['analyst=none', ['058123']],
      ['analyst=NONE', ['058123']],
      ['analyst=none&band=normal', []],
      ['analyst=bruno%20lima&sort=name', ['58123']],
    ];
    for (const [query, expected] of cases) {
      const { status, body } = await get(`/api/v1/salic/projects?${query}`);
      expect(status, query).toBe(200);
      expect(pronacs(body), query).toEqual(expected);
      expect(body.total, query).toBe(expected.length);
    }
  });

  it('lists the analysts with their projects, mean complexity and bands, and the unassigned apart', async () => {
    const { status, body } = await get('/api/v1/salic/analysts');
    expect(status).toBe(200);
    expect(body).toEqual({
      items: [
        {
          analyst: 'Álvaro Pereira',
          projects: 1,
          meanComplexity: 0,
          maxComplexity: 0,
          bands: { normal: 1, complexo: 0, muitoComplexo: 0 },
        },
        {
          analyst: 'Ana Souza',
          projects: 2,
          meanComplexity: expect.closeTo((7.3 + 0.5) / 2, 6),
          maxComplexity: 7.3,
          bands: { normal: 1, complexo: 0, muitoComplexo: 1 },
        },
        {
          analyst: 'Bruno Lima',
          projects: 1,
          meanComplexity: 0.9,
          maxComplexity: 0.9,
          bands: { normal: 1, complexo: 0, muitoComplexo: 0 },
        },
      ],
      unassigned: {
        projects: 1,
        meanComplexity: 3.2,
        maxComplexity: 3.2,
        bands: { normal: 0, complexo: 1, muitoComplexo: 0 },
      },
    });
    // The fixture says nothing of the queue (no in_backlog column): every project counts either way.
    expect((await get('/api/v1/salic/analysts?backlog=true')).body).toEqual(body);
    const bad = await get('/api/v1/salic/analysts?backlog=sim');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].parameter).toBe('backlog');
  });

  it('filters by complexity range, band, segment (code or name), area, UF, analyst, text and outlier metric', async () => {
    const cases: [string, string[]][] = [
      ['minComplexity=0.9&maxComplexity=3.2', ['058123', '58123']],
      ['band=normal', ['58123', '150777', '141020']],
      ['segment=11', ['058123', '58123']],
      ['segment=m%C3%BAsica%20popular%20cantada', ['132955', '150777', '141020']],
      ['area=Artes%20C%C3%AAnicas&uf=ba', ['58123']],
      ['analyst=ana%20souza', ['132955', '150777']],
      ['q=teatro', ['058123', '58123']],
      ['q=5812', ['058123', '58123']],
      // "%" and "_" are literal characters of the name, not wildcards.
      ['q=100%25', ['150777']],
      ['q=_', ['150777']],
      ['outlier=valor_a_ser_comprovado', ['132955', '058123']],
    ];
    for (const [query, expected] of cases) {
      const { status, body } = await get(`/api/v1/salic/projects?${query}`);
      expect(status, query).toBe(200);
      expect(pronacs(body), query).toEqual(expected);
      expect(body.total, query).toBe(expected.length);
    }
  });

  it('answers 400 problem+json naming the parameter for malformed filters', async () => {
    const cases: [string, string][] = [
      ['minComplexity=abc', 'minComplexity'],
      ['maxComplexity=11', 'maxComplexity'],
      ['minComplexity=5&maxComplexity=2', 'minComplexity'],
      ['pageSize=101', 'pageSize'],
      ['page=0', 'page'],
      ['sort=-rank', 'sort'],
      ['band=amarelo', 'band'],
      ['uf=BRA', 'uf'],
      ['outlier=nope', 'outlier'],
      ['q=', 'q'],
      ['analyst=', 'analyst'],
      ['analyst=%20%20', 'analyst'],
      ['analyst=Ana*', 'analyst'],
      ['analyst=%25', 'analyst'],
      ['analyst=Ana%3BDROP', 'analyst'],
      [`analyst=${'a'.repeat(121)}`, 'analyst'],
    ];
    for (const [query, parameter] of cases) {
      const { status, type, body } = await get(`/api/v1/salic/projects?${query}`);
      expect(status, query).toBe(400);
      expect(type, query).toMatch(/^application\/problem\+json/);
      expect(
        body.errors.map((e: any) => e.parameter),
        query,
      ).toContain(parameter);
      expect(body.detail, query).toContain(`"${parameter}"`);
    }
  });

  it('shows a project with its metrics, contributions, masked documents and SALIC links', async () => {
    const { status, body } = await get('/api/v1/salic/projects/132955');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      pronac: '132955',
      analyst: 'Ana Souza',
      rank: 1,
      rankOf: 5,
      complexity: 7.3,
      mode: 'robust',
      totalWeight: 22,
      inBacklog: null,
    });
    expect(body.metrics).toHaveLength(11);
    // Deviating metrics first, heaviest first; the admissibility indicator carries no weight in the score.
    expect(body.metrics.slice(0, 4).map((m: any) => m.metric)).toEqual([
      'comprovante_saque',
      'comprovante_transferencia',
      'valor_a_ser_comprovado',
      'itens_orcamentarios',
    ]);
    const total = body.metrics.reduce((s: number, m: any) => s + m.contribution, 0);
    expect(total).toBeCloseTo((16 / 22) * 10, 2);
    const saque = body.metrics[0];
    expect(saque).toMatchObject({
      title: 'Comprovante de saque para vários itens',
      weight: 5,
      inScore: true,
      isOutlier: true,
      valid: true,
      value: 12,
      expectedMin: 0,
      expectedMax: 4,
    });
    expect(saque.explanation.text).toMatch(/acima do máximo esperado/);
    expect(saque.details.receipts[0]).toMatchObject({
      receiptId: 9001,
      providerDocument: '***.456.789-**',
      provenCents: 1_250_000,
      budgetLines: 3,
    });
    expect(JSON.stringify(body)).not.toContain(FIXTURE_RAW_CPF);
    expect(saque.segmentStats).toMatchObject({ n: 3, median: 1, upper: 4, fallback: null });
    expect(saque.segmentStats.histogram).toHaveLength(3);
    expect(body.metrics.find((m: any) => m.metric === 'itens_comuns_e_incomuns')).toMatchObject({
      inScore: false,
      contribution: 0,
    });
    expect(body.links).toEqual([
      {
        rel: 'salic-page',
        label: 'Página pública do projeto no SALIC',
        url: 'https://salic.cultura.gov.br/projeto/#/132955',
      },
      {
        rel: 'salic-api',
        label: 'Registro do projeto na API pública do SALIC',
        url: 'http://api.salic.cultura.gov.br/api/v1/projetos/132955/',
      },
    ]);
    const parity = await get('/api/v1/salic/projects/132955?mode=parity');
    expect(parity.body.mode).toBe('parity');
    expect(parity.body.metrics.every((m: any) => m.contribution === null)).toBe(true);
  });

  it('keeps PRONAC a string: "058123" and "58123" are two projects, "0058123" is unknown (404)', async () => {
    expect((await get('/api/v1/salic/projects/058123')).body).toMatchObject({
      name: 'Circuito de Teatro Popular',
      analyst: null,
    });
    expect((await get('/api/v1/salic/projects/58123')).body).toMatchObject({
      name: 'Oficinas de Teatro na Escola',
      analyst: 'Bruno Lima',
    });
    const teatro = (await get('/api/v1/salic/projects/058123')).body.metrics[0].segmentStats;
    expect(teatro.fallback).toMatch(/menos de 5 projetos/);
    const unknown = await get('/api/v1/salic/projects/0058123');
    expect(unknown.status).toBe(404);
    expect(unknown.type).toMatch(/^application\/problem\+json/);
    expect(unknown.body).toMatchObject({ status: 404, title: 'Not found' });
    expect(unknown.body.detail).toContain('"0058123"');
  });

  it('answers 400 for a malformed PRONAC or mode, naming the parameter', async () => {
    for (const bad of ['13295A', '-132955', '1.3e5', '%20132955', '1234567890123']) {
      const { status, type, body } = await get(`/api/v1/salic/projects/${bad}`);
      expect(status, bad).toBe(400);
      expect(type, bad).toMatch(/^application\/problem\+json/);
      expect(body.errors[0].parameter, bad).toBe('pronac');
      expect(body.detail, bad).toMatch(/expected a PRONAC/);
    }
    const mode = await get('/api/v1/salic/projects/132955?mode=gauss');
    expect(mode.status).toBe(400);
    expect(mode.body.errors[0].parameter).toBe('mode');
  });

  it('lists segments and shows one segment by code or name with each metric distribution', async () => {
    const list = await get('/api/v1/salic/segments');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      {
        segment: 'Música Popular Cantada',
        segmentCode: '31',
        area: 'Música',
        projects: 3,
        meanComplexity: expect.closeTo((7.3 + 0.5) / 3, 6),
        maxComplexity: 7.3,
        bands: { normal: 2, complexo: 0, muitoComplexo: 1 },
      },
      {
        segment: 'Teatro',
        segmentCode: '11',
        area: 'Artes Cênicas',
        projects: 2,
        meanComplexity: expect.closeTo(2.05, 6),
        maxComplexity: 3.2,
        bands: { normal: 1, complexo: 1, muitoComplexo: 0 },
      },
    ]);
    const byCode = await get('/api/v1/salic/segments/11');
    const byName = await get('/api/v1/salic/segments/TEATRO?mode=parity');
    expect(byCode.status).toBe(200);
    expect(byName.body).toMatchObject({ segment: 'Teatro', mode: 'parity', projects: 2 });
    expect(byCode.body.metrics).toHaveLength(11);
    const novos = byCode.body.metrics.find((m: any) => m.metric === 'novos_fornecedores');
    expect(novos).toMatchObject({ outliers: 1, valid: 2, n: 2, upper: 4, inScore: true, weight: 1 });
    expect(novos.fallback).toMatch(/Artes Cênicas/);
    expect(novos.histogram).toEqual([
      { lower: 0, upper: 2, count: 3 },
      { lower: 2, upper: 4, count: 1 },
      { lower: 4, upper: 12, count: 1 },
    ]);
    expect(byCode.body.metrics.find((m: any) => m.metric === 'preco_itens')).toMatchObject({ valid: 0 });
    const unknown = await get('/api/v1/salic/segments/99');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain('"99"');
  });

  it('documents the SALIC endpoints in the OpenAPI spec', async () => {
    const { status, body } = await get('/api/docs/json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths).filter((p) => p.startsWith('/api/v1/salic'))).toEqual([
      '/api/v1/salic/projects',
      '/api/v1/salic/projects/{pronac}',
      '/api/v1/salic/analysts',
      '/api/v1/salic/segments',
      '/api/v1/salic/segments/{segment}',
      '/api/v1/salic/metrics',
    ]);
    expect(body.tags).toContainEqual({ name: 'salic' });
  });

  it('lists the metric definitions with their weights (22 in the score)', async () => {
    const { status, body } = await get('/api/v1/salic/metrics');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(11);
    expect(body.items.filter((m: any) => m.inScore).reduce((s: number, m: any) => s + m.weight, 0)).toBe(22);
    expect(body.scoreMethod).toMatch(/de 0 a 10/);
  });
});

describe('SALIC API before the metrics exist', () => {
  it('answers 503 naming the commands to run, with no warehouse and with a warehouse without SALIC', async () => {
    const empty = await makeTempDir('hardin-salic-empty-');
    const ceapOnly = await makeTempDir('hardin-salic-ceap-');
    const db = await Db.open({ path: homePaths(ceapOnly).warehouse });
    await db.run('CREATE SCHEMA marts');
    await db.run('CREATE TABLE marts.reimbursements (reimbursement_id VARCHAR)');
    db.close();
    try {
      for (const [home, pattern] of [
        [empty, /no warehouse under/],
        [ceapOnly, /has no detect\.salic_projects: run .*"hardin detect salic"/],
      ] as const) {
        const server = await createServer({ home, logger: false });
        try {
          for (const url of [
            '/api/v1/salic/projects',
            '/api/v1/salic/projects/132955',
            '/api/v1/salic/analysts',
            '/api/v1/salic/segments',
          ]) {
            const res = await server.app.inject({ method: 'GET', url });
            expect(res.statusCode, url).toBe(503);
            expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
            expect(res.json().detail, url).toMatch(pattern);
          }
          // Bad input is still a 400, not a 503.
          const bad = await server.app.inject({ method: 'GET', url: '/api/v1/salic/projects/12x' });
          expect(bad.statusCode).toBe(400);
        } finally {
          await server.close();
        }
      }
    } finally {
      await removeDir(empty);
      await removeDir(ceapOnly);
    }
  });
});
