// The Câmara bills endpoints over a home built by the real pipeline at a small scale (generateBills → ingest →
// build, test/helpers/bills-home.ts) plus the hand-written predictions.bill_outcome fixture of the table contract
// (8 pending bills with known probabilities, threshold 0.41, model bill-outcome v3 'gru'). Expectations come
// from the marts themselves (read through the server's own read-only connection) or from properties of the
// answer (orderings, every row satisfying its filter), never from the code under test. Variants of the home
// cover "no model trained yet", a predictions table without the contract's columns, a stale prediction for a
// bill that has since become final, and a warehouse without the bills (503).
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type HardinServer } from '../../src/api/index.js';
import { Db, homePaths } from '../../src/core/index.js';
import {
  FIXTURE_MODEL,
  FIXTURE_PROBABILITIES,
  FIXTURE_THRESHOLD,
  prepareBillsHome,
  type BillsHome,
} from '../helpers/bills-home.js';
import { makeTempDir, removeDir } from '../helpers/tmp.js';

const BASE = '/api/v1/camara/bills';

/** Lower case without accents (the search is case- and accent-insensitive). */
const fold = (s: string | null) =>
  (s ?? '')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

interface MartBill {
  bill_id: number;
  label: string;
  type_code: string;
  number: number;
  year: number;
  summary: string | null;
  keywords: string | null;
  author_name: string | null;
  author_kind: string;
  author_party: string | null;
  author_uf: string | null;
  is_final: boolean;
  became_law: boolean;
  became_law_at: string | null;
  status_situation: string | null;
  events_count: number;
}

/** A copy of the home's warehouse in a new home, changed by `sql` (the variants below). */
async function variantHome(from: string, sql: string[]): Promise<string> {
  const home = await makeTempDir('hardin-bills-variant-');
  await fs.copyFile(homePaths(from).warehouse, homePaths(home).warehouse);
  const db = await Db.open({ path: homePaths(home).warehouse });
  try {
    for (const s of sql) await db.run(s);
  } finally {
    db.close();
  }
  return home;
}

describe('Câmara bills API over the pipeline-built home', () => {
  let bills: BillsHome;
  let server: HardinServer;
  let mart: MartBill[];
  beforeAll(async () => {
    bills = await prepareBillsHome();
    server = await createServer({ home: bills.home, logger: false });
    mart = await server.reader.all<MartBill & Record<string, any>>(
      `SELECT bill_id, label, type_code, number, year, summary, keywords, author_name, author_kind, author_party,
              author_uf, is_final, became_law, strftime(became_law_at, '%Y-%m-%d') AS became_law_at,
              status_situation, events_count
       FROM marts.bills ORDER BY bill_id`,
    );
  });
  afterAll(async () => {
    await server?.close();
    if (bills?.home) await removeDir(bills.home);
  });

  const get = async (url: string) => {
    const res = await server.app.inject({ method: 'GET', url });
    return { status: res.statusCode, type: String(res.headers['content-type']), body: res.json() };
  };
  /** Every id the list answers for `query`, following the pages (limit 100). */
  const allIds = async (query: string): Promise<number[]> => {
    const ids: number[] = [];
    for (let offset = 0; ; offset += 100) {
      const { status, body } = await get(`${BASE}?${query}${query ? '&' : ''}limit=100&offset=${offset}`);
      expect(status, query).toBe(200);
      ids.push(...body.items.map((b: any) => b.id));
      if (offset + 100 >= body.total) return ids;
    }
  };
  const idsWhere = (keep: (b: MartBill) => boolean) => mart.filter(keep).map((b) => b.bill_id);
  const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
  const pending = (b: MartBill) => !b.is_final && !b.became_law;
  const predicted = () => bills.predictions;

  it('lists every bill, newest first by default, with the total and the sort it applied', async () => {
    const { status, body } = await get(BASE);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      page: 1,
      pageSize: 25,
      offset: 0,
      total: mart.length,
      sort: '-presentedAt',
    });
    expect(mart.length).toBe(bills.generated.bills);
    expect(body.items).toHaveLength(25);
    const dates = body.items.map((b: any) => b.presentedAt as string);
    expect(dates).toEqual([...dates].sort().reverse());
    const first = body.items[0];
    const row = mart.find((b) => b.bill_id === first.id)!;
    expect(first).toMatchObject({
      label: row.label,
      type: row.type_code,
      number: row.number,
      year: row.year,
      summary: row.summary,
      authorName: row.author_name,
      authorKind: row.author_kind,
      eventsCount: row.events_count,
    });
    expect(first.presentedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });

  it('ranks pending bills by predicted probability by default, unscored ones after', async () => {
    const { body } = await get(`${BASE}?status=pending&pageSize=100`);
    expect(body.sort).toBe('-probability');
    expect(body.total).toBe(idsWhere(pending).length);
    const scored = predicted();
    expect(
      body.items.slice(0, scored.length).map((b: any) => [b.id, b.probability, b.predictedPositive]),
    ).toEqual(scored.map((p) => [p.billId, p.probability, p.probability >= FIXTURE_THRESHOLD]));
    expect(body.items.slice(scored.length).every((b: any) => b.probability === null)).toBe(true);
    expect(body.items.every((b: any) => b.status === 'pending' && !b.becameLaw)).toBe(true);
  });

  it('finds a bill by its label however it is typed', async () => {
    const bill = mart.find((b) => b.type_code === 'PL' && b.number >= 10)!;
    const short = String(bill.year).slice(2);
    for (const q of [
      `PL ${bill.number}/${bill.year}`,
      `pl ${bill.number}/${bill.year}`,
      `PL${bill.number}/${short}`,
      `PL nº ${bill.number}/${bill.year}`,
      ` pl ${bill.number} / ${bill.year} `,
    ]) {
      const { status, body } = await get(`${BASE}?status=final&q=${encodeURIComponent(q)}`);
      expect(status, q).toBe(200);
      // status=final may exclude it: ask without the status too.
      const any = (await get(`${BASE}?q=${encodeURIComponent(q)}`)).body;
      expect(
        any.items.map((b: any) => b.label),
        q,
      ).toEqual([bill.label]);
      expect(body.total).toBe(bill.is_final || bill.became_law ? 1 : 0);
    }
    // Number and year without a type: every type with that number in that year.
    expect(sorted(await allIds(`q=${bill.number}/${bill.year}`))).toEqual(
      idsWhere((b) => b.number === bill.number && b.year === bill.year),
    );
    // A bare number is the id or the number.
    expect(sorted(await allIds(`q=${bill.bill_id}`))).toEqual([bill.bill_id]);
    expect(await allIds('q=PL%2099999/2021')).toEqual([]);
  });

  it('searches words of the ementa, keywords and author, case- and accent-insensitively', async () => {
    const words = ['transporte escolar', 'saude', 'Saúde', 'EDUCAÇÃO', 'código civil'];
    for (const q of words) {
      const terms = fold(q).split(' ');
      const want = idsWhere((b) =>
        terms.every((t) => [b.summary, b.keywords, b.label, b.author_name].some((f) => fold(f).includes(t))),
      );
      expect(want.length, `the synthetic data should contain "${q}"`).toBeGreaterThan(0);
      expect(sorted(await allIds(`q=${encodeURIComponent(q)}`)), q).toEqual(want);
    }
    expect(await allIds(`q=${encodeURIComponent('saude')}`)).toEqual(
      await allIds(`q=${encodeURIComponent('SAÚDE')}`),
    );
    // LIKE wildcards are literal.
    expect(await allIds('q=%25')).toEqual(
      idsWhere((b) => [b.summary, b.keywords].some((f) => f?.includes('%'))),
    );
  });

  it('filters by type, years, status, author, theme, probability and prediction', async () => {
    const [party, uf] = [
      mart.find((b) => b.author_party)!.author_party!,
      mart.find((b) => b.author_uf)!.author_uf!,
    ];
    const themes = await server.reader.all<{ bill_id: number; theme_id: number; theme: string }>(
      'SELECT bill_id, theme_id, theme FROM marts.bill_themes',
    );
    const theme = themes[0]!;
    const withTheme = new Set(themes.filter((t) => t.theme_id === theme.theme_id).map((t) => t.bill_id));
    const prob = new Map(predicted().map((p) => [p.billId, p]));
    const cases: [string, (b: MartBill) => boolean][] = [
      ['type=PEC', (b) => b.type_code === 'PEC'],
      ['type=PL&type=pec', (b) => ['PL', 'PEC'].includes(b.type_code)],
      ['type=plp,MPV', (b) => ['PLP', 'MPV'].includes(b.type_code)],
      ['minYear=2022', (b) => b.year >= 2022],
      ['minYear=2022&maxYear=2022', (b) => b.year === 2022],
      ['maxYear=2021', (b) => b.year <= 2021],
      ['status=pending', pending],
      ['status=final', (b) => b.is_final || b.became_law],
      ['status=law', (b) => b.became_law],
      ['authorKind=executive', (b) => b.author_kind === 'executive'],
      [
        `party=${encodeURIComponent(party.toLowerCase())}`,
        (b) => b.author_party?.toUpperCase() === party.toUpperCase(),
      ],
      [`uf=${uf.toLowerCase()}`, (b) => b.author_uf === uf],
      [`theme=${theme.theme_id}`, (b) => withTheme.has(b.bill_id)],
      [`theme=${encodeURIComponent(fold(theme.theme).toUpperCase())}`, (b) => withTheme.has(b.bill_id)],
      ['minProbability=0.41', (b) => (prob.get(b.bill_id)?.probability ?? -1) >= 0.41],
      [
        'minProbability=0.05&maxProbability=0.5',
        (b) => {
          const p = prob.get(b.bill_id)?.probability;
          return p !== undefined && p >= 0.05 && p <= 0.5;
        },
      ],
      ['predicted=positive', (b) => prob.get(b.bill_id)?.predictedPositive === true],
      ['predicted=negative', (b) => prob.get(b.bill_id)?.predictedPositive === false],
      ['type=PL&status=pending&minYear=2022', (b) => b.type_code === 'PL' && pending(b) && b.year >= 2022],
    ];
    for (const [query, keep] of cases) {
      const want = idsWhere(keep);
      expect(want.length, `${query} should select some bills in the synthetic data`).toBeGreaterThan(0);
      expect(want.length, `${query} should not select every bill`).toBeLessThan(mart.length);
      expect(sorted(await allIds(query)), query).toEqual(want);
    }
    // The fixture's threshold is 0.41 and 0.41 is predicted positive (probability ≥ threshold).
    expect(
      predicted()
        .filter((p) => p.predictedPositive)
        .map((p) => p.probability),
    ).toEqual(FIXTURE_PROBABILITIES.filter((p) => p >= FIXTURE_THRESHOLD));
  });

  it('sorts by probability, presentation, last event and number, in both directions', async () => {
    const rows = async (sort: string) => (await get(`${BASE}?status=final&sort=${sort}&pageSize=100`)).body;
    type Key = (string | number)[];
    const compare = (a: Key, b: Key) => {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as any) < (b[i] as any) ? -1 : 1;
      return 0;
    };
    const label = (b: any): Key => [b.type, b.year, b.number];
    const pairs: [string, (b: any) => Key, 'asc' | 'desc'][] = [
      ['presentedAt', (b) => [b.presentedAt], 'asc'],
      ['-presentedAt', (b) => [b.presentedAt], 'desc'],
      ['lastEventAt', (b) => [b.lastEventAt], 'asc'],
      ['-lastEventAt', (b) => [b.lastEventAt], 'desc'],
      ['number', label, 'asc'],
      ['-number', label, 'desc'],
    ];
    for (const [sort, key, dir] of pairs) {
      const body = await rows(sort);
      expect(body.sort).toBe(sort);
      const keys: Key[] = body.items.map(key);
      const want = [...keys].sort((a, b) => (dir === 'asc' ? compare(a, b) : compare(b, a)));
      expect(keys, sort).toEqual(want);
    }
    const up = (await get(`${BASE}?status=pending&sort=probability&pageSize=100`)).body.items;
    const scored = up.filter((b: any) => b.probability !== null).map((b: any) => b.probability);
    expect(scored).toEqual([...FIXTURE_PROBABILITIES].sort((a, b) => a - b));
    expect(up.slice(0, scored.length).every((b: any) => b.probability !== null)).toBe(true);
  });

  it('paginates with page/pageSize or limit/offset without overlaps, up to 100 a page', async () => {
    const whole = await allIds('sort=number');
    expect(sorted(whole)).toEqual(mart.map((b) => b.bill_id));
    const p2 = (await get(`${BASE}?sort=number&page=2&pageSize=10`)).body;
    expect(p2).toMatchObject({ page: 2, pageSize: 10, offset: 10, total: mart.length });
    expect(p2.items.map((b: any) => b.id)).toEqual(whole.slice(10, 20));
    const odd = (await get(`${BASE}?sort=number&limit=7&offset=15`)).body;
    expect(odd).toMatchObject({ page: 3, pageSize: 7, offset: 15 });
    expect(odd.items.map((b: any) => b.id)).toEqual(whole.slice(15, 22));
    const beyond = (await get(`${BASE}?offset=${mart.length + 5}`)).body;
    expect(beyond).toMatchObject({ items: [], total: mart.length });
  });

  it('answers 400 naming the parameter and the bad value', async () => {
    const cases: [string, string, RegExp][] = [
      ['type=XX', 'type', /"XX".*expected PL, PLP, PEC, MPV, PDL, PDC/],
      ['type=PL,PEX', 'type', /unknown bill type "PEX"/],
      ['minYear=abc', 'minYear', /"abc".*expected a year/],
      ['minYear=2023&maxYear=2021', 'minYear', /must not be greater than maxYear \(2021\)/],
      ['status=open', 'status', /"open".*expected one of pending, final, law/],
      ['authorKind=alien', 'authorKind', /"alien"/],
      ['uf=SPX', 'uf', /"SPX".*two-letter state/],
      ['minProbability=12', 'minProbability', /"12".*from 0 to 1.*not a percentage/],
      ['maxProbability=-0.1', 'maxProbability', /"-0.1"/],
      ['minProbability=0.6&maxProbability=0.2', 'minProbability', /greater than maxProbability/],
      ['predicted=maybe', 'predicted', /"maybe".*positive or negative/],
      ['sort=name', 'sort', /"name".*-probability/],
      ['limit=101', 'limit', /"101".*at most 100/],
      ['pageSize=0', 'pageSize', /"0".*at least 1/],
      ['offset=-1', 'offset', /"-1".*at least 0/],
      ['page=2000000', 'page', /"2000000".*at most 1000000/],
      ['page=2&offset=10', 'offset', /either page or offset/],
      ['q=', 'q', /must not be empty/],
    ];
    for (const [query, parameter, detail] of cases) {
      const { status, type, body } = await get(`${BASE}?${query}`);
      expect(status, query).toBe(400);
      expect(type).toMatch(/^application\/problem\+json/);
      expect(
        body.errors.map((e: any) => e.parameter),
        query,
      ).toContain(parameter);
      expect(body.detail, query).toMatch(detail);
    }
  });

  it('documents the endpoints in the OpenAPI, with the type parameter repeatable', async () => {
    const { status, body } = await get('/api/docs/json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths).filter((p) => p.startsWith('/api/v1/camara'))).toEqual([
      '/api/v1/camara/bills',
      '/api/v1/camara/bills/summary',
      '/api/v1/camara/bills/{id}',
    ]);
    const type = body.paths['/api/v1/camara/bills'].get.parameters.find((p: any) => p.name === 'type');
    expect(type.schema.anyOf.map((s: any) => s.type)).toEqual(['string', 'array']);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await get(`${BASE}/999`);
    expect(missing.status).toBe(404);
    expect(missing.type).toMatch(/^application\/problem\+json/);
    expect(missing.body.detail).toBe(
      'bill 999 does not exist: no proposition with that id among the bills (PL, PLP, PEC, MPV, PDL, PDC) in marts.bills',
    );
    for (const id of ['PL-12', '0', '12abc', encodeURIComponent('PL 12/2021')]) {
      const bad = await get(`${BASE}/${id}`);
      expect(bad.status, id).toBe(400);
      expect(bad.body.errors[0].parameter).toBe('id');
      expect(bad.body.detail).toMatch(/expected a bill id.*\?q=PL 1234\/2021/);
    }
  });

  it('gives the full tramitação in the mart order, with gaps and flags, and links to the Câmara', async () => {
    const law = mart.find((b) => b.became_law)!;
    const ids = [
      law.bill_id,
      ...predicted().map((p) => p.billId),
      mart.find((b) => b.is_final && !b.became_law)!.bill_id,
    ];
    for (const id of ids) {
      const want = await server.reader.all<Record<string, any>>(
        `SELECT sequence, event_index, strftime(occurred_at, '%Y-%m-%dT%H:%M:%S') AS at, organ, situation, dispatch,
                days_since_previous, is_law, is_plenary_approval, is_archived, opinion, is_rapporteur_designation
         FROM marts.tramitacao_events WHERE bill_id = ${id} ORDER BY bill_id, event_index`,
      );
      const { status, body } = await get(`${BASE}/${id}`);
      expect(status).toBe(200);
      expect(body.timeline.map((e: any) => e.sequence)).toEqual(want.map((w) => w.sequence));
      expect(body.timeline.map((e: any) => e.index)).toEqual(want.map((_, i) => i + 1));
      expect(body.timeline).toHaveLength(body.eventsCount);
      expect(
        body.timeline.map((e: any) => [
          e.occurredAt,
          e.organ,
          e.situation,
          e.dispatch,
          e.daysSincePrevious,
          e.isLaw,
          e.isPlenaryApproval,
          e.isArchived,
          e.opinion,
          e.isRapporteurDesignation,
        ]),
      ).toEqual(
        want.map((w) => [
          w.at,
          w.organ,
          w.situation,
          w.dispatch,
          w.days_since_previous,
          w.is_law,
          w.is_plenary_approval,
          w.is_archived,
          w.opinion,
          w.is_rapporteur_designation,
        ]),
      );
      const dates = body.timeline.map((e: any) => e.occurredAt);
      expect(dates).toEqual([...dates].sort());
      expect(body.timeline[0].daysSincePrevious).toBeNull();
      expect(body.links).toEqual([
        {
          rel: 'camara-page',
          label: expect.any(String),
          url: `https://www.camara.leg.br/proposicoesWeb/fichadetramitacao?idProposicao=${id}`,
        },
        {
          rel: 'camara-api',
          label: expect.any(String),
          url: `https://dadosabertos.camara.leg.br/api/v2/proposicoes/${id}`,
        },
      ]);
    }
    const detail = (await get(`${BASE}/${law.bill_id}`)).body;
    expect(detail.timeline.some((e: any) => e.isLaw)).toBe(true);
    const authors = await server.reader.all<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM marts.bill_authors WHERE bill_id = ${law.bill_id}`,
    );
    expect(detail.authors).toHaveLength(authors[0]!.n);
    expect(detail.authors[0]).toMatchObject({ isFirst: true, name: law.author_name });
  });

  it('gives a pending bill its prediction with the model version, threshold, date and horizon', async () => {
    for (const p of predicted()) {
      const { body } = await get(`${BASE}/${p.billId}`);
      expect(body.status).toBe('pending');
      expect(body.predictionReason).toBeNull();
      expect(body.prediction).toEqual({
        probability: p.probability,
        threshold: FIXTURE_THRESHOLD,
        predictedPositive: p.probability >= FIXTURE_THRESHOLD,
        asOf: p.asOf,
        horizonDays: 730,
        ageDays: p.ageDays,
        eventsUsed: p.eventsUsed,
        predictedAt: '2026-01-01T00:03:00',
        model: {
          name: FIXTURE_MODEL.name,
          version: FIXTURE_MODEL.version,
          algorithm: FIXTURE_MODEL.algorithm,
        },
      });
      expect(body.probability).toBe(p.probability);
    }
  });

  it('says why there is no prediction: a pending bill left out, or a final bill with its outcome', async () => {
    const scored = new Set(predicted().map((p) => p.billId));
    const left = mart.find((b) => pending(b) && !scored.has(b.bill_id))!;
    const a = (await get(`${BASE}/${left.bill_id}`)).body;
    expect(a.prediction).toBeNull();
    expect(a.predictionReason).toEqual({
      code: 'not-scored',
      message: `no prediction for this pending bill: the bill-outcome model v3 scored 8 pending bills as of ${predicted()[0]!.asOf} and this one is not among them`,
    });
    const law = mart.find((b) => b.became_law)!;
    const b = (await get(`${BASE}/${law.bill_id}`)).body;
    expect(b).toMatchObject({ status: 'final', isFinal: true, becameLaw: true, prediction: null });
    expect(b.outcome).toMatchObject({ becameLaw: true, becameLawAt: expect.stringMatching(/^\d{4}-/) });
    expect(b.predictionReason).toEqual({
      code: 'bill-final',
      message: `bill is final: became law on ${law.became_law_at}`,
    });
    const archived = mart.find((b) => b.is_final && !b.became_law && b.status_situation === 'Arquivada')!;
    const c = (await get(`${BASE}/${archived.bill_id}`)).body;
    expect(c.prediction).toBeNull();
    expect(c.predictionReason.code).toBe('bill-final');
    expect(c.predictionReason.message).toMatch(/^bill is final: Arquivada \(since \d{4}-\d{2}-\d{2}\)$/);
  });

  it('summarises counts by type and status, the base rate and the served predictions', async () => {
    const { status, body } = await get(`${BASE}/summary`);
    expect(status).toBe(200);
    const final = mart.filter((b) => b.is_final || b.became_law).length;
    const law = mart.filter((b) => b.became_law).length;
    expect(body).toMatchObject({
      total: mart.length,
      byStatus: { pending: mart.length - final, final, law },
      baseRate: { finalBills: final, becameLaw: law, rate: law / final },
      predictions: {
        available: true,
        reason: null,
        model: { name: 'bill-outcome', version: 3, algorithm: 'gru' },
        asOf: predicted()[0]!.asOf,
        horizonDays: 730,
        threshold: FIXTURE_THRESHOLD,
        scored: 8,
        predictedPositive: 4,
      },
      years: { min: 2021, max: 2023 },
    });
    for (const [type, n] of Object.entries(bills.generated.byType)) {
      expect(body.byType.find((t: any) => t.type === type)).toMatchObject({
        total: n.bills,
        law: n.becameLaw,
      });
    }
    expect(body.themes.length).toBeGreaterThan(5);
    expect(body.parties.length).toBeGreaterThan(3);
    expect(body.authorKinds.reduce((s: number, k: any) => s + k.bills, 0)).toBe(mart.length);
    expect(body.dataAsOf).toBe(predicted()[0]!.asOf);
  });

  describe('variants of the predictions table', () => {
    const variants: string[] = [];
    afterAll(async () => {
      for (const home of variants) await removeDir(home);
    });
    const serve = async (sql: string[]) => {
      const home = await variantHome(bills.home, sql);
      variants.push(home);
      return createServer({ home, logger: false });
    };
    const inject = async (s: HardinServer, url: string) =>
      (await s.app.inject({ method: 'GET', url })).json();

    it('says "no model trained yet" when the table is absent, and still lists and sorts', async () => {
      const s = await serve(['DROP TABLE predictions.bill_outcome']);
      try {
        const p = predicted()[0]!;
        const detail = await inject(s, `${BASE}/${p.billId}`);
        expect(detail.prediction).toBeNull();
        expect(detail.predictionReason).toEqual({
          code: 'no-model',
          message: 'no model trained yet: run "hardin train bill-outcome"',
        });
        const list = await inject(s, `${BASE}?status=pending`);
        expect(list.sort).toBe('-probability');
        expect(list.items.every((b: any) => b.probability === null)).toBe(true);
        expect(list.total).toBe(mart.filter(pending).length);
        expect((await inject(s, `${BASE}?predicted=positive`)).total).toBe(0);
        const summary = await inject(s, `${BASE}/summary`);
        expect(summary.predictions).toMatchObject({ available: false, scored: 0, model: null });
        expect(summary.predictions.reason.code).toBe('no-model');
      } finally {
        await s.close();
      }
    });

    it('treats a table without the contract columns as absent, naming them, instead of failing', async () => {
      const s = await serve(['ALTER TABLE predictions.bill_outcome DROP COLUMN threshold']);
      try {
        const detail = await inject(s, `${BASE}/${predicted()[0]!.billId}`);
        expect(detail.prediction).toBeNull();
        expect(detail.predictionReason.code).toBe('no-model');
        expect(detail.predictionReason.message).toMatch(/lacks column\(s\) threshold/);
        expect((await s.app.inject({ method: 'GET', url: `${BASE}?sort=-probability` })).statusCode).toBe(
          200,
        );
      } finally {
        await s.close();
      }
    });

    it('serves no predictions, and still answers, when the table cannot be read', async () => {
      const s = await serve([
        'ALTER TABLE predictions.bill_outcome ALTER predicted_positive TYPE VARCHAR',
        "UPDATE predictions.bill_outcome SET predicted_positive = 'sim'",
      ]);
      try {
        const detail = await inject(s, `${BASE}/${predicted()[0]!.billId}`);
        expect(detail.prediction).toBeNull();
        expect(detail.predictionReason.code).toBe('no-model');
        expect(detail.predictionReason.message).toMatch(
          /^predictions\.bill_outcome could not be read \(.*sim/,
        );
        const list = await s.app.inject({ method: 'GET', url: `${BASE}?status=pending&predicted=positive` });
        expect(list.statusCode).toBe(200);
        expect(list.json().total).toBe(0);
      } finally {
        await s.close();
      }
    });

    it('serves the newest row of a bill and never a prediction for a bill that is final now', async () => {
      const p = predicted()[1]!;
      const law = mart.find((b) => b.became_law)!;
      const s = await serve([
        `INSERT INTO predictions.bill_outcome SELECT * REPLACE (0.99 AS probability, 2 AS model_version,
           TIMESTAMP '2025-06-01 00:00:00' AS predicted_at) FROM predictions.bill_outcome WHERE bill_id = ${p.billId}`,
        `INSERT INTO predictions.bill_outcome SELECT * REPLACE (${law.bill_id} AS bill_id, 0.7 AS probability)
         FROM predictions.bill_outcome WHERE bill_id = ${p.billId} AND model_version = 3`,
      ]);
      try {
        const detail = await inject(s, `${BASE}/${p.billId}`);
        expect(detail.prediction).toMatchObject({ probability: p.probability, model: { version: 3 } });
        const final = await inject(s, `${BASE}/${law.bill_id}`);
        expect(final.prediction).toBeNull();
        expect(final.predictionReason.code).toBe('bill-final');
        const list = await inject(s, `${BASE}?status=pending&pageSize=100`);
        expect(list.items.filter((b: any) => b.id === p.billId)).toHaveLength(1);
      } finally {
        await s.close();
      }
    });
  });
});

describe('Câmara bills API before the bills are built', () => {
  it('answers 503 naming the commands, with no warehouse and with a warehouse without bills', async () => {
    const empty = await makeTempDir('hardin-bills-empty-');
    const ceapOnly = await makeTempDir('hardin-bills-ceap-');
    const db = await Db.open({ path: homePaths(ceapOnly).warehouse });
    await db.run('CREATE SCHEMA marts');
    await db.run('CREATE TABLE marts.reimbursements (reimbursement_id VARCHAR)');
    db.close();
    try {
      for (const [home, pattern] of [
        [empty, /no warehouse under .*"hardin ingest camara proposicoes" \+ "hardin build"/],
        [ceapOnly, /has no marts\.bills: run "hardin ingest camara proposicoes" and "hardin build" first/],
      ] as const) {
        const server = await createServer({ home, logger: false });
        try {
          for (const url of [BASE, `${BASE}/summary`, `${BASE}/2290011`]) {
            const res = await server.app.inject({ method: 'GET', url });
            expect(res.statusCode, url).toBe(503);
            expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
            expect(res.json().detail, url).toMatch(pattern);
          }
          const bad = await server.app.inject({ method: 'GET', url: `${BASE}/12x` });
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
