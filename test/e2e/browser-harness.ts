// The shared harness of the browser tests: Debian's Chromium driven by playwright-core against the demo server
// (dist/web + the API), one fresh browser context per test, and helpers that read the API first and then look
// for the answer on the page as a person would see it. Each test fails on console errors, uncaught exceptions
// and 5xx responses, except the HTTP errors it provokes on purpose (`allowConsoleError`). Without Chromium at
// /usr/bin/chromium the whole suite is skipped, with the reason in its title.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect } from 'vitest';
import type { Page as ApiPage, Problem, Reimbursement, ReimbursementDetail } from '../../web/src/api.js';
import { formatInteger } from '../../web/src/format.js';
import { startDemoServer } from '../helpers/demo-server.js';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const PAGE_SIZE = 25; // the dashboard's default page size
export const MONEY = /^-?R\$ \d{1,3}(\.\d{3})*,\d{2}$/;
export const hasChromium = existsSync(CHROMIUM);
const OPTIONAL_RANKING_METHOD = /status of 404.*\/api\/v1\/ceap\/ranking-method\b/;

interface Session {
  context: BrowserContext;
  page: Page;
  problems: string[];
  allowed: RegExp[];
}

export interface Harness {
  /** The current test's page (a fresh context per test). */
  readonly page: Page;
  /** The demo server's base URL. */
  readonly url: string;
  /** GETs the API directly (not through the page) to learn what the page should show. */
  api<T>(path: string): Promise<T>;
  apiProblem(path: string): Promise<{ status: number; problem: Problem }>;
  /** Lets the current test provoke an HTTP error whose console message matches `pattern`. */
  allowConsoleError(pattern: RegExp): void;
  goto(path: string): Promise<void>;
  /** Waits until no loading indicator is showing. */
  settled(page: Page): Promise<void>;
  text(page: Page, testId: string): Promise<string>;
  rowTexts(page: Page, table: string): Promise<string[]>;
  /** The first flagged reimbursement (newest first) carrying a flag of `detector`, looking at up to 60. */
  findFlagged(detector: string): Promise<ReimbursementDetail | undefined>;
  expectResultCount(page: Page, total: number, one: string, many: string): Promise<void>;
  pageLabel(page: number, total: number): string;
  screenshot(page: Page, name: string): Promise<void>;
}

/** A describe block whose tests get a running demo server, Chromium, and the harness helpers. */
export function describeInChromium(title: string, body: (h: Harness) => void): void {
  if (!hasChromium) console.warn(`${title}: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  describe.skipIf(!hasChromium)(
    hasChromium ? `${title} in Chromium` : `${title} in Chromium — SKIPPED: ${CHROMIUM} not found`,
    () => {
      let server: { url: string; close(): Promise<void> };
      let browser: Browser;
      let session: Session;

      async function api<T>(path: string): Promise<T> {
        const response = await fetch(`${server.url}${path}`);
        if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${await response.text()}`);
        return (await response.json()) as T;
      }

      async function apiProblem(path: string): Promise<{ status: number; problem: Problem }> {
        const response = await fetch(`${server.url}${path}`);
        return { status: response.status, problem: (await response.json()) as Problem };
      }

      async function settled(page: Page) {
        // A string, not a function: the root tsconfig has no DOM types.
        await page.waitForFunction('!document.querySelector(\'[data-testid="loading"]\')');
      }

      async function text(page: Page, testId: string): Promise<string> {
        const el = page.getByTestId(testId).first();
        await el.waitFor();
        return (await el.textContent()) ?? '';
      }

      async function rowTexts(page: Page, table: string): Promise<string[]> {
        await settled(page);
        return page.getByTestId(table).getByTestId('row').allTextContents();
      }

      async function findFlagged(detector: string): Promise<ReimbursementDetail | undefined> {
        let looked = 0;
        for (let p = 1; looked < 60; p++) {
          const list = await api<ApiPage<Reimbursement>>(
            `/api/v1/ceap/reimbursements?flagged=true&pageSize=100&page=${p}`,
          );
          for (const item of list.items) {
            if (++looked > 60) break;
            const d = await api<ReimbursementDetail>(
              `/api/v1/ceap/reimbursements/${encodeURIComponent(item.id)}`,
            );
            if (d.flags.some((f) => f.detector === detector)) return d;
          }
          if (p * list.pageSize >= list.total) break;
        }
        return undefined;
      }

      function countLabel(total: number, one: string, many: string): string {
        return total === 1 ? `1 ${one}` : `${formatInteger(total)} ${many}`;
      }

      async function expectResultCount(page: Page, total: number, one: string, many: string) {
        await page
          .getByTestId('result-count')
          .filter({ hasText: countLabel(total, one, many) })
          .waitFor();
      }

      function pageLabel(page: number, total: number): string {
        return `Página ${formatInteger(page)} de ${formatInteger(Math.max(1, Math.ceil(total / PAGE_SIZE)))}`;
      }

      async function screenshot(page: Page, name: string) {
        await page.screenshot({ path: `/tmp/hardin-${name}.png`, fullPage: true });
      }

      beforeAll(async () => {
        server = await startDemoServer();
        browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      });

      afterAll(async () => {
        await browser?.close();
        await server?.close();
      });

      beforeEach(async () => {
        const context = await browser.newContext({
          locale: 'pt-BR',
          timezoneId: 'America/Sao_Paulo',
          viewport: { width: 1280, height: 900 },
        });
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        // The ranking's definition is optional: the dashboard asks for it and omits it on a 404.
        session = { context, page, problems: [], allowed: [OPTIONAL_RANKING_METHOD] };
        page.on('console', (message) => {
          if (message.type() !== 'error') return;
          const line = `${message.text()} (${message.location().url})`;
          if (!session.allowed.some((pattern) => pattern.test(line)))
            session.problems.push(`console: ${line}`);
        });
        page.on('pageerror', (error) => session.problems.push(`uncaught: ${error.message}`));
        page.on('response', (response) => {
          if (response.status() >= 500) session.problems.push(`HTTP ${response.status()} ${response.url()}`);
        });
      });

      afterEach(async () => {
        const { context, problems } = session;
        await context.close();
        expect(problems, 'console errors, uncaught exceptions or 5xx responses').toEqual([]);
      });

      body({
        get page() {
          return session.page;
        },
        get url() {
          return server.url;
        },
        api,
        apiProblem,
        allowConsoleError: (pattern) => session.allowed.push(pattern),
        goto: async (path) => {
          await session.page.goto(`${server.url}${path}`);
        },
        settled,
        text,
        rowTexts,
        findFlagged,
        expectResultCount,
        pageLabel,
        screenshot,
      });
    },
  );
}
