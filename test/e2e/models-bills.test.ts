// Browser tests of the models pages for the bill-outcome task (issue #6: "the models page shows the RNN beside the
// others"), on a home where the real pipeline trained it — generateBills → ingest → build → trainBillOutcome with
// logistic regression, gradient-boosted trees and a small GRU (3 epochs, 16 hidden units; see
// prepareTrainedBillsHome in test/helpers/bills-home.ts). As in models.test.ts, every expectation is read from the
// API first and then looked for on the page as a person would see it (pt-BR "0,873", "1,5%"); which algorithm
// wins is the data's business, so the tests find the GRU version by its algorithm, not by number. The serving
// status of bill-outcome is not asserted: serving it is another piece of work. The pure helpers the pages use
// (learning curve, best epoch, base rate, the task's words) are tested first, in Node. Screenshots go to
// /tmp/hardin-models-bills-*.png.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MODEL_DESCRIPTIONS,
  algorithmLabel,
  formatMetric,
  formatRate,
  isRecurrent,
  versionLabel,
} from '../../web/src/components/model-labels.js';
import { outcomeWords } from '../../web/src/components/model-outcome.js';
import { formatCount } from '../../web/src/format.js';
import {
  baseRateOf,
  bestEpoch,
  figure,
  learningCurve,
  type ModelDetail,
  type ModelListItem,
  type ModelVersionDetail,
} from '../../web/src/models-api.js';
import { prepareTrainedBillsHome, type TrainedBillsHome } from '../helpers/bills-home.js';
import { removeDir } from '../helpers/tmp.js';
import { CHROMIUM, hasChromium } from './browser-harness.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const EPOCHS = 3;
const NO_IMPORTANCE =
  'Redes recorrentes não têm importância de atributos comparável; veja a comparação no relatório';

describe('bill-outcome on the models pages: helpers', () => {
  it('names the recurrent networks and describes the task in pt-BR', () => {
    expect(algorithmLabel('gru')).toBe('Rede recorrente (GRU)');
    expect(algorithmLabel('lstm')).toBe('Rede recorrente (LSTM)');
    expect(isRecurrent('gru')).toBe(true);
    expect(isRecurrent('lstm')).toBe(true);
    expect(isRecurrent('gradient-boosted-trees')).toBe(false);
    expect(isRecurrent(null)).toBe(false);
    expect(MODEL_DESCRIPTIONS['bill-outcome']).toMatch(/probabilidade .* virar lei nos próximos dois anos/);
    expect(outcomeWords('bill-outcome').confusion.actualPositive).toBe('Virou lei');
    expect(outcomeWords('glosa').confusion.actualPositive).toBe('Glosado');
    // A task the dashboard does not know gets neutral words, never another task's.
    expect(outcomeWords('churn').positives).toBe('positivos');
  });

  it('reads the learning curve in epoch order, keeping missing validation figures as null', () => {
    const curve = learningCurve({
      epochs: [
        { epoch: 2, trainLoss: 0.05, validLoss: 0.04, validAuc: 0.9 },
        { epoch: 1, trainLoss: 0.07, validLoss: null, validAuc: 0.8 },
        { epoch: 3, trainLoss: 'x', validLoss: 0.03, validAuc: 0.91 },
        null,
      ] as unknown as [],
    });
    expect(curve).toEqual([
      { epoch: 1, trainLoss: 0.07, validLoss: null, validAuc: 0.8 },
      { epoch: 2, trainLoss: 0.05, validLoss: 0.04, validAuc: 0.9 },
    ]);
    expect(learningCurve({})).toEqual([]);
    expect(learningCurve({ epochs: 'none' as unknown as [] })).toEqual([]);
  });

  it('marks the lowest validation loss as the best epoch, the earliest on a tie', () => {
    const e = (epoch: number, validLoss: number | null) => ({
      epoch,
      trainLoss: 1,
      validLoss,
      validAuc: 0.5,
    });
    expect(bestEpoch([e(1, 0.5), e(2, 0.3), e(3, 0.3), e(4, 0.4)])).toBe(2);
    expect(bestEpoch([e(1, null), e(2, 0.6)])).toBe(2);
    expect(bestEpoch([e(1, null)])).toBeUndefined();
    expect(bestEpoch([])).toBeUndefined();
  });

  it('reads the base rate only when the version recorded a finite one', () => {
    expect(baseRateOf({ baseRate: 0.0148 })).toBe(0.0148);
    expect(baseRateOf({})).toBeUndefined();
    expect(baseRateOf({ baseRate: Number.NaN })).toBeUndefined();
    expect(baseRateOf(undefined)).toBeUndefined();
  });
});

describe.skipIf(!hasChromium)('bill-outcome on the models pages in Chromium', () => {
  let trained: TrainedBillsHome;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}${path}`);
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const goto = (path: string) => page.goto(`${server.url}${path}`);
  const settled = () => page.waitForFunction('!document.querySelector(\'[data-testid="loading"]\')');
  const text = async (testId: string) => {
    const el = page.getByTestId(testId).first();
    await el.waitFor();
    return (await el.textContent()) ?? '';
  };
  const screenshot = (name: string) =>
    page.screenshot({ path: `/tmp/hardin-models-bills-${name}.png`, fullPage: true });

  /** The model, and its versions in detail keyed by algorithm. */
  async function billModel() {
    const model = await api<ModelDetail>('/api/v1/models/bill-outcome');
    const byAlgorithm = new Map<string, ModelVersionDetail>();
    for (const v of model.versions) {
      byAlgorithm.set(
        v.algorithm,
        await api<ModelVersionDetail>(`/api/v1/models/bill-outcome/versions/${v.version}`),
      );
    }
    const gru = byAlgorithm.get('gru');
    const lr = byAlgorithm.get('logistic-regression');
    if (!gru || !lr) throw new Error(`bill-outcome: expected gru and logistic-regression versions`);
    return { model, gru, lr, byAlgorithm };
  }

  beforeAll(async () => {
    trained = await prepareTrainedBillsHome({ rnn: { epochs: EPOCHS, hidden: 16 } });
    const { createServer } = await import('../../src/api/index.js');
    const webDir = process.env.HARDIN_TEST_WEB_DIR || undefined;
    const app = await createServer({ home: trained.home, logger: false, ...(webDir ? { webDir } : {}) });
    const url = await app.app.listen({ port: 0, host: '127.0.0.1' });
    server = { url, close: () => app.close() };
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (trained) await removeDir(trained.home);
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
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location().url})`);
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

  it('keeps the learning curve and the base rate in the API answers', async () => {
    const { model, gru } = await billModel();
    expect(model.versions.map((v) => v.algorithm).sort()).toEqual([
      'gradient-boosted-trees',
      'gru',
      'logistic-regression',
    ]);
    const gruRun = trained.training.candidates.find((c) => c.algorithm === 'gru');
    expect(gruRun?.iterations).toBe(EPOCHS);
    const curve = learningCurve(gru.metrics);
    expect(curve.map((e) => e.epoch)).toEqual([1, 2, 3]);
    for (const e of curve) {
      expect(e.trainLoss).toBeGreaterThan(0);
      expect(e.validLoss).toBeGreaterThan(0);
      expect(e.validAuc).toBeGreaterThan(0.5);
    }
    for (const v of model.versions) expect(baseRateOf(v.metrics)).toBe(trained.training.baseRate);
    expect(gru.featureImportance).toEqual([]);
    expect(gru.evaluation?.test.n).toBe(figure(gru.metrics, 'test', 'n'));
  });

  it('lists bill-outcome with its description, three versions and its champion algorithm', async () => {
    const { items } = await api<{ items: ModelListItem[] }>('/api/v1/models');
    const bills = items.find((m) => m.name === 'bill-outcome');
    expect(bills?.champion).toBeTruthy();
    if (!bills?.champion) return;
    await goto('/modelos');
    await page.getByRole('heading', { level: 1, name: 'Modelos' }).waitFor();
    await settled();
    expect(await page.getByTestId('model-card').count()).toBe(items.length);
    const card = page.locator('[data-testid="model-card"][data-model="bill-outcome"]');
    expect(await card.getByTestId('model-name').textContent()).toBe('bill-outcome');
    expect(await card.textContent()).toContain(MODEL_DESCRIPTIONS['bill-outcome']);
    expect(await card.getByTestId('model-versions').textContent()).toBe(
      formatCount(3, 'versão registrada', 'versões registradas'),
    );
    const champion = (await card.getByTestId('model-champion').textContent()) ?? '';
    expect(champion).toContain(versionLabel(bills.champion.version));
    expect(champion).toContain(algorithmLabel(bills.champion.algorithm));
    expect(champion).toContain(`AUC ${formatMetric(bills.champion.keyMetrics['test.auc'])}`);
    const trainedChampion = trained.training.candidates.find((c) => c.alias === 'champion');
    expect(bills.champion.algorithm).toBe(trainedChampion?.algorithm);
    await screenshot('list');
    await card.getByTestId('model-link').click();
    await page.waitForURL((url) => url.pathname === '/modelos/bill-outcome');
    await page.getByRole('heading', { level: 1, name: 'Modelo bill-outcome' }).waitFor();
  });

  it('shows the three versions, the GRU by name, its learning curve, the base rate and no importance', async () => {
    const { model, gru } = await billModel();
    const curve = learningCurve(gru.metrics);
    await goto(`/modelos/bill-outcome?versao=${gru.version}`);
    await page.getByRole('heading', { level: 1, name: 'Modelo bill-outcome' }).waitFor();
    await settled();

    const rows = await page.getByTestId('versions-table').getByTestId('row').allTextContents();
    expect(rows.length).toBe(3);
    model.versions.forEach((v, i) => {
      expect(rows[i]).toContain(algorithmLabel(v.algorithm));
      expect(rows[i]).toContain(formatMetric(figure(v.metrics, 'test', 'auc')));
    });
    expect(rows.filter((r) => r.includes('Rede recorrente (GRU)')).length).toBe(1);

    const panel = page.locator(`[data-testid="version-panel"][data-version="${gru.version}"]`);
    await panel.waitFor();
    // The learning curve: one point per epoch, the best one marked.
    const learning = panel.locator(`[data-testid="learning-curve"][data-version="${gru.version}"]`);
    await learning.waitFor();
    expect(Number(await learning.getAttribute('data-epochs'))).toBe(curve.length);
    expect(curve.length).toBe(EPOCHS);
    const best = bestEpoch(curve);
    expect(best).toBeDefined();
    expect(await learning.getAttribute('data-best-epoch')).toBe(String(best));
    await learning.locator('canvas').first().waitFor();
    const described = (await learning.locator('[role="img"]').getAttribute('aria-label')) ?? '';
    expect(described).toContain(`${EPOCHS} épocas`);
    const bestRow = curve.find((e) => e.epoch === best);
    expect(described).toContain(`na época ${best}`);
    expect(described).toContain(formatMetric(bestRow?.validLoss, 4));
    await learning.locator('summary').click();
    const epochRows = learning.getByTestId('epoch-row');
    expect(await epochRows.count()).toBe(curve.length);
    for (const [i, e] of curve.entries()) {
      const row = (await epochRows.nth(i).textContent()) ?? '';
      expect(row).toContain(formatMetric(e.trainLoss, 4));
      expect(row).toContain(formatMetric(e.validLoss, 4));
      expect(row).toContain(formatMetric(e.validAuc));
    }
    expect(await learning.locator('[data-best="true"]').count()).toBe(1);
    expect(await learning.getByTestId('learning-curve-best').textContent()).toContain(
      `Melhor época: ${best} de ${EPOCHS}`,
    );

    // The base rate beside precision and recall at the threshold, in the task's words.
    expect(await text('figure-base-rate')).toContain(formatRate(trained.training.baseRate));
    expect(await text('figure-base-rate')).toContain('exemplos que viraram lei');
    expect(await text('figure-precision')).toContain(formatRate(figure(gru.metrics, 'test', 'precision')));
    expect(await text('figure-recall')).toContain(formatRate(figure(gru.metrics, 'test', 'recall')));
    expect(await text('figure-threshold')).toContain('o modelo prevê que a proposição vira lei');
    expect(await page.getByTestId('confusion-matrix').textContent()).toContain('Virou lei');
    expect(await page.getByTestId('confusion-matrix').textContent()).not.toContain('glosa');

    // No importance for the network: the note, with the report link, and no empty table.
    expect(await text('importance-none')).toBe(`${NO_IMPORTANCE} (abre em nova aba).`);
    expect(await page.getByTestId('importance-report-link').getAttribute('href')).toBe(gru.reportUrl);
    expect(await page.getByTestId('feature-importance').count()).toBe(0);
    await screenshot('gru');
  });

  it('compares the champion with the challenger, and the GRU with a tabular model, side by side', async () => {
    const { model, gru, lr, byAlgorithm } = await billModel();
    // Default view: the champion compared with the challenger, whatever their kinds.
    await goto('/modelos/bill-outcome');
    const champion = model.aliases.champion;
    const challenger = model.aliases.challenger;
    expect(champion).not.toBeNull();
    expect(challenger).not.toBeNull();
    await page.locator(`[data-testid="version-panel"][data-version="${champion}"]`).waitFor();
    await settled();
    const comparison = page.getByTestId('version-comparison');
    await comparison.waitFor();
    const compared = comparison.getByTestId('comparison-row');
    expect(await compared.count()).toBe(2);
    expect(await compared.nth(0).getAttribute('data-version')).toBe(String(champion));
    expect(await compared.nth(1).getAttribute('data-version')).toBe(String(challenger));
    await page.getByTestId('roc-chart').locator('canvas').first().waitFor();
    expect(await page.getByTestId('roc-numbers').locator('tbody tr').count()).toBe(2);

    // A tabular model in detail against the GRU: its own importance, the GRU's learning curve, both rows.
    await goto(`/modelos/bill-outcome?versao=${lr.version}&comparar=${gru.version}`);
    await page.locator(`[data-testid="version-panel"][data-version="${lr.version}"]`).waitFor();
    await settled();
    const rows = page.getByTestId('version-comparison').getByTestId('comparison-row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    const lrRow = (await rows.nth(0).textContent()) ?? '';
    const gruRow = (await rows.nth(1).textContent()) ?? '';
    expect(lrRow).toContain(algorithmLabel('logistic-regression'));
    expect(lrRow).toContain(formatMetric(figure(lr.metrics, 'test', 'auc')));
    expect(lrRow).toContain('sem épocas (modelo tabular)');
    expect(gruRow).toContain('Rede recorrente (GRU)');
    expect(gruRow).toContain(formatMetric(figure(gru.metrics, 'test', 'auc')));
    expect(gruRow).toContain(`${EPOCHS} épocas`);
    expect(await text('comparison-kinds')).toContain('Uma rede recorrente');
    const curve = page.locator('[data-testid="learning-curve"]');
    expect(await curve.count()).toBe(1);
    expect(await curve.getAttribute('data-version')).toBe(String(gru.version));
    expect(await page.getByTestId('importance-row').count()).toBe(Math.min(15, lr.featureImportance.length));
    expect(lr.featureImportance.length).toBeGreaterThan(0);
    expect(await page.getByTestId('importance-none').count()).toBe(0);
    const roc = await text('roc-numbers');
    expect(roc).toContain(formatMetric(lr.evaluation?.test.roc.auc));
    expect(roc).toContain(formatMetric(gru.evaluation?.test.roc.auc));
    await screenshot('compare');

    // The trees compared with nothing: no comparison table, no learning curve.
    const trees = byAlgorithm.get('gradient-boosted-trees');
    if (!trees) throw new Error('bill-outcome: no gradient-boosted-trees version');
    await goto(`/modelos/bill-outcome?versao=${trees.version}&comparar=nenhuma`);
    await page.locator(`[data-testid="version-panel"][data-version="${trees.version}"]`).waitFor();
    await settled();
    await page.getByTestId('feature-importance').waitFor();
    expect(await page.getByTestId('version-comparison').count()).toBe(0);
    expect(await page.getByTestId('learning-curve').count()).toBe(0);
  });
});
