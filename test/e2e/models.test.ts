// Browser tests of the dashboard's models section (/modelos, /modelos/:name) and of the glosa probability on
// a reimbursement, against the demo server, whose home has the glosa models trained and registered. As in
// dashboard.test.ts, every expectation is read from the API first and then looked for on the page as a person
// would see it (pt-BR decimals "0,873", percentages "4,4%", dates DD/MM/AAAA). Screenshots go to
// /tmp/hardin-models-*.png. The pure helpers the pages compute with (curve alignment, the comparison default,
// the pt-BR formats) are tested first, in Node.
import { describe, expect, it } from 'vitest';
import type { Page as ApiPage, Reimbursement } from '../../web/src/api.js';
import { alignCurves } from '../../web/src/components/curve-align.js';
import {
  algorithmLabel,
  dataKindLabel,
  formatMetric,
  formatRate,
  shortSha,
  versionLabel,
} from '../../web/src/components/model-labels.js';
import { formatCount, formatDateTime, formatInteger, formatShare } from '../../web/src/format.js';
import {
  asGlosaPrediction,
  comparisonVersion,
  figure,
  type GlosaPrediction,
  type ModelDetail,
  type ModelListItem,
  type ModelVersionDetail,
} from '../../web/src/models-api.js';
import { describeInChromium } from './browser-harness.js';

describe('models pages helpers', () => {
  it('formats scores as decimals and rates as percentages with a decimal comma', () => {
    expect(formatMetric(0.87312)).toBe('0,873');
    expect(formatMetric(0.0463445, 4)).toBe('0,0463');
    expect(formatMetric(undefined)).toBe('—');
    expect(formatRate(0.0438)).toBe('4,4%');
    expect(formatRate(0.09)).toBe('9,0%');
    expect(formatRate(0.0042)).toBe('0,42%');
    expect(formatRate(0)).toBe('0,0%');
    expect(formatRate(Number.NaN)).toBe('—');
    expect(versionLabel(3)).toBe('v3');
    expect(algorithmLabel('logistic-regression')).toBe('Regressão logística');
    expect(algorithmLabel('naive-bayes')).toBe('naive-bayes');
    expect(dataKindLabel('synthetic')).toBe('dados sintéticos');
    expect(shortSha('408fbd5d87a0acbb89a603f583957a601fb7c5c040eeeeb44ae76bd185cde78e')).toBe('408fbd5d87a0');
  });

  it('aligns curves on one sorted x axis, keeping vertical steps in each curve’s order', () => {
    // A ROC with a vertical step at x = 0.5 (0.2 → 0.6) and a second curve with a point inside it.
    const roc = { x: [0, 0.5, 0.5, 1], y: [0, 0.2, 0.6, 1] };
    const other = { x: [0.5, Number.NaN], y: [0.4, 0.9] };
    expect(alignCurves([roc, other])).toEqual([
      [0, 0.5, 0.5, 0.5, 1],
      [0, 0.2, 0.6, null, 1],
      [null, null, null, 0.4, null],
    ]);
  });

  it('compares the champion with the challenger unless the URL asks for another version or none', () => {
    const aliases = { champion: 1, challenger: 2 };
    const known = new Set([1, 2, 3]);
    expect(comparisonVersion(null, 1, aliases, known)).toBe(2);
    expect(comparisonVersion(null, 2, aliases, known)).toBe(1);
    expect(comparisonVersion(null, 3, aliases, known)).toBe(1);
    expect(comparisonVersion('3', 1, aliases, known)).toBe(3);
    expect(comparisonVersion('nenhuma', 1, aliases, known)).toBeNull();
    // Itself, an unknown version or garbage fall back to the default.
    expect(comparisonVersion('1', 1, aliases, known)).toBe(2);
    expect(comparisonVersion('9', 1, aliases, known)).toBe(2);
    expect(comparisonVersion('x', 1, { champion: 1, challenger: null }, known)).toBeNull();
  });

  it('accepts a well-formed glosa prediction and treats anything else as none', () => {
    const p = {
      probability: 0.19,
      predicted: true,
      threshold: 0.1,
      model: { name: 'glosa', version: 1, algorithm: 'x' },
    };
    expect(asGlosaPrediction(p)).toEqual(p);
    expect(asGlosaPrediction(null)).toBeNull();
    expect(asGlosaPrediction(undefined)).toBeNull();
    expect(asGlosaPrediction({ ...p, probability: 'alta' })).toBeNull();
    expect(asGlosaPrediction({ ...p, model: null })).toBeNull();
  });
});

describeInChromium('models', (h) => {
  const { api, apiProblem, allowConsoleError, goto, settled, text, rowTexts, screenshot } = h;

  async function glosaDetail(): Promise<{
    model: ModelDetail;
    champion: ModelVersionDetail;
    challenger?: ModelVersionDetail;
  }> {
    const model = await api<ModelDetail>('/api/v1/models/glosa');
    expect(model.aliases.champion, 'the demo home has a glosa champion').not.toBeNull();
    const champion = await api<ModelVersionDetail>(`/api/v1/models/glosa/versions/${model.aliases.champion}`);
    const challenger =
      model.aliases.challenger === null
        ? undefined
        : await api<ModelVersionDetail>(`/api/v1/models/glosa/versions/${model.aliases.challenger}`);
    return { model, champion, challenger };
  }

  it('lists glosa with its champion, challenger, versions and serving status', async () => {
    const { items } = await api<{ items: ModelListItem[] }>('/api/v1/models');
    const glosa = items.find((m) => m.name === 'glosa');
    expect(glosa?.champion).toBeTruthy();
    if (!glosa?.champion) return;
    const { page } = h;
    await goto('/modelos');
    await page.getByRole('heading', { level: 1, name: 'Modelos' }).waitFor();
    await settled(page);
    expect(await page.getByTestId('model-card').count()).toBe(items.length);

    const card = page.locator('[data-testid="model-card"][data-model="glosa"]');
    expect(await card.getByTestId('model-versions').textContent()).toBe(
      formatCount(glosa.versions, 'versão registrada', 'versões registradas'),
    );
    const champion = (await card.getByTestId('model-champion').textContent()) ?? '';
    expect(champion).toContain(versionLabel(glosa.champion.version));
    expect(champion).toContain(algorithmLabel(glosa.champion.algorithm));
    expect(champion).toContain(`AUC ${formatMetric(glosa.champion.keyMetrics['test.auc'])}`);
    expect(champion).toContain(`AP ${formatMetric(glosa.champion.keyMetrics['test.averagePrecision'])}`);
    expect(champion).toMatch(/AUC 0,\d{3}/);
    if (glosa.challenger) {
      const challenger = (await card.getByTestId('model-challenger').textContent()) ?? '';
      expect(challenger).toContain(versionLabel(glosa.challenger.version));
      expect(challenger).toContain(`AUC ${formatMetric(glosa.challenger.keyMetrics['test.auc'])}`);
    }
    expect(await card.getByTestId('serving-status').getAttribute('data-status')).toBe(glosa.serving.status);
    if (glosa.serving.status === 'ok') {
      expect(await card.getByTestId('serving-status').textContent()).toContain(
        `Em produção: ${versionLabel(glosa.serving.version)}`,
      );
    }
    await screenshot(page, 'models-list');

    // The menu has the section, and the card leads to the model's page.
    const nav = page.getByRole('navigation', { name: 'Navegação principal' });
    expect(await nav.getByRole('link', { name: 'Modelos', exact: true }).getAttribute('aria-current')).toBe(
      'page',
    );
    await card.getByTestId('model-link').click();
    await page.waitForURL((url) => url.pathname === '/modelos/glosa');
    await page.getByRole('heading', { level: 1, name: 'Modelo glosa' }).waitFor();
  });

  it('shows the versions table, evolution, curves, confusion matrix, calibration and the report', async () => {
    const { model, champion, challenger } = await glosaDetail();
    const { page } = h;
    await goto('/modelos/glosa');
    await page.getByRole('heading', { level: 1, name: 'Modelo glosa' }).waitFor();

    // Versions, newest first, with pt-BR figures of the test part.
    const rows = await rowTexts(page, 'versions-table');
    expect(rows.length).toBe(model.versions.length);
    model.versions.forEach((v, i) => {
      const row = rows[i] ?? '';
      expect(row).toContain(versionLabel(v.version));
      expect(row).toContain(algorithmLabel(v.algorithm));
      expect(row).toContain(formatDateTime(v.createdAt));
      expect(row).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
      expect(row).toContain(dataKindLabel(v.dataKind));
      expect(row).toContain(formatMetric(figure(v.metrics, 'test', 'auc')));
      expect(row).toContain(formatMetric(figure(v.metrics, 'test', 'averagePrecision')));
      expect(row).toContain(formatRate(figure(v.metrics, 'test', 'precision')));
      expect(row).toContain(formatRate(figure(v.metrics, 'test', 'recall')));
      expect(row).toContain(formatRate(figure(v.metrics, 'test', 'errorRate')));
      if (v.version === model.aliases.champion) expect(row).toContain('campeão');
      if (v.version === model.aliases.challenger) expect(row).toContain('desafiante');
    });
    await page.getByTestId('evolution-chart').locator('canvas').first().waitFor();

    // The champion in detail, compared with the challenger.
    const panel = page.getByTestId('version-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-version')).toBe(String(champion.version));
    const evaluation = champion.evaluation?.test;
    expect(evaluation, 'the champion has its evaluation curves').toBeTruthy();
    if (!evaluation) return;
    expect(await text(page, 'figure-auc')).toContain(formatMetric(evaluation.roc.auc));
    expect(await text(page, 'figure-precision')).toContain(formatRate(evaluation.atThreshold.precision));
    expect(await text(page, 'figure-recall')).toContain(formatRate(evaluation.atThreshold.recall));
    expect(await text(page, 'figure-threshold')).toContain('o modelo prevê glosa');
    // The glosa run records no base rate in its metrics: no card rather than an empty one.
    expect(champion.metrics.baseRate).toBeUndefined();
    expect(await page.getByTestId('figure-base-rate').count()).toBe(0);
    if (challenger) {
      // Champion and challenger side by side; both tabular, so no learning curve and no note on kinds.
      const compared = page.getByTestId('version-comparison').getByTestId('comparison-row');
      expect(await compared.count()).toBe(2);
      expect(await compared.nth(1).getAttribute('data-version')).toBe(String(challenger.version));
      expect(await page.getByTestId('comparison-kinds').count()).toBe(0);
      expect(await page.getByTestId('learning-curve').count()).toBe(0);
    }
    for (const chart of ['roc-chart', 'pr-chart', 'calibration-chart']) {
      await page.getByTestId(chart).locator('canvas').first().waitFor();
      expect(await page.getByTestId(chart).locator('[role="img"]').getAttribute('aria-label')).toBeTruthy();
    }
    const roc = await text(page, 'roc-numbers');
    expect(roc).toContain(formatMetric(evaluation.roc.auc));
    if (challenger?.evaluation) expect(roc).toContain(formatMetric(challenger.evaluation.test.roc.auc));
    expect(await text(page, 'pr-numbers')).toContain(formatMetric(evaluation.pr.averagePrecision));
    expect(await text(page, 'calibration-brier')).toContain(formatMetric(evaluation.calibration.brier, 4));

    // The confusion matrix adds up to n, matches the API, and states accuracy and error rate.
    const { confusion } = evaluation.atThreshold;
    const cells: Record<string, number> = {};
    for (const key of ['tp', 'fp', 'tn', 'fn'] as const) {
      const cell = page.getByTestId(`confusion-${key}`);
      cells[key] = Number(await cell.getAttribute('data-value'));
      expect(cells[key]).toBe(confusion[key]);
      expect(await cell.textContent()).toContain(formatInteger(confusion[key]));
      expect(await cell.textContent()).toContain(formatShare(confusion[key], evaluation.n));
    }
    expect((cells.tp ?? 0) + (cells.fp ?? 0) + (cells.tn ?? 0) + (cells.fn ?? 0)).toBe(evaluation.n);
    expect(await text(page, 'confusion-total')).toBe(formatInteger(evaluation.n));
    expect(await text(page, 'confusion-accuracy')).toBe(formatRate(evaluation.atThreshold.accuracy));
    expect(await text(page, 'confusion-error-rate')).toBe(formatRate(evaluation.atThreshold.errorRate));

    // Importance (top 15), provenance and the artifact check.
    expect(await page.getByTestId('importance-row').count()).toBe(
      Math.min(15, champion.featureImportance.length),
    );
    expect(await text(page, 'model-seed')).toBe(String(champion.seed));
    expect(await text(page, 'model-code-version')).toBe(champion.codeVersion);
    expect(await page.getByTestId('model-artifact-status').getAttribute('data-status')).toBe(
      champion.artifact.status,
    );
    const snapshot = await rowTexts(page, 'model-snapshot');
    expect(snapshot.length).toBe(champion.dataSnapshot.datasets.length);
    for (const d of champion.dataSnapshot.datasets) expect(snapshot.join('\n')).toContain(shortSha(d.sha256));
    expect((await rowTexts(page, 'alias-history')).length).toBe(model.aliasHistory.length);
    await screenshot(page, 'models-detail');

    // The report: a new-tab link to HTML, and the same page in a sandboxed iframe under the disclosure.
    const link = page.getByTestId('report-link');
    expect(await link.getAttribute('href')).toBe(champion.reportUrl);
    expect(await link.getAttribute('target')).toBe('_blank');
    const report = await fetch(`${h.url}${champion.reportUrl}`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await report.text()).toMatch(/<html/i);
    expect(await page.getByTestId('report-frame').count()).toBe(0);
    await page.getByTestId('report-disclosure').locator('summary').click();
    const frame = page.getByTestId('report-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toBe(champion.reportUrl);
    expect(await frame.getAttribute('sandbox')).toBe('');
  });

  it('switches the version, the comparison and the evaluated part through the controls', async () => {
    const { model, challenger } = await glosaDetail();
    if (!challenger?.evaluation) return;
    const { page } = h;
    await goto('/modelos/glosa');
    await page.getByTestId('version-panel').waitFor();

    await page.getByTestId('version-select').selectOption(String(challenger.version));
    await page.waitForURL((url) => url.searchParams.get('versao') === String(challenger.version));
    await page.locator(`[data-testid="version-panel"][data-version="${challenger.version}"]`).waitFor();
    await settled(page);
    expect(await text(page, 'figure-auc')).toContain(formatMetric(challenger.evaluation.test.roc.auc));
    // Its default comparison is the champion: both versions in the ROC table.
    expect(await page.getByTestId('roc-numbers').locator('tbody tr').count()).toBe(2);
    expect(await text(page, 'roc-numbers')).toContain(versionLabel(model.aliases.champion));

    await page.getByTestId('compare-select').selectOption('nenhuma');
    await page.waitForURL((url) => url.searchParams.get('comparar') === 'nenhuma');
    await settled(page);
    expect(await page.getByTestId('roc-numbers').locator('tbody tr').count()).toBe(1);

    await page.getByRole('radio', { name: 'validação' }).check();
    await page.waitForURL((url) => url.searchParams.get('parte') === 'validacao');
    await page.getByRole('figure', { name: 'Curva ROC (validação)' }).waitFor();
    expect(await text(page, 'roc-numbers')).toContain(formatMetric(challenger.evaluation.valid.roc.auc));

    // The state is in the URL: a reload shows the same view.
    await page.reload();
    await page.locator(`[data-testid="version-panel"][data-version="${challenger.version}"]`).waitFor();
    await page.getByRole('figure', { name: 'Curva ROC (validação)' }).waitFor();
  });

  it('warns in pt-BR, with the server message, when an earlier champion serves or none can', async () => {
    const { items } = await api<{ items: ModelListItem[] }>('/api/v1/models');
    const { page } = h;
    // The demo champion loads fine; the API's answer is rewritten to the two degraded states it can report.
    const message = 'champion v3 of glosa refused: checksum mismatch; earlier champion v1 serves instead';
    const states: ModelListItem['serving'][] = [
      { status: 'fallback', version: 1, algorithm: 'logistic-regression', loadedAt: null, message },
      { status: 'unavailable', version: null, algorithm: null, loadedAt: null, message: 'no champion' },
    ];
    for (const serving of states) {
      await page.route('**/api/v1/models', (route) =>
        route.fulfill({ json: { items: items.map((m) => ({ ...m, serving })) } }),
      );
      await goto('/modelos');
      const box = page.locator('[data-model="glosa"]').getByTestId('serving-status');
      await box.waitFor();
      expect(await box.getAttribute('data-status')).toBe(serving.status);
      expect(await box.getAttribute('role')).toBe('status');
      const words = (await box.textContent()) ?? '';
      if (serving.status === 'fallback') {
        expect(words).toContain('Atenção: o campeão não está servindo.');
        expect(words).toContain(`a versão anterior ${versionLabel(1)}`);
      } else expect(words).toContain('Modelo indisponível.');
      expect(words).toContain(serving.message ?? '');
      await page.unroute('**/api/v1/models');
    }
    await screenshot(page, 'models-unavailable');
  });

  it('shows the glosa probability on a reimbursement, linking to the model', async () => {
    const list = await api<ApiPage<Reimbursement>>('/api/v1/ceap/reimbursements?pageSize=20');
    let found: { id: string; prediction: GlosaPrediction } | undefined;
    for (const item of list.items) {
      const d = await api<{ glosaPrediction?: unknown }>(
        `/api/v1/ceap/reimbursements/${encodeURIComponent(item.id)}`,
      );
      const prediction = asGlosaPrediction(d.glosaPrediction);
      if (prediction) {
        found = { id: item.id, prediction };
        break;
      }
    }
    expect(found, 'a reimbursement with a glosa prediction among the first 20').toBeTruthy();
    if (!found) return;
    const { prediction } = found;
    const { page } = h;
    await goto(`/reembolsos/${found.id}`);
    await page.getByRole('heading', { level: 2, name: 'Probabilidade de glosa' }).waitFor();
    expect(await text(page, 'glosa-probability')).toBe(formatRate(prediction.probability));
    expect(await text(page, 'glosa-probability')).toMatch(/^\d{1,3},\d{1,2}%$/);
    expect(await text(page, 'glosa-relation')).toBe(
      `${prediction.predicted ? 'acima' : 'abaixo'} do limiar de ${formatRate(prediction.threshold)}`,
    );
    const model = await text(page, 'glosa-model');
    expect(model).toContain(`${prediction.model.name} ${versionLabel(prediction.model.version)}`);
    expect(model).toContain(algorithmLabel(prediction.model.algorithm));
    expect(await text(page, 'glosa-prediction')).toContain('não uma acusação');
    await screenshot(page, 'models-reimbursement');

    await page.getByTestId('glosa-model-link').click();
    await page.waitForURL((url) => url.pathname === `/modelos/${prediction.model.name}`);
    await page.getByRole('heading', { level: 1, name: `Modelo ${prediction.model.name}` }).waitFor();
  });

  it('shows the pt-BR not-found message for an unknown model', async () => {
    const { page } = h;
    const name = 'modelo-inexistente';
    const { status, problem } = await apiProblem(`/api/v1/models/${name}`);
    expect(status).toBe(404);
    allowConsoleError(new RegExp(`status of 404.*/api/v1/models/${name}\\b`));
    await goto(`/modelos/${name}`);
    await page.getByRole('heading', { level: 1, name: 'Modelo não encontrado' }).waitFor();
    expect(await page.title()).toContain('Modelo não encontrado');
    expect(await text(page, 'not-found')).toContain(`Nenhum modelo registrado com o nome "${name}".`);
    expect(await text(page, 'error-detail')).toBe(problem.detail);
    await page.getByRole('link', { name: 'Voltar para a lista de modelos' }).click();
    await page.getByRole('heading', { level: 1, name: 'Modelos' }).waitFor();
  });
});
