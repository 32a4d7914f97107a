// The SALIC endpoints over what the real pipeline writes (generateSalic → ingestSalicExtracts → runBuild →
// runDetect('salic'), test/helpers/salic-home.ts): the backlog order and bands agree with the scores, a project's
// score is the sum of its metrics' contributions, filters return what they say, documents are always masked,
// and PRONACs with a leading zero (the synthetic 2009 projects) are answered as the strings they are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type HardinServer } from '../../src/api/index.js';
import { prepareSalicHome, type SalicHome } from '../helpers/salic-home.js';
import { removeDir } from '../helpers/tmp.js';

const MASKED = /^(\d{2}\.\*{3}\.\*{3}\/\d{4}-\*{2}|\*{3}\.\d{3}\.\d{3}-\*{2})$/;
/** A CPF or CNPJ written in full, bare or punctuated. */
const FULL_DOCUMENT = /(?<![\d*])(\d{3}\.\d{3}\.\d{3}-\d{2}|\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2})(?![\d*])/;

describe('SALIC API over the pipeline', () => {
  let salic: SalicHome;
  let server: HardinServer;
  beforeAll(async () => {
    salic = await prepareSalicHome();
    server = await createServer({ home: salic.home, logger: false });
  });
  afterAll(async () => {
    await server?.close();
    if (salic) await removeDir(salic.home);
  });

  const get = async (url: string) => {
    const res = await server.app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json(), text: res.body };
  };

  it('ranks every project once, most complex first, with bands that match the scores', async () => {
    const ranks: number[] = [];
    let previous = Infinity;
    for (let page = 1; ; page++) {
      const { status, body } = await get(`/api/v1/salic/projects?pageSize=100&page=${page}`);
      expect(status).toBe(200);
      expect(body.total).toBe(salic.projects);
      for (const p of body.items) {
        expect(p.complexity).toBeLessThanOrEqual(previous);
        previous = p.complexity;
        expect(p.band).toBe(p.complexity > 6 ? 'muito_complexo' : p.complexity > 3 ? 'complexo' : 'normal');
        expect(p.pronac).toMatch(/^\d+$/);
        if (p.proponentDocument !== null) expect(p.proponentDocument).toMatch(MASKED);
        ranks.push(p.rank);
      }
      if (page * 100 >= body.total) break;
    }
    expect(ranks).toEqual(Array.from({ length: salic.projects }, (_, i) => i + 1));
    const { body } = await get('/api/v1/salic/projects?pageSize=1');
    expect(body.bands.normal + body.bands.complexo + body.bands.muitoComplexo).toBe(salic.projects);
  });

  it('explains the top projects: contributions add up to the score, outliers are counted, documents masked', async () => {
    const top = (await get('/api/v1/salic/projects?pageSize=5')).body.items;
    expect(top[0].complexity).toBeGreaterThan(0);
    for (const p of top) {
      const { status, body, text } = await get(`/api/v1/salic/projects/${p.pronac}`);
      expect(status).toBe(200);
      expect(body.metrics.map((m: any) => m.metric).sort()).toHaveLength(11);
      const scored = body.metrics.filter((m: any) => m.inScore);
      const points = scored.reduce((s: number, m: any) => s + m.contribution, 0);
      expect(Math.abs(points - body.complexity), p.pronac).toBeLessThanOrEqual(0.1);
      expect(scored.filter((m: any) => m.isOutlier)).toHaveLength(body.outlierCount);
      for (const m of body.metrics) {
        if (m.isOutlier) expect(m.valid).toBe(true);
        expect(typeof m.explanation?.text).toBe('string');
        if (m.segmentStats) expect(m.segmentStats.histogram.length).toBeLessThanOrEqual(30);
      }
      expect(text).not.toMatch(FULL_DOCUMENT);
      for (const [, value] of text.matchAll(/"(?:\w*Document)":"([^"]*)"/g)) expect(value).toMatch(MASKED);
      expect(body.links.map((l: any) => l.url)).toEqual([
        `https://salic.cultura.gov.br/projeto/#/${p.pronac}`,
        `http://api.salic.cultura.gov.br/api/v1/projetos/${p.pronac}/`,
      ]);
    }
  });

  it('filters the backlog by queue, segment, area, UF, complexity and outlier metric', async () => {
    const queue = (await get('/api/v1/salic/projects?backlog=true&pageSize=100')).body;
    expect(queue.total).toBeGreaterThan(0);
    expect(queue.total).toBeLessThan(salic.projects);
    expect(queue.items.every((p: any) => p.inBacklog === true)).toBe(true);
    const segment = (await get('/api/v1/salic/segments')).body.items[0];
    const bySegment = (await get(`/api/v1/salic/projects?segment=${segment.segmentCode}&pageSize=100`)).body;
    expect(bySegment.total).toBe(segment.projects);
    expect(bySegment.items.every((p: any) => p.segment === segment.segment)).toBe(true);
    const first = queue.items[0];
    const narrow = (
      await get(
        `/api/v1/salic/projects?area=${encodeURIComponent(first.area)}&uf=${first.uf}&minComplexity=${first.complexity}&maxComplexity=10`,
      )
    ).body;
    expect(narrow.items.map((p: any) => p.pronac)).toContain(first.pronac);
    expect(narrow.items.every((p: any) => p.uf === first.uf && p.complexity >= first.complexity)).toBe(true);
    const metric = (await get(`/api/v1/salic/projects/${first.pronac}`)).body.metrics.find(
      (m: any) => m.isOutlier,
    );
    const outliers = (await get(`/api/v1/salic/projects?outlier=${metric.metric}&pageSize=100`)).body;
    expect(outliers.items.map((p: any) => p.pronac)).toContain(first.pronac);
  });

  it("groups the queue by analyst: the analysts' counts match their filtered lists, the unassigned come last", async () => {
    const analysts = (await get('/api/v1/salic/analysts?backlog=true')).body;
    const queue = (await get('/api/v1/salic/projects?backlog=true&pageSize=1')).body.total;
    expect(analysts.items.length).toBeGreaterThan(5);
    expect(analysts.unassigned.projects).toBeGreaterThan(0);
    const counted = analysts.items.reduce(
      (s: number, a: any) => s + a.projects,
      analysts.unassigned.projects,
    );
    expect(counted).toBe(queue);
    for (const a of [analysts.items[0], analysts.items.at(-1)]) {
      const list = (
        await get(`/api/v1/salic/projects?backlog=true&pageSize=100&analyst=${encodeURIComponent(a.analyst)}`)
      ).body;
      expect(list.total, a.analyst).toBe(a.projects);
      expect(list.items.every((p: any) => p.analyst === a.analyst)).toBe(true);
      const mean = list.items.reduce((s: number, p: any) => s + p.complexity, 0) / list.items.length;
      expect(a.meanComplexity).toBeCloseTo(mean, 6);
      // Within one analyst, the backlog order: ranks increase.
      const ranks = list.items.map((p: any) => p.rank);
      expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    }
    const none = (await get('/api/v1/salic/projects?backlog=true&analyst=none&pageSize=1')).body;
    expect(none.total).toBe(analysts.unassigned.projects);
    const last = Math.ceil(queue / 100);
    const tail = (await get(`/api/v1/salic/projects?backlog=true&sort=analyst&pageSize=100&page=${last}`))
      .body;
    expect(tail.items.at(-1).analyst).toBeNull();
    const head = (await get('/api/v1/salic/projects?backlog=true&sort=analyst&pageSize=1')).body.items[0];
    expect(head.analyst).toBe(analysts.items[0].analyst);
  });

  it('answers a PRONAC with a leading zero as a string, and its zero-less twin as unknown', async () => {
    const first = (await get('/api/v1/salic/projects?sort=pronac&pageSize=1')).body.items[0];
    expect(first.pronac).toMatch(/^0\d+$/);
    const found = await get(`/api/v1/salic/projects/${first.pronac}`);
    expect(found.body.pronac).toBe(first.pronac);
    const stripped = first.pronac.replace(/^0+/, '');
    const twin = await get(`/api/v1/salic/projects?q=${stripped}&pageSize=100`);
    if (!twin.body.items.some((p: any) => p.pronac === stripped)) {
      expect((await get(`/api/v1/salic/projects/${stripped}`)).status).toBe(404);
    }
  });

  it("shows a segment's metric distributions in both modes", async () => {
    const segment = (await get('/api/v1/salic/segments')).body.items[0];
    for (const mode of ['robust', 'parity']) {
      const { status, body } = await get(`/api/v1/salic/segments/${segment.segmentCode}?mode=${mode}`);
      expect(status).toBe(200);
      expect(body.mode).toBe(mode);
      expect(body.metrics).toHaveLength(11);
      const withStats = body.metrics.filter((m: any) => m.histogram.length > 0);
      expect(withStats.length).toBeGreaterThan(5);
      for (const m of body.metrics) {
        expect(m.outliers).toBeLessThanOrEqual(m.valid);
        expect(m.valid).toBeLessThanOrEqual(segment.projects);
        if (m.lower !== null && m.upper !== null) expect(m.lower).toBeLessThanOrEqual(m.upper);
      }
    }
  });
});
