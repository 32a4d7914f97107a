// Browser tests of the Lei Rouanet pages (backlog ranking, project page, segment explorer): Debian's Chromium
// driven by playwright-core against a real server over a small SALIC home built by the real pipeline
// (generateSalic → ingest → build → detect salic, test/helpers/salic-home.ts). As in the other browser tests,
// expectations are read from the API first and looked for on the page as a person sees them (pt-BR "5,2",
// "R$ 3.133,59"), and every test fails on console errors, uncaught exceptions and 5xx answers except the 4xx it
// provokes on purpose. The pure helpers the pages format with are tested first, in Node. Screenshots go to
// /tmp/hardin-salic-*.png. Known-answer cases (a raw CPF in a detail list, fixed ranks) are in test/api/salic.test.ts.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { columnLabel, formatCell } from '../../web/src/components/salic-labels.js';
import { formatCount, formatInteger } from '../../web/src/format.js';
import {
  BAND_LABELS,
  bandOf,
  formatComplexity,
  formatExpectedRange,
  formatMad,
  formatMetricValue,
  isLogSpaced,
  metricUnit,
  modeFromQuery,
  salicAnalystPath,
  salicProjectPath,
  salicSegmentPath,
  type SalicAnalysts,
  type SalicProjectDetail,
  type SalicProjectPage,
  type SalicSegment,
  type SalicSegmentDetail,
} from '../../web/src/salic-api.js';
import { startSalicServer } from '../helpers/salic-home.js';
import { CHROMIUM, hasChromium } from './browser-harness.js';

describe('salic pages helpers', () => {
  it('formats complexity, bands, metric values and expected ranges in pt-BR', () => {
    expect(formatComplexity(7.27)).toBe('7,3');
    expect(formatComplexity(null)).toBe('—');
    expect([0, 3, 3.01, 6, 6.1, 10].map(bandOf)).toEqual([
      'normal',
      'normal',
      'complexo',
      'complexo',
      'muito_complexo',
      'muito_complexo',
    ]);
    expect(metricUnit('valor_a_ser_comprovado')).toBe('cents');
    expect(metricUnit('valor_a_ser_comprovado', { observed: { unit: 'count' } })).toBe('count');
    expect(metricUnit('desconhecida')).toBe('none');
    expect(formatMetricValue(1_250_000, 'cents')).toBe('R$ 12.500,00');
    expect(formatMetricValue(0.25, 'ratio')).toBe('25%');
    expect(formatMetricValue(3, 'count', false)).toBe('não calculável');
    expect(formatExpectedRange(0, 4, 'count')).toBe('de 0 a 4');
    expect(formatExpectedRange(null, 4, 'count')).toBe('até 4');
    expect(formatExpectedRange(0.2, null, 'ratio')).toBe('a partir de 20%');
    expect(modeFromQuery('paridade')).toBe('parity');
    expect(modeFromQuery(null)).toBe('robust');
    expect(salicProjectPath('058123')).toBe('/lei-rouanet/projetos/058123');
    expect(salicSegmentPath({ segment: 'Teatro', segmentCode: null })).toBe('/lei-rouanet/segmentos/Teatro');
    expect(salicAnalystPath('Sérgio Lima')).toBe('/lei-rouanet?analyst=S%C3%A9rgio%20Lima');
  });

  it('formats evidence cells by their key and detects log-spaced histograms', () => {
    expect(formatCell('provenCents', 1_250_000)).toBe('R$ 12.500,00');
    expect(formatCell('receiptId', 90011)).toBe('90011');
    expect(formatCell('paymentType', 3)).toBe('Saque/dinheiro');
    expect(formatCell('paymentDate', '2014-01-15')).toBe('15/01/2014');
    expect(formatCell('items', ['A', 'B'])).toBe('A, B');
    expect(formatCell('share', 0.125)).toBe('12,5%');
    expect(formatCell('budgetLines', 1234)).toBe('1.234');
    expect(formatCell('providerName', null)).toBe('—');
    expect(formatCell('paid', [{ budgetLineId: 2001, item: 'Som', provenCents: 12_345 }])).toBe(
      'Som (linha 2001): R$ 123,45',
    );
    expect(formatCell('ratioToMedian', 3.254)).toBe('3,25×');
    expect(
      formatCell('receipts', [
        {
          receiptId: 7,
          proofNumber: 'SQ-1',
          paymentDate: '2018-10-30',
          providerName: 'Ipê',
          providerDocument: '30.***.***/0001-**',
          provenCents: 100,
        },
      ]),
    ).toBe('Comprovante nº SQ-1 de 30/10/2018, Ipê (30.***.***/0001-**): R$ 1,00');
    expect(columnLabel('lines', 'proofs')).toBe('Nº de itens pagos');
    expect(columnLabel('lines')).toBe('Linhas do orçamento');
    expect(columnLabel('someNewField')).toBe('Some new field');
    expect(formatMad(0.3512, 'log', 'cents')).toBe('0,35 em ln(1 + valor)');
    expect(formatMad(150, 'linear', 'cents')).toBe('R$ 1,50');
    expect(formatMad(0.27, 'logit', 'ratio')).toBe('0,27 em logit');
    expect(formatMad(null, 'log', 'count')).toBe('—');
    const linear = [0, 1, 2, 3].map((i) => ({ lower: i, upper: i + 1, count: 1 }));
    const log = [1, 10, 100, 1000].map((v) => ({ lower: v, upper: v * 10, count: 1 }));
    expect(isLogSpaced(linear)).toBe(false);
    expect(isLogSpaced(log)).toBe(true);
    // Equal bins of ln(1 + x) mapped back to x, as the detector stores them, start at 0.
    const log1p = [0, 1, 2, 3, 4].map((i) => ({ lower: Math.expm1(i), upper: Math.expm1(i + 1), count: 2 }));
    expect(isLogSpaced(log1p)).toBe(true);
  });
});

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** A CPF or CNPJ written in full: the pages must only ever show masked documents. */
const FULL_DOCUMENT = /(?<![\d*])(\d{3}\.\d{3}\.\d{3}-\d{2}|\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2})(?![\d*])/;

/** Bins the chart draws: an all-equal distribution is stored as zero-width bins, only the full one is drawn. */
const drawn = (bins: { lower: number; upper: number; count: number }[]) =>
  bins.filter((b) => b.upper > b.lower || b.count > 0).length;

describe.skipIf(!hasChromium)('Lei Rouanet pages in Chromium', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let allowed: RegExp[];

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}${path}`);
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const goto = (path: string) => page.goto(`${server.url}${path}`);
  const settled = () => page.waitForFunction('!document.querySelector(\'[data-testid="loading"]\')');
  const pronacsOnPage = async () => {
    await settled();
    return page.getByTestId('salic-projects-table').getByTestId('pronac-link').allTextContents();
  };
  const countText = (total: number) => formatCount(total, 'projeto encontrado', 'projetos encontrados');

  beforeAll(async () => {
    server = await startSalicServer('pipeline');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({
      locale: 'pt-BR',
      timezoneId: 'America/Sao_Paulo',
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    problems = [];
    allowed = [];
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const line = `${m.text()} (${m.location().url})`;
      if (!allowed.some((p) => p.test(line))) problems.push(`console: ${line}`);
    });
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 500) problems.push(`HTTP ${r.status()} ${r.url()}`);
    });
  });
  afterEach(async () => {
    await context.close();
    expect(problems, 'console errors, uncaught exceptions or 5xx responses').toEqual([]);
  });

  it('ranks the review queue with colour bands, switches to all projects, sorts, searches and shows a 400', async () => {
    const queue = await api<SalicProjectPage>('/api/v1/salic/projects?backlog=true');
    const all = await api<SalicProjectPage>('/api/v1/salic/projects');
    expect(queue.total).toBeLessThan(all.total);
    await goto('/lei-rouanet');
    await page.getByRole('heading', { level: 1, name: /Lei Rouanet/ }).waitFor();
    expect(
      await page.getByRole('link', { name: 'Lei Rouanet', exact: true }).getAttribute('aria-current'),
    ).toBe('page');
    await page
      .getByTestId('result-count')
      .filter({ hasText: countText(queue.total) })
      .waitFor();
    expect(await pronacsOnPage()).toEqual(queue.items.map((p) => p.pronac));
    const top = queue.items[0];
    if (!top) throw new Error('the queue is empty');
    const first = page.getByTestId('salic-projects-table').getByTestId('row').first();
    expect(await first.getByTestId('rank').textContent()).toBe(`${formatInteger(top.rank)}º`);
    expect(await first.getByTestId('rank').getAttribute('data-band')).toBe(top.band);
    expect(await first.getByTestId('salic-band').textContent()).toBe(
      `${BAND_LABELS[top.band]} · ${formatComplexity(top.complexity)}`,
    );
    expect(await page.getByTestId('band-chip-normal').textContent()).toBe(
      `Normal${formatInteger(queue.bands.normal)}`,
    );
    await page.screenshot({ path: '/tmp/hardin-salic-backlog.png', fullPage: true });

    await page.getByLabel('Projetos', { exact: true }).selectOption('todos');
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.waitForURL((u) => u.searchParams.get('fila') === 'todos');
    await page
      .getByTestId('result-count')
      .filter({ hasText: countText(all.total) })
      .waitFor();

    await page.getByTestId('sort-pronac').click();
    await page.waitForURL((u) => u.searchParams.get('sort') === 'pronac');
    const byPronac = await api<SalicProjectPage>('/api/v1/salic/projects?sort=pronac');
    expect(await pronacsOnPage()).toEqual(byPronac.items.map((p) => p.pronac));

    const word = top.name.split(' ').find((w) => w.length > 5) ?? top.name;
    const found = await api<SalicProjectPage>(
      `/api/v1/salic/projects?sort=pronac&q=${encodeURIComponent(word)}`,
    );
    await page.getByLabel('Busca').fill(word);
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page
      .getByTestId('result-count')
      .filter({ hasText: countText(found.total) })
      .waitFor();
    expect(await pronacsOnPage()).toEqual(found.items.map((p) => p.pronac));

    allowed.push(/status of 400/);
    await page.getByLabel('Complexidade máxima').fill('onze');
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    const error = page.getByTestId('error');
    await error.waitFor();
    expect(await error.textContent()).toContain('maxComplexity');
    expect(await error.textContent()).toContain('Parâmetros inválidos');
  });

  it('filters the queue by analyst with the select, sorts by the Analista column, and links a project to its analyst', async () => {
    const analysts = await api<SalicAnalysts>('/api/v1/salic/analysts?backlog=true');
    const busiest = [...analysts.items].sort((a, b) => b.projects - a.projects)[0];
    if (!busiest) throw new Error('no analyst in the queue');
    await goto('/lei-rouanet');
    await settled();
    const select = page.getByLabel('Analista', { exact: true });
    // Options: everyone, the unassigned, then each analyst with the projects in the queue, in the API's order.
    await page.locator('#salic-analyst option').nth(2).waitFor({ state: 'attached' });
    expect(await select.locator('option').allTextContents()).toEqual([
      'Todos',
      `Sem analista (${formatInteger(analysts.unassigned.projects)})`,
      ...analysts.items.map((a) => `${a.analyst} (${formatInteger(a.projects)})`),
    ]);

    await select.selectOption(busiest.analyst);
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.waitForURL((u) => u.searchParams.get('analyst') === busiest.analyst);
    await page
      .getByTestId('result-count')
      .filter({ hasText: countText(busiest.projects) })
      .waitFor();
    const own = await api<SalicProjectPage>(
      `/api/v1/salic/projects?backlog=true&analyst=${encodeURIComponent(busiest.analyst)}`,
    );
    expect(await pronacsOnPage()).toEqual(own.items.map((p) => p.pronac));
    const table = page.getByTestId('salic-projects-table');
    expect(new Set(await table.getByTestId('analyst').allTextContents())).toEqual(new Set([busiest.analyst]));

    await select.selectOption('none');
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.waitForURL((u) => u.searchParams.get('analyst') === 'none');
    await page
      .getByTestId('result-count')
      .filter({ hasText: countText(analysts.unassigned.projects) })
      .waitFor();
    expect(new Set(await table.getByTestId('analyst').allTextContents())).toEqual(new Set(['não atribuído']));

    await page.getByRole('button', { name: 'Limpar' }).click();
    await page.waitForURL((u) => !u.searchParams.has('analyst'));
    await settled();
    await page.getByTestId('sort-analyst').click();
    await page.waitForURL((u) => u.searchParams.get('sort') === 'analyst');
    const sorted = await api<SalicProjectPage>('/api/v1/salic/projects?backlog=true&sort=analyst');
    expect(await pronacsOnPage()).toEqual(sorted.items.map((p) => p.pronac));
    expect(await table.getByTestId('analyst').first().textContent()).toBe(analysts.items[0]?.analyst);
    await page.screenshot({ path: '/tmp/hardin-salic-analysts.png', fullPage: true });

    // The project page names the analyst and links to their queue.
    const first = sorted.items[0];
    if (!first?.analyst) throw new Error('the first project by analyst has none');
    await goto(salicProjectPath(first.pronac));
    await page.getByRole('heading', { level: 1, name: first.name }).waitFor();
    const analyst = page.getByTestId('salic-analyst');
    expect(await analyst.textContent()).toBe(first.analyst);
    await analyst.getByRole('link').click();
    await page.waitForURL(
      (u) => u.pathname === '/lei-rouanet' && u.searchParams.get('analyst') === first.analyst,
    );
    await page
      .getByTestId('result-count')
      .filter({ hasText: countText(analysts.items.find((a) => a.analyst === first.analyst)?.projects ?? -1) })
      .waitFor();
    expect(await select.inputValue()).toBe(first.analyst);
  });

  it('shows the top project with its gauge, SALIC links, score composition and one card per metric', async () => {
    const top = (await api<SalicProjectPage>('/api/v1/salic/projects?backlog=true&pageSize=1')).items[0];
    if (!top) throw new Error('the queue is empty');
    const p = await api<SalicProjectDetail>(`/api/v1/salic/projects/${top.pronac}`);
    await goto('/lei-rouanet');
    await page.getByTestId('pronac-link').first().click();
    await page.waitForURL((u) => u.pathname === salicProjectPath(p.pronac));
    await page.getByRole('heading', { level: 1, name: p.name }).waitFor();
    const gauge = page.getByTestId('salic-gauge');
    expect(Number(await gauge.getAttribute('data-value'))).toBe(p.complexity);
    expect(await page.getByTestId('salic-gauge-value').textContent()).toBe(formatComplexity(p.complexity));
    expect(await gauge.locator('svg').getAttribute('aria-label')).toContain(
      `${formatComplexity(p.complexity)} de 10, faixa ${BAND_LABELS[p.band].toLowerCase()}`,
    );
    expect(await page.getByTestId('salic-rank').textContent()).toBe(
      `${formatInteger(p.rank)}º de ${formatInteger(p.rankOf)} no ranking de complexidade`,
    );
    for (const link of p.links) {
      const a = page.getByTestId('salic-links').locator(`a[data-rel="${link.rel}"]`);
      expect(await a.getAttribute('href')).toBe(link.url);
      expect(await a.textContent()).toContain(link.label);
    }
    expect(await page.getByTestId('salic-contribution').count()).toBe(
      p.contributions.filter((c) => c.contribution > 0).length,
    );
    expect(await page.getByTestId('salic-metric-card').count()).toBe(p.metrics.length);

    // Every deviating metric: status, value and range in pt-BR, the detector's sentence, its evidence lists.
    const outliers = p.metrics.filter((m) => m.isOutlier);
    expect(outliers.length).toBe(p.outlierCount);
    for (const m of outliers) {
      const card = page.locator(`[data-testid="salic-metric-card"][data-metric="${m.metric}"]`);
      const unit = metricUnit(m.metric, m.explanation);
      expect(await card.getAttribute('data-status')).toBe('outlier');
      expect(await card.getByTestId('metric-status').textContent()).toBe('Fora do esperado');
      expect(await card.getByTestId('metric-value').textContent()).toBe(
        formatMetricValue(m.value, unit, m.valid),
      );
      expect(await card.getByTestId('metric-expected').textContent()).toBe(
        formatExpectedRange(m.expectedMin, m.expectedMax, unit),
      );
      expect(await card.getByTestId('metric-why').textContent()).toBe(
        `Por quê: ${String(m.explanation?.text)}`,
      );
      const lists = Object.values(m.details ?? {}).filter((v) => Array.isArray(v) && v.length > 0);
      expect(await card.getByTestId('salic-detail-table').count()).toBe(lists.length);
      if (m.segmentStats && m.segmentStats.histogram.length > 0) {
        expect(await card.getByTestId('salic-histogram-bar').count()).toBe(drawn(m.segmentStats.histogram));
      }
    }
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(FULL_DOCUMENT);
    await page.screenshot({ path: '/tmp/hardin-salic-project.png', fullPage: true });

    const parity = await api<SalicProjectDetail>(`/api/v1/salic/projects/${top.pronac}?mode=parity`);
    await page.getByRole('link', { name: /Paridade Salic-ML/ }).click();
    await page.waitForURL((u) => u.searchParams.get('modo') === 'paridade');
    await settled();
    await page.getByTestId('salic-metric-card').first().waitFor();
    const statuses = await page
      .getByTestId('salic-metric-card')
      .evaluateAll((cards) =>
        cards.map((c) => `${c.getAttribute('data-metric')}:${c.getAttribute('data-status')}`),
      );
    expect(statuses).toEqual(
      parity.metrics.map((m) => `${m.metric}:${!m.valid ? 'invalid' : m.isOutlier ? 'outlier' : 'ok'}`),
    );
  });

  it('keeps PRONAC a string: a leading zero is kept, its zero-less twin and "12x" are not found', async () => {
    const first = (await api<SalicProjectPage>('/api/v1/salic/projects?sort=pronac&pageSize=1')).items[0];
    expect(first?.pronac).toMatch(/^0\d+$/);
    if (!first) return;
    await goto(salicProjectPath(first.pronac));
    await page.getByRole('heading', { level: 1, name: first.name }).waitFor();
    expect(await page.getByTestId('salic-pronac').textContent()).toBe(first.pronac);
    allowed.push(/status of 40[04]/);
    for (const bad of [first.pronac.replace(/^0+/, ''), '12x']) {
      await goto(`/lei-rouanet/projetos/${bad}`);
      await page.getByRole('heading', { level: 1, name: 'Projeto não encontrado' }).waitFor();
      expect(await page.getByTestId('error-detail').textContent()).toContain(
        bad === '12x' ? 'PRONAC' : `"${bad}"`,
      );
    }
  });

  it('explores a segment: each metric distribution, and its outlying projects in the backlog', async () => {
    const segments = (await api<{ items: SalicSegment[] }>('/api/v1/salic/segments')).items;
    const largest = segments[0];
    if (!largest) throw new Error('no segment');
    const detail = await api<SalicSegmentDetail>(`/api/v1/salic/segments/${largest.segmentCode}`);
    await goto('/lei-rouanet/segmentos');
    await page.getByRole('heading', { level: 1, name: 'Segmentos culturais' }).waitFor();
    await settled();
    expect(await page.getByTestId('segment-link').allTextContents()).toEqual(segments.map((s) => s.segment));
    await page.getByTestId('segment-link').first().click();
    await page.waitForURL((u) => u.pathname === salicSegmentPath(largest));
    await page.getByRole('heading', { level: 1, name: largest.segment }).waitFor();
    expect(await page.getByTestId('segment-summary').textContent()).toContain(
      formatCount(largest.projects, 'projeto', 'projetos'),
    );
    expect(await page.getByTestId('segment-metric').count()).toBe(detail.metrics.length);
    for (const m of detail.metrics) {
      const card = page.locator(`[data-testid="segment-metric"][data-metric="${m.metric}"]`);
      expect(await card.getByTestId('salic-histogram-bar').count()).toBe(drawn(m.histogram));
      expect(await card.getByTestId('segment-metric-expected').textContent()).toBe(
        formatExpectedRange(m.lower, m.upper, metricUnit(m.metric)),
      );
    }
    await page.screenshot({ path: '/tmp/hardin-salic-segment.png', fullPage: true });

    const deviating = detail.metrics.find((m) => m.outliers > 0);
    if (!deviating) return;
    const card = page.locator(`[data-testid="segment-metric"][data-metric="${deviating.metric}"]`);
    expect(await card.getByTestId('segment-metric-outliers').textContent()).toContain(
      `${formatInteger(deviating.outliers)} de ${formatInteger(deviating.valid)} projetos fora do esperado`,
    );
    await card.getByTestId('segment-metric-projects').click();
    await page.waitForURL((u) => u.searchParams.get('outlier') === deviating.metric);
    await page.getByTestId('outlier-filter').filter({ hasText: deviating.title }).waitFor();
    const expected = await api<SalicProjectPage>(
      `/api/v1/salic/projects?segment=${largest.segmentCode}&outlier=${deviating.metric}`,
    );
    expect(await pronacsOnPage()).toEqual(expected.items.map((p) => p.pronac));
  });
});
