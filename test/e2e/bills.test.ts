// Browser tests of the Proposições pages (bills list, bill page with prediction card and tramitação timeline):
// Debian's Chromium driven by playwright-core against a real server over a small bills home built by the real
// pipeline (generateBills → ingest → build) plus the predictions.bill_outcome fixture (test/helpers/bills-home.ts).
// As in the other browser tests, expectations are read from the API first and looked for on the page as a person
// sees them (pt-BR "91,2%", "18/11/2024"), and every test fails on console errors, uncaught exceptions and 5xx
// answers except the 4xx it provokes on purpose. The pure helpers the pages format with are tested first, in
// Node. Screenshots go to /tmp/hardin-bills-*.png. Known-answer API cases are in test/api/camara-bills.test.ts.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  authorLine,
  billPath,
  eventMarks,
  formatGap,
  formatHorizon,
  formatProbability,
  percentToProbability,
  predictionWhen,
  probabilityBand,
  type BillDetail,
  type BillEvent,
  type BillPage,
  type BillSummary,
} from '../../web/src/bills-api.js';
import { formatCount, formatDate, formatInteger } from '../../web/src/format.js';
import { startBillsServer } from '../helpers/bills-home.js';
import { CHROMIUM, hasChromium } from './browser-harness.js';

const event = (over: Partial<BillEvent>): BillEvent => ({
  index: 1,
  sequence: 1,
  occurredAt: '2021-03-04T10:05:00',
  organ: 'CCJC',
  organId: 2003,
  organKind: 'committee',
  action: 'Parecer do Relator',
  actionCode: 322,
  situation: 'Pronta para Pauta',
  situationCode: 924,
  regime: 'Ordinária (Art. 151, III, RICD)',
  appreciation: null,
  dispatch: 'Parecer pela aprovação.',
  daysSincePresented: 10,
  daysSincePrevious: 3,
  isUrgency: false,
  isUrgencyApproval: false,
  isRapporteurDesignation: false,
  opinion: null,
  isPlenaryApproval: false,
  isLaw: false,
  isArchived: false,
  ...over,
});

describe('bills pages helpers', () => {
  it('formats probabilities, horizons, gaps and authors in pt-BR', () => {
    expect(formatProbability(0.123)).toBe('12,3%');
    expect(formatProbability(0.91234)).toBe('91,2%');
    expect(formatProbability(0.004)).toBe('0,40%');
    expect(formatProbability(0)).toBe('0,0%');
    expect(formatProbability(1)).toBe('100,0%');
    expect(formatProbability(null)).toBe('—');
    expect([0.05, 0.1, 0.49, 0.5, 0.99].map(probabilityBand)).toEqual([
      'baixa',
      'media',
      'media',
      'alta',
      'alta',
    ]);
    expect(percentToProbability('12,5')).toBe('0.125');
    expect(percentToProbability(' 40 % ')).toBe('0.4');
    expect(percentToProbability('')).toBe('');
    expect(percentToProbability('abc')).toBe('abc');
    expect(formatHorizon(730)).toBe('os próximos 2 anos');
    expect(formatHorizon(365)).toBe('o próximo ano');
    expect(formatHorizon(90)).toBe('os próximos 90 dias');
    expect(predictionWhen('2024-11-18', 730)).toBe('previsão em 18/11/2024 para os próximos 2 anos');
    expect(formatGap(0.2)).toBe('menos de 1 dia depois');
    expect(formatGap(1.4)).toBe('1 dia depois');
    expect(formatGap(1234.6)).toBe('1.235 dias depois');
    expect(formatGap(null)).toBe('—');
    expect(
      authorLine({
        authorName: 'Ana',
        authorParty: 'PT',
        authorUf: 'SP',
        authorsCount: 3,
        authorKind: 'deputy',
      }),
    ).toBe('Ana (PT-SP) + 2');
    expect(
      authorLine({
        authorName: null,
        authorParty: null,
        authorUf: null,
        authorsCount: 1,
        authorKind: 'executive',
      }),
    ).toBe('Poder Executivo');
  });

  it('marks urgency where it starts, opinions, plenary approval, law and archiving', () => {
    const urgent = event({ isUrgency: true, isUrgencyApproval: true });
    expect(eventMarks(urgent)).toEqual(['urgencia']);
    expect(eventMarks(event({ isUrgency: true }), urgent)).toEqual([]);
    expect(eventMarks(event({ opinion: 'favourable', isRapporteurDesignation: true }))).toEqual([
      'relator',
      'parecer-favoravel',
    ]);
    expect(eventMarks(event({ opinion: 'unfavourable' }))).toEqual(['parecer-contrario']);
    expect(eventMarks(event({ isPlenaryApproval: true }))).toEqual(['aprovacao-plenario']);
    expect(eventMarks(event({ isLaw: true }))).toEqual(['lei']);
    expect(eventMarks(event({ isArchived: true }))).toEqual(['arquivamento']);
    expect(eventMarks(event({ isArchived: true }), event({ isArchived: true }))).toEqual([]);
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
const PT_DATE = /^\d{2}\/\d{2}\/\d{4}$/;
const PT_PROBABILITY = /^\d{1,3},\d{1,2}%( ▲)?/;

describe.skipIf(!hasChromium)('Proposições pages in Chromium', () => {
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
  const table = () => page.getByTestId('bills-table');
  const labelsOnPage = async () => {
    await settled();
    return table().getByTestId('bill-link').allTextContents();
  };
  const countText = (total: number) => formatCount(total, 'proposição encontrada', 'proposições encontradas');
  const waitCount = (total: number) =>
    page
      .getByTestId('result-count')
      .filter({ hasText: countText(total) })
      .waitFor();

  beforeAll(async () => {
    server = await startBillsServer();
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

  it('lists pending bills by probability with pt-BR dates, percentages and colour bands, and the header figures', async () => {
    const list = await api<BillPage>('/api/v1/camara/bills?status=pending');
    const summary = await api<BillSummary>('/api/v1/camara/bills/summary');
    await goto('/proposicoes');
    await page.getByRole('heading', { level: 1, name: 'Proposições na Câmara' }).waitFor();
    expect(
      await page.getByRole('link', { name: 'Proposições', exact: true }).getAttribute('aria-current'),
    ).toBe('page');
    await waitCount(list.total);
    expect(await labelsOnPage()).toEqual(list.items.map((b) => b.label));

    const rows = table().getByTestId('row');
    const dates = await rows.getByTestId('presented-at').allTextContents();
    expect(dates).toEqual(list.items.map((b) => formatDate(b.presentedAt)));
    expect(dates.every((d) => PT_DATE.test(d))).toBe(true);
    const probabilities = await rows.getByTestId('probability').allTextContents();
    expect(probabilities).toEqual(
      list.items.map((b) =>
        b.probability === null
          ? 'sem previsão'
          : `${formatProbability(b.probability)}${b.predictedPositive ? ' ▲ (acima do limiar do modelo)' : ''}`,
      ),
    );
    const scored = list.items.filter((b) => b.probability !== null);
    expect(scored.length).toBe(summary.predictions.scored);
    expect(probabilities.slice(0, scored.length).every((p) => PT_PROBABILITY.test(p))).toBe(true);
    expect(
      await rows.getByTestId('probability').evaluateAll((els) => els.map((e) => e.getAttribute('data-band'))),
    ).toEqual(list.items.map((b) => (b.probability === null ? 'none' : probabilityBand(b.probability))));
    expect(await rows.getByTestId('bill-author').allTextContents()).toEqual(list.items.map(authorLine));
    expect(await rows.getByTestId('bill-type').allTextContents()).toEqual(list.items.map((b) => b.type));

    expect(await page.getByTestId('bills-total').textContent()).toContain(formatInteger(summary.total));
    expect(await page.getByTestId('bills-law').textContent()).toContain(
      `${formatProbability(summary.baseRate.rate)} das ${formatInteger(summary.baseRate.finalBills)} encerradas`,
    );
    expect(await page.getByTestId('bills-predictions').textContent()).toContain('bill-outcome v3');
    await page.screenshot({ path: '/tmp/hardin-bills-list.png', fullPage: true });
  });

  it('narrows the table by a label, by words and by filters, sorts, and shows a 400 for a bad probability', async () => {
    await goto('/proposicoes');
    await settled();
    await page.getByLabel('Situação').selectOption('todas');
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.waitForURL((u) => u.searchParams.get('status') === 'todas');
    const all = await api<BillPage>('/api/v1/camara/bills');
    await waitCount(all.total);

    const target = all.items.find((b) => b.type === 'PL')!;
    await page.getByLabel('Busca').fill(`pl ${target.number}/${target.year}`);
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await waitCount(1);
    expect(await labelsOnPage()).toEqual([target.label]);

    const word = 'saúde';
    const found = await api<BillPage>(`/api/v1/camara/bills?q=${encodeURIComponent(word)}`);
    expect(found.total).toBeGreaterThan(1);
    expect(found.total).toBeLessThan(all.total);
    await page.getByLabel('Busca').fill(word);
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await waitCount(found.total);
    expect(await labelsOnPage()).toEqual(found.items.map((b) => b.label));

    await page.getByTestId('bills-types').getByLabel('PL', { exact: true }).check();
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.waitForURL((u) => u.searchParams.get('type') === 'PL');
    const pls = await api<BillPage>(`/api/v1/camara/bills?q=${encodeURIComponent(word)}&type=PL`);
    await waitCount(pls.total);
    expect(new Set(await table().getByTestId('bill-type').allTextContents())).toEqual(new Set(['PL']));

    // Every bill (not only pending ones): newest first by default, so the column starts descending.
    const header = page.locator('th', { has: page.getByTestId('sort-presentedAt') });
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    for (const sort of ['presentedAt', '-presentedAt', '-number']) {
      await page.getByTestId(sort === '-number' ? 'sort-label' : 'sort-presentedAt').click();
      if (sort === '-number') await page.getByTestId('sort-label').click();
      await page.waitForURL((u) => u.searchParams.get('sort') === sort);
      const sorted = await api<BillPage>(
        `/api/v1/camara/bills?q=${encodeURIComponent(word)}&type=PL&sort=${sort}`,
      );
      expect(await labelsOnPage(), sort).toEqual(sorted.items.map((b) => b.label));
    }
    expect(await header.getAttribute('aria-sort')).toBeNull();

    allowed.push(/status of 400/);
    await page.getByLabel('Probabilidade mínima (%)').fill('muito');
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    const error = page.getByTestId('error');
    await error.waitFor();
    expect(await error.textContent()).toContain('minProbability');
    expect(await error.textContent()).toContain('Parâmetros inválidos');
  });

  it('opens the most likely bill: header, prediction card and the whole timeline with its marks', async () => {
    const top = (await api<BillPage>('/api/v1/camara/bills?status=pending&pageSize=1')).items[0]!;
    const b = await api<BillDetail>(`/api/v1/camara/bills/${top.id}`);
    const p = b.prediction!;
    expect(p).not.toBeNull();
    await goto('/proposicoes');
    await table().getByTestId('bill-link').first().click();
    await page.waitForURL((u) => u.pathname === billPath(b.id));
    await page.getByRole('heading', { level: 1, name: b.label! }).waitFor();
    expect(await page.getByTestId('bill-presented').textContent()).toBe(formatDate(b.presentedAt));
    expect(await page.getByTestId('bill-status').textContent()).toBe('Em tramitação');
    for (const link of b.links) {
      const a = page.getByTestId('bill-links').locator(`a[data-rel="${link.rel}"]`);
      expect(await a.getAttribute('href')).toBe(link.url);
    }

    const card = page.getByTestId('bill-prediction');
    expect(await card.getByTestId('prediction-probability').textContent()).toBe(
      formatProbability(p.probability),
    );
    expect(await card.getByTestId('prediction-probability').textContent()).toMatch(/^\d{1,3},\d%$/);
    expect(await card.getByTestId('prediction-when').textContent()).toBe(
      predictionWhen(p.asOf, p.horizonDays),
    );
    expect(await card.getByTestId('prediction-when').textContent()).toMatch(
      /^previsão em \d{2}\/\d{2}\/\d{4} para os próximos 2 anos$/,
    );
    const model = (await card.getByTestId('prediction-model').textContent()) ?? '';
    expect(model).toContain(`${p.model.name} v${p.model.version}`);
    expect(model).toContain('rede recorrente GRU');
    expect(model).toContain(`limiar de decisão ${formatProbability(p.threshold)}`);
    expect(await card.getByTestId('prediction-relation').textContent()).toBe(
      `${p.predictedPositive ? 'acima' : 'abaixo'} do limiar de ${formatProbability(p.threshold)}`,
    );

    await expectTimeline(b);
    await page.screenshot({ path: '/tmp/hardin-bills-detail.png', fullPage: true });
  });

  it('shows a bill that became law with its outcome instead of a prediction, and one the model left out', async () => {
    const law = (await api<BillPage>('/api/v1/camara/bills?status=law&pageSize=1')).items[0]!;
    const b = await api<BillDetail>(`/api/v1/camara/bills/${law.id}`);
    await goto(billPath(b.id));
    await page.getByRole('heading', { level: 1, name: b.label! }).waitFor();
    const outcome = page.getByTestId('bill-outcome');
    expect(await outcome.getAttribute('data-outcome')).toBe('law');
    expect(await outcome.textContent()).toBe(`Transformada em lei em ${formatDate(b.outcome.becameLawAt)}`);
    expect(await page.getByTestId('prediction-probability').count()).toBe(0);
    await expectTimeline(b);
    expect(await page.locator('[data-testid="event-mark"][data-mark="lei"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/hardin-bills-law.png', fullPage: true });

    const pending = await api<BillPage>('/api/v1/camara/bills?status=pending&sort=probability&pageSize=100');
    const left = pending.items.find((x) => x.probability === null)!;
    await goto(billPath(left.id));
    await page.getByRole('heading', { level: 1, name: left.label! }).waitFor();
    const missing = page.getByTestId('prediction-missing');
    expect(await missing.getAttribute('data-reason')).toBe('not-scored');
    expect(await missing.textContent()).toContain('Sem previsão para esta proposição');
  });

  it('says "Proposição não encontrada" for an unknown or malformed id', async () => {
    allowed.push(/status of 40[04]/);
    for (const id of ['999', 'PL-12']) {
      await goto(`/proposicoes/${id}`);
      await page.getByRole('heading', { level: 1, name: 'Proposição não encontrada' }).waitFor();
      expect(await page.getByTestId('error-detail').textContent()).toMatch(
        id === '999' ? /bill 999 does not exist/ : /expected a bill id/,
      );
    }
  });

  async function expectTimeline(b: BillDetail) {
    const events = page.getByTestId('timeline-event');
    await page.getByTestId('bill-timeline').waitFor();
    expect(await events.count()).toBe(b.timeline.length);
    expect(b.timeline.length).toBe(b.eventsCount);
    expect(await page.getByTestId('timeline-count').textContent()).toBe(
      `(${formatCount(b.timeline.length, 'evento', 'eventos')})`,
    );
    expect(await events.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-index'))))).toEqual(
      b.timeline.map((e) => e.index),
    );
    expect(await events.getByTestId('event-date').allTextContents()).toEqual(
      b.timeline.map((e) => formatDate(e.occurredAt)),
    );
    expect(await events.getByTestId('event-organ').allTextContents()).toEqual(
      b.timeline.map((e) => expect.stringContaining(e.organ ?? '—')),
    );
    expect(await events.getByTestId('timeline-gap').allTextContents()).toEqual(
      b.timeline.slice(1).map((e) => formatGap(e.daysSincePrevious)),
    );
    expect(await events.evaluateAll((els) => els.map((e) => e.getAttribute('data-marks')))).toEqual(
      b.timeline.map((e, i) => eventMarks(e, b.timeline[i - 1]).join(' ')),
    );
  }
});
