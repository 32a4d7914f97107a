// Cold start of `hardin serve` (issue #4: first /api/v1/salic/projects/:pronac answer ≤ 0.5 s at 20k projects).
// The precise figure comes from `npm run bench -- serve`; these tests guard what makes it, without timing
// anything tightly: the real process answers its first project well within a generous bound (3 s, for a busy
// machine), nothing it loads before that answer belongs to the stages it does not need, the model champions load
// after listening while the routes that use them wait, the API docs built on demand are the same as before, and
// the CLI loads only the module of the command it runs.
// HARDIN_CLI may point at another build of bin/hardin.js (default: this repository's, built by `npm test`).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/api/index.js';
import { COMMAND_MODULES, commandModules } from '../../src/cli/index.js';
import { fitLogisticRegression, type TabularModel } from '../../src/ml/index.js';
import { Registry } from '../../src/registry/index.js';
import { makeInput } from '../registry/make-input.js';
import { makeSalicFixtureHome } from '../helpers/salic-home.js';
import { REPO_ROOT } from '../helpers/shared-data.js';
import { makeTempDir, removeDir } from '../helpers/tmp.js';

const CLI = process.env.HARDIN_CLI ?? path.join(REPO_ROOT, 'bin/hardin.js');
const PROJECTS = 20_000;
const PRONAC = '132955'; // the fixture's most complex project
const BOUND_MS = 3000;
/** CommonJS packages a cold server must not load before its first answer: docs, default compilers, progress bars. */
const LATER_PACKAGES =
  /node_modules[/\\](@fastify[/\\](swagger|ajv-compiler|fast-json-stringify-compiler)|ajv|yaml|cli-progress)[/\\]/;

/** A port the OS reports free right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** GET on 127.0.0.1; status 0 when nothing listens yet. */
function get(port: number, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: url, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
  });
}

interface Served {
  child: ChildProcess;
  port: number;
  /** ms from spawn to the first 200 of the project. */
  firstAnswerMs: number;
  body: string;
  stderr(): string;
}

/**
 * Spawns `hardin serve` (with `nodeArgs` before the script) and polls the project until it answers 200. `bundle:
 * false` runs the unbundled build (HARDIN_SERVE_BUNDLE=0), whose module files show what is loaded.
 */
async function serveUntilFirstAnswer(
  home: string,
  nodeArgs: string[] = [],
  { bundle = true }: { bundle?: boolean } = {},
): Promise<Served> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [...nodeArgs, CLI, 'serve', '--home', home, '--port', String(port), '--host', '127.0.0.1'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, HARDIN_SERVE_BUNDLE: bundle ? '1' : '0' },
    },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (d: string) => (stderr += d));
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`hardin serve exited before answering: ${stderr}`);
    if (performance.now() - t0 > 60_000) throw new Error(`hardin serve did not answer in 60 s: ${stderr}`);
    const r = await get(port, `/api/v1/salic/projects/${PRONAC}`);
    if (r.status === 200) {
      return { child, port, firstAnswerMs: performance.now() - t0, body: r.body, stderr: () => stderr };
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Stops a served process with SIGTERM (what Ctrl+C does) and returns its exit code. */
function stop(served: Served): Promise<number | null> {
  if (served.child.exitCode !== null) return Promise.resolve(served.child.exitCode);
  return new Promise((resolve) => {
    served.child.once('exit', (code) => resolve(code));
    served.child.kill('SIGTERM');
  });
}

/** A tiny real tabular model (one numeric feature, fitted logistic regression) registered as `cold`'s champion. */
async function registerChampion(home: string): Promise<void> {
  const n = 40;
  const x = Float64Array.from({ length: n }, (_, i) => i / 4);
  // Mostly 1 above the middle, with every fifth row the other way: both classes, not separable.
  const y = Uint8Array.from({ length: n }, (_, i) => (i >= n / 2 !== (i % 5 === 0) ? 1 : 0));
  const estimator = fitLogisticRegression({ x, y, n, p: 1, featureNames: ['x'] });
  const model: TabularModel = {
    kind: 'tabular_binary',
    task: 'cold',
    encoding: {
      mode: 'one_hot',
      features: [{ name: 'x', kind: 'number', description: 'a number' }],
      categories: [],
      columns: ['x'],
      categorical: [false],
    },
    estimator,
    threshold: 0.5,
    thresholdRule: 'fixed at 0.5 (test model)',
  };
  const registry = await Registry.open(home);
  await registry.register({ ...makeInput({ name: 'cold' }), artifact: model });
  await registry.promote('cold', 1, { reason: 'test champion', at: '2026-03-04T00:00:00Z' });
}

describe('hardin serve cold start', () => {
  let home: string;
  beforeAll(async () => {
    home = (await makeSalicFixtureHome({ filler: PROJECTS - 5 })).home;
    await registerChampion(home);
  });
  afterAll(async () => removeDir(home));

  it(`answers its first SALIC project within ${BOUND_MS} ms of the process starting (20k projects)`, async () => {
    // The fastest of up to three starts, so that one start slowed down by a busy machine does not fail the test.
    const times: number[] = [];
    for (let attempt = 0; attempt < 3 && !(Math.min(...times) < BOUND_MS); attempt++) {
      const served = await serveUntilFirstAnswer(home);
      try {
        times.push(served.firstAnswerMs);
        expect(JSON.parse(served.body)).toMatchObject({
          pronac: PRONAC,
          name: 'Festival de Música do Cerrado',
          rankOf: PROJECTS,
        });
        // The models load behind the first answer; a models request waits for them instead of failing.
        const models = await get(served.port, '/api/v1/models/cold');
        expect(models.status).toBe(200);
        expect(JSON.parse(models.body).serving).toMatchObject({ status: 'ok', version: 1 });
      } finally {
        expect(await stop(served)).toBe(0);
      }
      expect(served.stderr()).toMatch(/Hardin dashboard: http:\/\/127\.0\.0\.1:\d+\/ .* ready in \d+ ms/);
    }
    expect(Math.min(...times)).toBeLessThan(BOUND_MS);
  }, 240_000);

  it('loads none of the stages, docs or compilers the first answer does not need before giving it', async () => {
    // A preload records every ES module loaded (module.register hook) and, at the first project answer, writes
    // down those and the CommonJS modules loaded so far.
    const dir = await makeTempDir('hardin-cold-hooks-');
    try {
      const esmLog = path.join(dir, 'esm.txt');
      const snapshot = path.join(dir, 'snapshot.json');
      await fs.writeFile(
        path.join(dir, 'hooks.mjs'),
        `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(esmLog)}, url + '\\n');
  return next(url, context);
}
`,
      );
      await fs.writeFile(
        path.join(dir, 'preload.mjs'),
        `import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire, register } from 'node:module';
register(${JSON.stringify(pathToFileURL(path.join(dir, 'hooks.mjs')).href)});
const end = http.ServerResponse.prototype.end;
let done = false;
http.ServerResponse.prototype.end = function (...args) {
  if (!done && this.req?.url?.startsWith('/api/v1/salic/projects/')) {
    done = true;
    const esm = readFileSync(${JSON.stringify(esmLog)}, 'utf8').trim().split('\\n');
    const cjs = Object.keys(createRequire(import.meta.url).cache);
    writeFileSync(${JSON.stringify(snapshot)}, JSON.stringify({ esm, cjs }));
  }
  return end.apply(this, args);
};
`,
      );
      // The unbundled build: its files name the stages (the bundle is the same code in fewer files).
      const served = await serveUntilFirstAnswer(
        home,
        ['--import', pathToFileURL(path.join(dir, 'preload.mjs')).href],
        { bundle: false },
      );
      const code = await stop(served);
      expect(code).toBe(0);
      const { esm, cjs } = JSON.parse(await fs.readFile(snapshot, 'utf8')) as {
        esm: string[];
        cjs: string[];
      };
      // Sanity: the hooks did see the server being loaded.
      expect(esm.some((u) => u.endsWith('/src/api/server.js'))).toBe(true);
      expect(cjs.some((f) => f.includes(`${path.sep}fastify${path.sep}`))).toBe(true);
      const stages = esm.filter((u) => /\/src\/(pipelines|detect|ml|sources|warehouse)\//.test(u));
      expect(stages, 'stage modules loaded before the first answer').toEqual([]);
      const commands = esm.filter((u) => /\/src\/cli\/commands\/(?!serve\.js)/.test(u));
      expect(commands, 'other command modules loaded by hardin serve').toEqual([]);
      const packages = cjs.filter((f) => LATER_PACKAGES.test(f));
      expect(packages, 'packages loaded before the first answer').toEqual([]);
    } finally {
      await removeDir(dir);
    }
  }, 120_000);

  it('loads the champions in the background: loading until a model route asks, which waits for them', async () => {
    const server = await createServer({ home, logger: false, backgroundStart: true });
    try {
      expect(server.models.status('cold')).toMatchObject({ status: 'loading', version: null });
      expect(server.models.status('cold').message).toMatch(/^model cold is loading \(server started at /);
      // Not a model route: answers without loading them.
      const salic = await server.app.inject({ method: 'GET', url: `/api/v1/salic/projects/${PRONAC}` });
      expect(salic.statusCode).toBe(200);
      expect(server.models.status('cold').status).toBe('loading');
      const predicted = await server.app.inject({
        method: 'POST',
        url: '/api/v1/models/cold/predict',
        payload: { rows: [{ x: 1 }, { x: 9 }] },
      });
      expect(predicted.statusCode).toBe(200);
      expect(predicted.json().model).toEqual({ name: 'cold', version: 1, algorithm: 'logistic-regression' });
      expect(predicted.json().predictions).toHaveLength(2);
      expect(server.models.status('cold')).toMatchObject({ status: 'ok', version: 1, message: null });
      expect(server.models.status('nope')).toMatchObject({
        status: 'unavailable',
        message: 'model nope has no champion',
      });
    } finally {
      await server.close();
    }
  });

  it('builds the API docs on their first request, with the routes registered before', async () => {
    const server = await createServer({ home, logger: false });
    try {
      const json = await server.app.inject({ method: 'GET', url: '/api/docs/json' });
      expect(json.statusCode).toBe(200);
      const spec = json.json();
      expect(spec.info.title).toBe('Hardin API');
      expect(Object.keys(spec.paths)).toEqual(
        expect.arrayContaining(['/api/v1/salic/projects/{pronac}', '/api/v1/models/{name}', '/api/health']),
      );
      expect(Object.keys(spec.paths).filter((p) => p.startsWith('/api/docs'))).toEqual([]);
      const head = await server.app.inject({ method: 'HEAD', url: '/api/docs/json' });
      expect(head.statusCode).toBe(200);
      expect(head.headers['content-length']).toBe(String(json.rawPayload.length));
      const ui = await server.app.inject({ method: 'GET', url: '/api/docs' });
      expect(ui.statusCode).toBe(200);
      expect(ui.headers['content-type']).toMatch(/^text\/html/);
      const redirect = await server.app.inject({ method: 'GET', url: '/api/docs/static/index.html' });
      expect(redirect.statusCode).toBe(302);
      expect(redirect.headers.location).toBe('/api/docs/');
      expect(redirect.headers['content-type']).toBeUndefined();
      const missing = await server.app.inject({ method: 'GET', url: '/api/docs/nope' });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(missing.json().detail).toContain('no route GET /api/docs/nope');
    } finally {
      await server.close();
    }
  });
});

describe('hardin command loading', () => {
  it('loads only the module of the command named first, and every module for help or an unknown command', () => {
    expect(commandModules(['serve', '--port', '8080'])).toEqual(['serve']);
    expect(commandModules(['ingest', 'salic', 'extracts'])).toEqual(['data']);
    expect(commandModules(['models', 'show', 'glosa'])).toEqual(['models']);
    for (const argv of [[], ['--help'], ['--version'], ['help', 'serve'], ['nonsense']]) {
      expect(commandModules(argv), argv.join(' ')).toEqual(['demo', 'data', 'train', 'models', 'serve']);
    }
  });

  it('maps every command the modules register to the module that registers it', async () => {
    const program = new Command('hardin');
    const modules = await Promise.all([
      import('../../src/cli/commands/demo.js').then((m) => ['demo', m.registerDemoCommand] as const),
      import('../../src/cli/commands/data.js').then((m) => ['data', m.registerDataCommands] as const),
      import('../../src/cli/commands/train.js').then((m) => ['train', m.registerTrainCommand] as const),
      import('../../src/cli/commands/models.js').then((m) => ['models', m.registerModelsCommands] as const),
      import('../../src/cli/commands/serve.js').then((m) => ['serve', m.registerServeCommand] as const),
    ]);
    const registered: Record<string, string> = {};
    for (const [module, register] of modules) {
      const before = new Set(program.commands.map((c) => c.name()));
      register(program);
      for (const c of program.commands) if (!before.has(c.name())) registered[c.name()] = module;
    }
    expect(registered).toEqual(COMMAND_MODULES);
  });
});
