// Browser tests of the dashboard: Debian's Chromium driven by playwright-core against the demo server
// (dist/web + the API). Every expectation is read from the API first and then looked for on the page as a
// person would see it (pt-BR money, dates, counts), so the tests hold for any demo dataset, not one fixture.
// Each test fails on console errors, uncaught exceptions and 5xx responses, except the few HTTP errors it
// provokes on purpose. Screenshots go to /tmp/hardin-*.png for a look by eye. The harness (server, browser,
// helpers) is in browser-harness.ts; the CEAP detectors, explanations and deputy pages are in
// ceap-detectors.test.ts.
import { expect, it } from 'vitest';
import type {
  Catalog,
  Deputy,
  Overview,
  Page as ApiPage,
  Reimbursement,
  Subquota,
} from '../../web/src/api.js';
import { formatBrl, formatCount, formatDate, formatDateTime, formatInteger } from '../../web/src/format.js';
import { MONEY, PAGE_SIZE, describeInChromium } from './browser-harness.js';

describeInChromium('dashboard', (h) => {
  const {
    api,
    apiProblem,
    allowConsoleError,
    goto,
    settled,
    text,
    rowTexts,
    findFlagged,
    expectResultCount,
    pageLabel,
    screenshot,
  } = h;

  it('shows the overview with the API numbers in pt-BR', async () => {
    const overview = await api<Overview>('/api/v1/overview');
    const { page } = h;
    await goto('/');
    await page.getByRole('heading', { level: 1, name: 'Visão geral' }).waitFor();

    expect(await text(page, 'stat-datasets')).toContain(formatInteger(overview.datasets));
    expect(await text(page, 'stat-rows')).toContain(formatInteger(overview.rowsIngested));
    expect(await text(page, 'stat-quarantined')).toContain(formatInteger(overview.rowsQuarantined));
    expect(await text(page, 'stat-reimbursements')).toContain(formatInteger(overview.reimbursements.count));
    expect(await text(page, 'stat-net')).toContain(formatBrl(overview.reimbursements.netCents));
    expect(await text(page, 'stat-deputies')).toContain(formatInteger(overview.deputies));
    const lastRun = await text(page, 'stat-last-run');
    if (overview.lastRun) {
      expect(lastRun).toContain(formatDateTime(overview.lastRun.finishedAt));
      expect(lastRun).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    } else expect(lastRun).toContain('Nenhuma');

    const flags = await text(page, 'flags-by-detector');
    expect(flags).toContain(formatInteger(overview.flags.total));
    for (const d of overview.flags.byDetector) expect(flags).toContain(d.title);
    const top = await text(page, 'top-deputies');
    for (const d of overview.topFlaggedDeputies) {
      expect(top).toContain(d.name);
      expect(top).toContain(formatBrl(d.flaggedNetCents));
    }
    expect(await text(page, 'footer-health')).toMatch(/API \S+/);
    await screenshot(page, 'overview');

    // The first flagged deputy links to their flagged reimbursements.
    const first = overview.topFlaggedDeputies[0];
    if (!first) return;
    await page.getByTestId('top-deputy-link').first().click();
    await page.waitForURL((url) => url.pathname === '/reembolsos');
    const query = new URL(page.url()).searchParams;
    expect(query.get('deputy')).toBe(String(first.id));
    expect(query.get('flagged')).toBe('true');
    const expected = await api<ApiPage<Reimbursement>>(
      `/api/v1/ceap/reimbursements?deputy=${first.id}&flagged=true&pageSize=${PAGE_SIZE}`,
    );
    await expectResultCount(page, expected.total, 'reembolso encontrado', 'reembolsos encontrados');
    const rows = await rowTexts(page, 'reimbursements-table');
    expect(rows.length).toBe(expected.items.length);
    for (const row of rows) expect(row).toContain(first.name);
    expect(await page.getByTestId('reimbursements-table').getByTestId('flag-badge').count()).toBe(
      rows.length,
    );
  });

  it('moves between pages with the menu without reloading, and back/forward work', async () => {
    const { page } = h;
    await goto('/');
    await page.getByRole('heading', { level: 1, name: 'Visão geral' }).waitFor();
    await page.evaluate(() => Object.assign(globalThis, { __sameDocument: true }));
    const nav = page.getByRole('navigation', { name: 'Navegação principal' });
    const stops: [string, string, string][] = [
      ['Catálogo de dados', '/catalogo', 'Catálogo de dados'],
      ['Reembolsos', '/reembolsos', 'Reembolsos'],
      ['Deputados', '/deputados', 'Deputados'],
      ['Detectores', '/detectores', 'Detectores'],
      ['Visão geral', '/', 'Visão geral'],
    ];
    for (const [link, path, heading] of stops) {
      await nav.getByRole('link', { name: link, exact: true }).click();
      await page.waitForURL((url) => url.pathname === path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(await nav.getByRole('link', { name: link, exact: true }).getAttribute('aria-current')).toBe(
        'page',
      );
      expect(await page.title()).toContain(heading);
    }
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Detectores' }).waitFor();
    await page.goForward();
    await page.getByRole('heading', { level: 1, name: 'Visão geral' }).waitFor();
    expect(await page.evaluate(() => (globalThis as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    // Deep links are served by the SPA fallback; unknown paths show the not-found page.
    await goto('/catalogo');
    await page.getByRole('heading', { level: 1, name: 'Catálogo de dados' }).waitFor();
    await goto('/rota-que-nao-existe');
    await page.getByRole('heading', { level: 1, name: 'Página não encontrada' }).waitFor();
    await page.getByRole('link', { name: 'Ir para a visão geral' }).click();
    await page.getByRole('heading', { level: 1, name: 'Visão geral' }).waitFor();
  });

  it('shows the catalog: datasets with partitions and schema, tables, lineage', async () => {
    const catalog = await api<Catalog>('/api/v1/catalog');
    const { page } = h;
    await goto('/catalogo');
    await page.getByRole('heading', { level: 1, name: 'Catálogo de dados' }).waitFor();
    await settled(page);

    const datasets = page.getByTestId('dataset');
    expect(await datasets.count()).toBe(catalog.datasets.length);
    for (const [i, d] of catalog.datasets.entries()) {
      const item = datasets.nth(i);
      const summary = (await item.locator('summary').textContent()) ?? '';
      expect(summary).toContain(d.name);
      expect(summary).toContain(formatCount(d.rows, 'linha', 'linhas'));
    }
    const withPartitions = catalog.datasets.findIndex((d) => d.partitions.length > 0);
    if (withPartitions >= 0) {
      const d = catalog.datasets[withPartitions]!;
      const item = datasets.nth(withPartitions);
      expect(await item.getByTestId('partitions').isVisible()).toBe(false);
      await item.locator('summary').click();
      await item.getByTestId('partitions').waitFor();
      const partitions = (await item.getByTestId('partitions').textContent()) ?? '';
      for (const p of d.partitions) {
        expect(partitions).toContain(p.key);
        expect(partitions).toContain(p.inputName);
        expect(partitions).toContain(formatDateTime(p.ingestedAt));
      }
      const schema = (await item.getByTestId('schema').textContent()) ?? '';
      for (const f of d.schema) expect(schema).toContain(f.name);
    }

    const tables = page.getByTestId('table');
    expect(await tables.count()).toBe(catalog.tables.length);
    const firstTable = catalog.tables[0];
    if (firstTable) {
      const summary = (await tables.first().locator('summary').textContent()) ?? '';
      expect(summary).toContain(firstTable.name);
      expect(summary).toContain(formatInteger(firstTable.rows));
      if (firstTable.grain) expect(summary).toContain(firstTable.grain);
      await tables.first().locator('summary').click();
      const columns = (await tables.first().getByTestId('columns').textContent()) ?? '';
      for (const c of firstTable.columns) expect(columns).toContain(c.name);
    }

    if (catalog.lineage.length > 0) {
      const lineage = await page.getByTestId('lineage').locator('li').allTextContents();
      const shown = lineage.map((line) => line.replace(/\s+/g, ' ').trim());
      for (const edge of catalog.lineage) expect(shown).toContain(`${edge.from} → ${edge.to}`);
    }
    await screenshot(page, 'catalog');
  });

  it('paginates reimbursements on the server', async () => {
    const first = await api<ApiPage<Reimbursement>>(
      `/api/v1/ceap/reimbursements?page=1&pageSize=${PAGE_SIZE}`,
    );
    const { page } = h;
    await goto('/reembolsos');
    await page
      .getByTestId('page-label')
      .filter({ hasText: pageLabel(1, first.total) })
      .waitFor();
    await expectResultCount(page, first.total, 'reembolso encontrado', 'reembolsos encontrados');
    const rows = await rowTexts(page, 'reimbursements-table');
    expect(rows.length).toBe(first.items.length);
    for (const [i, item] of first.items.entries()) {
      expect(rows[i]).toContain(formatBrl(item.netCents));
      if (item.issueDate) expect(rows[i]).toContain(formatDate(item.issueDate));
    }
    for (const cell of await page.getByTestId('net').allTextContents()) expect(cell).toMatch(MONEY);
    await screenshot(page, 'reimbursements');

    if (first.total <= PAGE_SIZE) return;
    const second = await api<ApiPage<Reimbursement>>(
      `/api/v1/ceap/reimbursements?page=2&pageSize=${PAGE_SIZE}`,
    );
    await page.getByRole('button', { name: /Próxima/ }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await page
      .getByTestId('page-label')
      .filter({ hasText: pageLabel(2, first.total) })
      .waitFor();
    const rows2 = await rowTexts(page, 'reimbursements-table');
    expect(rows2.length).toBe(second.items.length);
    expect(rows2[0]).toContain(formatBrl(second.items[0]!.netCents));

    await page.goBack();
    await page
      .getByTestId('page-label')
      .filter({ hasText: pageLabel(1, first.total) })
      .waitFor();
    expect(await page.getByRole('button', { name: /Anterior/ }).isDisabled()).toBe(true);
  });

  it('filters and sorts reimbursements through the URL', async () => {
    const { page } = h;
    const subquotas = await api<{ items: Subquota[] }>('/api/v1/ceap/subquotas');
    await goto('/reembolsos');
    await settled(page);
    await page.locator('#filter-subquota option').nth(subquotas.items.length).waitFor({ state: 'attached' });
    expect(await page.locator('#filter-subquota option').count()).toBe(subquotas.items.length + 1);
    for (const id of [
      'filter-deputy',
      'filter-year',
      'filter-month',
      'filter-subquota',
      'filter-flagged',
      'filter-detector',
      'filter-supplier',
    ]) {
      expect(await page.locator(`label[for="${id}"]`).count(), `label for #${id}`).toBe(1);
    }

    // Sinalizados: sim.
    const flagged = await api<ApiPage<Reimbursement>>(
      `/api/v1/ceap/reimbursements?flagged=true&pageSize=${PAGE_SIZE}`,
    );
    await page.selectOption('#filter-flagged', 'true');
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.waitForURL((url) => url.searchParams.get('flagged') === 'true');
    await expectResultCount(page, flagged.total, 'reembolso encontrado', 'reembolsos encontrados');
    const flaggedRows = await rowTexts(page, 'reimbursements-table');
    expect(flaggedRows.length).toBe(flagged.items.length);
    expect(await page.getByTestId('reimbursements-table').getByTestId('flag-badge').count()).toBe(
      flaggedRows.length,
    );

    // Add year, month and subquota of a flagged reimbursement, when there is one.
    const sample = flagged.items[0];
    if (sample) {
      const filters = `flagged=true&year=${sample.year}&month=${sample.month}&subquota=${sample.subquota}`;
      const expected = await api<ApiPage<Reimbursement>>(
        `/api/v1/ceap/reimbursements?${filters}&pageSize=${PAGE_SIZE}`,
      );
      await page.selectOption('#filter-year', String(sample.year));
      await page.selectOption('#filter-month', String(sample.month));
      await page.selectOption('#filter-subquota', String(sample.subquota));
      await page.getByRole('button', { name: 'Aplicar filtros' }).click();
      await page.waitForURL((url) => url.searchParams.get('subquota') === String(sample.subquota));
      const query = new URL(page.url()).searchParams;
      expect(query.get('year')).toBe(String(sample.year));
      expect(query.get('month')).toBe(String(sample.month));
      await expectResultCount(page, expected.total, 'reembolso encontrado', 'reembolsos encontrados');
      for (const row of await rowTexts(page, 'reimbursements-table'))
        if (sample.subquotaDescription) expect(row).toContain(sample.subquotaDescription);

      // The URL alone restores the filters.
      await page.reload();
      await expectResultCount(page, expected.total, 'reembolso encontrado', 'reembolsos encontrados');
      expect(await page.inputValue('#filter-flagged')).toBe('true');
      expect(await page.inputValue('#filter-subquota')).toBe(String(sample.subquota));
      expect(await page.inputValue('#filter-month')).toBe(String(sample.month));
    }

    // Fornecedor: free text.
    await page.getByRole('button', { name: 'Limpar' }).click();
    await page.waitForURL((url) => url.pathname === '/reembolsos' && url.search === '');
    const all = await api<ApiPage<Reimbursement>>(`/api/v1/ceap/reimbursements?pageSize=${PAGE_SIZE}`);
    const supplier = all.items.find((r) => r.supplierName)?.supplierName;
    if (supplier) {
      const q = supplier.split(/\s+/)[0] ?? supplier;
      const expected = await api<ApiPage<Reimbursement>>(
        `/api/v1/ceap/reimbursements?q=${encodeURIComponent(q)}&pageSize=${PAGE_SIZE}`,
      );
      await page.fill('#filter-supplier', q);
      await page.press('#filter-supplier', 'Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === q);
      await expectResultCount(page, expected.total, 'reembolso encontrado', 'reembolsos encontrados');
      await page.getByRole('button', { name: 'Limpar' }).click();
      await page.waitForURL((url) => url.search === '');
    }

    // A filter that matches nothing says so.
    const nothing = 'zzzz-fornecedor-inexistente';
    const none = await api<ApiPage<Reimbursement>>(
      `/api/v1/ceap/reimbursements?q=${nothing}&pageSize=${PAGE_SIZE}`,
    );
    expect(none.total).toBe(0);
    await page.fill('#filter-supplier', nothing);
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await expectResultCount(page, 0, 'reembolso encontrado', 'reembolsos encontrados');
    expect(await text(page, 'empty')).toBe('Nenhum resultado');
    await page.getByRole('button', { name: 'Limpar' }).click();
    await page.waitForURL((url) => url.search === '');

    // Sort by value, descending then ascending.
    for (const sort of ['-netCents', 'netCents']) {
      const expected = await api<ApiPage<Reimbursement>>(
        `/api/v1/ceap/reimbursements?sort=${sort}&pageSize=${PAGE_SIZE}`,
      );
      await page.getByTestId('sort-netCents').click();
      await page.waitForURL((url) => url.searchParams.get('sort') === sort);
      await settled(page);
      const header = page.getByRole('columnheader', { name: /Valor líquido/ });
      expect(await header.getAttribute('aria-sort')).toBe(sort.startsWith('-') ? 'descending' : 'ascending');
      const nets = await page.getByTestId('net').allTextContents();
      expect(nets).toEqual(expected.items.map((r) => formatBrl(r.netCents)));
    }
    // Sort by date, newest first.
    const byDate = await api<ApiPage<Reimbursement>>(
      `/api/v1/ceap/reimbursements?sort=-issueDate&pageSize=${PAGE_SIZE}`,
    );
    await page.getByTestId('sort-issueDate').click();
    await page.waitForURL((url) => url.searchParams.get('sort') === '-issueDate');
    const dated = await rowTexts(page, 'reimbursements-table');
    expect(dated[0]).toContain(formatDate(byDate.items[0]?.issueDate));
    await screenshot(page, 'reimbursements-sorted');
  });

  it('shows the API problem when the URL holds an invalid parameter', async () => {
    const { page } = h;
    const path = '/api/v1/ceap/reimbursements?page=1&pageSize=1000';
    const { status, problem } = await apiProblem(path);
    expect(status).toBe(400);
    allowConsoleError(/status of 400/);
    await goto('/reembolsos?pageSize=1000');
    expect(await text(page, 'error-detail')).toBe(problem.detail);
    expect(await page.getByRole('alert').first().textContent()).toContain('Parâmetros inválidos');
    for (const e of problem.errors ?? []) {
      expect(await page.getByRole('alert').first().textContent()).toContain(e.message);
    }
    await page.getByRole('button', { name: 'Tentar novamente' }).waitFor();
    await screenshot(page, 'error');
  });

  it('opens a flagged reimbursement and explains the monthly-limit flag', async () => {
    const { page } = h;
    const detail = await findFlagged('monthly_subquota_limit');
    expect(detail, 'the demo data has a reimbursement flagged by monthly_subquota_limit').toBeDefined();
    const r = detail!;
    const flag = r.flags.find((f) => f.detector === 'monthly_subquota_limit')!;
    const e = flag.explanation as Record<string, unknown> & { text: string };

    // Reach it the way a person would: the filtered list, then a click on the row.
    await goto(
      `/reembolsos?deputy=${r.deputyId}&year=${r.year}&month=${r.month}&subquota=${r.subquota}&flagged=true&pageSize=100`,
    );
    const href = `/reembolsos/${encodeURIComponent(r.id)}`;
    const row = page.locator('tr', { has: page.locator(`a[href="${href}"]`) });
    await row.getByTestId('net').click();
    await page.waitForURL((url) => url.pathname === href);
    await page.getByTestId('flag-card').first().waitFor();

    expect(await text(page, 'detail-net')).toBe(formatBrl(r.netCents));
    const fields = await text(page, 'detail-fields');
    expect(fields).toContain(r.deputyName);
    expect(fields).toContain(formatBrl(r.documentCents));
    if (r.subquotaDescription) expect(fields).toContain(r.subquotaDescription);
    if (r.issueDate) expect(fields).toContain(formatDate(r.issueDate));
    if (r.receiptUrl) {
      const link = page.getByRole('link', { name: /Ver nota fiscal \/ recibo/ });
      expect(await link.getAttribute('href')).toBe(r.receiptUrl);
      expect(await link.getAttribute('target')).toBe('_blank');
    }

    const card = page.locator('[data-testid="flag-card"][data-detector="monthly_subquota_limit"]').first();
    expect(await card.getByRole('heading').textContent()).toBe(flag.title);
    expect(await card.getByTestId('flag-text').textContent()).toBe(e.text);
    expect(await card.getByTestId('severity-badge').textContent()).toMatch(/Severidade (baixa|média|alta)/);
    const details = (await card.getByTestId('flag-details').textContent()) ?? '';
    for (const key of ['limitCents', 'runningTotalCents', 'monthTotalCents', 'excessCents']) {
      expect(details).toContain(formatBrl(e[key] as number));
    }
    const bar = card.getByTestId('limit-bar');
    expect(await bar.textContent()).toContain(`Limite ${formatBrl(e.limitCents as number)}`);
    expect(await bar.getByRole('img').getAttribute('aria-label')).toContain(
      formatBrl(e.runningTotalCents as number),
    );
    for (const cell of await page.locator('.money').allTextContents()) expect(cell.trim()).toMatch(MONEY);
    await screenshot(page, 'reimbursement-detail');
  });

  it('shows a not-found page with the API detail for an unknown or malformed reimbursement id', async () => {
    const { page } = h;
    // An id shaped like a real one (each hex digit flipped) but absent, then one that is not an id at all.
    const sample = (await api<ApiPage<Reimbursement>>('/api/v1/ceap/reimbursements?pageSize=1')).items[0];
    const unknown = (sample?.id ?? '0123456789abcdef').replace(/[0-9a-f]/g, (c) =>
      (parseInt(c, 16) ^ 0xf).toString(16),
    );
    const cases: [string, number[]][] = [
      [unknown, [404]],
      ['nao-existe', [400, 404]],
    ];
    for (const [id, statuses] of cases) {
      const { status, problem } = await apiProblem(`/api/v1/ceap/reimbursements/${encodeURIComponent(id)}`);
      expect(statuses, `GET /api/v1/ceap/reimbursements/${id}`).toContain(status);
      allowConsoleError(new RegExp(`status of ${status}.*/api/v1/ceap/reimbursements/${id}\\b`));
      await goto(`/reembolsos/${encodeURIComponent(id)}`);
      await page.getByRole('heading', { level: 1, name: 'Reembolso não encontrado' }).waitFor();
      expect(await text(page, 'error-detail')).toBe(problem.detail);
      expect(await page.title()).toContain('Reembolso não encontrado');
    }
    await screenshot(page, 'not-found');
    await page.getByRole('link', { name: 'Voltar para a lista de reembolsos' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reembolsos' }).waitFor();
  });

  it('searches deputies and links to their page and their reimbursements', async () => {
    const { page } = h;
    const list = await api<ApiPage<Deputy>>(`/api/v1/ceap/deputies?pageSize=${PAGE_SIZE}`);
    await goto('/deputados');
    await page
      .getByTestId('page-label')
      .filter({ hasText: pageLabel(1, list.total) })
      .waitFor();
    await expectResultCount(page, list.total, 'deputado encontrado', 'deputados encontrados');
    expect((await rowTexts(page, 'deputies-table')).length).toBe(list.items.length);
    await screenshot(page, 'deputies');

    const deputy = list.items.find((d) => d.reimbursements > 0) ?? list.items[0];
    if (!deputy) return;
    const expected = await api<ApiPage<Deputy>>(
      `/api/v1/ceap/deputies?q=${encodeURIComponent(deputy.name)}&pageSize=${PAGE_SIZE}`,
    );
    await page.fill('#deputy-search', deputy.name);
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === deputy.name);
    await expectResultCount(page, expected.total, 'deputado encontrado', 'deputados encontrados');
    const rows = await rowTexts(page, 'deputies-table');
    const row = rows.find((t) => t.includes(deputy.name));
    expect(row).toBeDefined();
    expect(row).toContain(formatBrl(deputy.netCents));
    expect(row).toContain(formatInteger(deputy.reimbursements));

    const theirs = await api<ApiPage<Reimbursement>>(
      `/api/v1/ceap/reimbursements?deputy=${deputy.id}&pageSize=${PAGE_SIZE}`,
    );
    // The name opens the deputy's page (ceap-detectors.test.ts); the reimbursement count, their list.
    expect(
      await page.getByTestId('deputy-link').filter({ hasText: deputy.name }).first().getAttribute('href'),
    ).toBe(`/deputados/${deputy.id}`);
    await page
      .getByTestId('deputies-table')
      .getByTestId('row')
      .filter({ hasText: deputy.name })
      .first()
      .getByTestId('deputy-reimbursements-link')
      .click();
    await page.waitForURL(
      (url) => url.pathname === '/reembolsos' && url.searchParams.get('deputy') === String(deputy.id),
    );
    await expectResultCount(page, theirs.total, 'reembolso encontrado', 'reembolsos encontrados');
    expect(await page.inputValue('#filter-deputy')).toBe(String(deputy.id));
    for (const t of await rowTexts(page, 'reimbursements-table')) expect(t).toContain(deputy.name);

    // The reimbursements filter also takes a deputy's name and resolves it to the id.
    const sameName = expected.items.filter((d) => d.name.toLowerCase() === deputy.name.toLowerCase());
    if (sameName.length !== 1) return;
    await page.getByRole('button', { name: 'Limpar' }).click();
    await page.waitForURL((url) => url.search === '');
    await page.fill('#filter-deputy', deputy.name);
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.waitForURL((url) => url.searchParams.get('deputy') === String(deputy.id));
    await expectResultCount(page, theirs.total, 'reembolso encontrado', 'reembolsos encontrados');
  });
});
