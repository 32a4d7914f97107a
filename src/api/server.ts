// The HTTP server: REST API under /api (Fastify 5, zod 4 schemas, OpenAPI generated at /api/docs) and the
// dashboard's static files with a single-page-app fallback. Start-up only opens the warehouse read-only.
// Cold start (issue #4, `npm run bench -- serve`): nothing before the first answer loads what that answer does
// not need. The heavy stages (pipelines, detect, ml) are imported by the routes that use them, the docs are built
// on their first request (docs.ts), Fastify gets the zod compilers up front (so it never loads its default ajv
// ones), and the warehouse opens on DuckDB's threads while this module loads (start.ts). With `backgroundStart` (what
// `hardin serve` does) the model champions load once the server listens, the routes that use them wait for that
// load, and the docs and the stages the other routes import on demand are warmed up behind it.
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { exists, packageRoot, packageVersion, type Logger } from '../core/index.js';
import { lazyDocs } from './docs.js';
import { errorHandler, sendProblem } from './problem.js';
import { zodSchemaController } from './zod-compilers.js';
import { ModelService } from './model-service.js';
import { ceapRoutes } from './routes/ceap.js';
import { modelRoutes } from './routes/models.js';
import { healthRoute, overviewRoutes } from './routes/overview.js';
import { salicRoutes } from './routes/salic.js';
import { WarehouseReader } from './warehouse-reader.js';

// Fastify is CommonJS: required rather than imported, so Node does not lex fastify.js for named exports first.
const { fastify: Fastify, LogController } = createRequire(import.meta.url)(
  'fastify',
) as typeof import('fastify');

export interface ServerOptions {
  home: string;
  logger?: Logger | boolean;
  /** Folder with the built dashboard (default: <package>/dist/web). */
  webDir?: string;
  /** Bearer tokens for write endpoints (HARDIN_API_TOKENS); none ⇒ writes disabled. */
  apiTokens?: readonly string[];
  /**
   * Load the model champions once listening instead of before `createServer` resolves (default false): requests
   * to the routes that use them (MODEL_ROUTES) wait for the load, the others answer at once.
   */
  backgroundStart?: boolean;
}

/** Route prefixes whose handlers predict with or report on the served models. */
const MODEL_ROUTES = ['/api/v1/models', '/api/v1/ceap'];

/** How long a freshly listening server waits for a first request before it warms up anyway. */
const WARM_UP_IDLE_MS = 250;

/** Stages the routes import on their first request; warmed up after listening with `backgroundStart`. */
const WARM_UP: (() => Promise<unknown>)[] = [
  () => import('../pipelines/index.js'),
  () => import('../detect/index.js'),
];

/** Runs the warm-up steps one after the other; a failing step is logged (its route will fail the same way). */
async function warmUp(app: FastifyInstance, steps: (() => Promise<unknown>)[]): Promise<void> {
  for (const step of steps) {
    await step().catch((error: unknown) =>
      app.log.error({ err: error }, 'warm-up after listening failed; the route that needs it will retry'),
    );
  }
}

export interface HardinServer {
  app: FastifyInstance<any, any, any, any, ZodTypeProvider>; // eslint-disable-line @typescript-eslint/no-explicit-any
  reader: WarehouseReader;
  models: ModelService;
  close(): Promise<void>;
}

// Per-request log lines would drown the useful ones on a dashboard that fires many small requests.
const quietRequests = new LogController({ disableRequestLogging: true });

/**
 * The server over `options.home`, ready to listen. `opening` is the warehouse already being opened (start.ts opens
 * it before importing this module, so DuckDB works while the modules load); by default it is opened here.
 * @example const server = await createServer({ home: '.hardin' }); await server.app.listen({ port: 8080 })
 */
export async function createServer(
  options: ServerOptions,
  opening: Promise<WarehouseReader> = WarehouseReader.open(options.home),
): Promise<HardinServer> {
  // DuckDB opens the warehouse and reads its catalog on its own threads while Fastify is set up on this one.
  const app = (
    typeof options.logger === 'object'
      ? Fastify({
          loggerInstance: options.logger as unknown as FastifyBaseLogger,
          logController: quietRequests,
          schemaController: zodSchemaController,
        })
      : Fastify({
          logger: options.logger ?? false,
          logController: quietRequests,
          schemaController: zodSchemaController,
        })
  ).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Champions are loaded and checksum-verified once, here or in the background; a corrupted one is refused and
  // logged.
  const [reader, models] = await Promise.all([
    opening,
    ModelService.open(options.home, app.log as unknown as Logger, undefined, {
      background: options.backgroundStart ?? false,
    }),
  ]).catch(async (error: unknown) => {
    (await opening.catch(() => undefined))?.close();
    throw error;
  });
  const builtAt = reader.has('meta.models')
    ? ((await reader.one<{ t: string | null }>(`SELECT CAST(max(built_at) AS VARCHAR) AS t FROM meta.models`))
        ?.t ?? null)
    : null;
  const docs = lazyDocs(app, {
    routePrefix: '/api/docs',
    openapi: {
      info: {
        title: 'Hardin API',
        version: packageVersion(),
        description: 'Explained risk scores over Brazilian public data',
      },
      tags: [
        { name: 'overview' },
        { name: 'catalog' },
        { name: 'ceap' },
        { name: 'salic' },
        { name: 'models' },
        { name: 'health' },
      ],
    },
  });
  if (options.backgroundStart) {
    app.addHook('onRequest', async (request) => {
      const route = request.routeOptions.url ?? '';
      if (MODEL_ROUTES.some((prefix) => route.startsWith(prefix))) await models.load();
    });
    // The warm-up runs behind the first answer, not beside it (it would slow it down on a busy machine): after
    // the first response, or once listening has been quiet for WARM_UP_IDLE_MS.
    let listening = false;
    let warming: Promise<void> | undefined;
    const startWarmUp = () => {
      warming ??= warmUp(app, [() => models.load(), () => docs.build(), ...WARM_UP]);
    };
    let idle: NodeJS.Timeout | undefined;
    app.addHook('onListen', async () => {
      listening = true;
      idle = setTimeout(startWarmUp, WARM_UP_IDLE_MS);
    });
    app.addHook('onResponse', async () => {
      if (listening) startWarmUp();
    });
    app.addHook('onClose', async () => {
      clearTimeout(idle);
      await warming;
    });
  }
  await app.register(healthRoute(reader, builtAt));
  await app.register(overviewRoutes(reader), { prefix: '/api/v1' });
  await app.register(ceapRoutes(reader, models), { prefix: '/api/v1/ceap' });
  await app.register(salicRoutes(reader), { prefix: '/api/v1/salic' });
  const { camaraBillsRoutes } = await import('./routes/camara-bills.js');
  await app.register(camaraBillsRoutes(reader), { prefix: '/api/v1/camara' });
  await app.register(
    modelRoutes({ models, apiTokens: options.apiTokens ?? [], billsAt: (ids) => billsAt(reader, ids) }),
    { prefix: '/api/v1/models' },
  );

  const webDir = options.webDir ?? path.join(packageRoot(), 'dist', 'web');
  const hasWeb = await exists(path.join(webDir, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (url.startsWith('/api') || request.method !== 'GET' || !hasWeb) {
      return sendProblem(reply, {
        title: 'Not found',
        status: 404,
        detail: `no route ${request.method} ${url}${hasWeb ? '' : ' (dashboard not built: run npm run build)'}`,
      });
    }
    return reply.type('text/html').sendFile('index.html');
  });
  await app.ready();
  return {
    app,
    reader,
    models,
    async close() {
      if (models.loadStarted) await models.load();
      await app.close();
      reader.close();
    },
  };
}

/** Bills of the warehouse seen at its observation date (the latest tramitação event), for predict-by-id. */
async function billsAt(reader: WarehouseReader, ids: readonly number[]) {
  const db = reader.connection;
  if (!db || !reader.has('marts.bills') || !reader.has('marts.tramitacao_events')) return undefined;
  // The bill featurisation lives with the training pipeline; loaded on the first call only.
  const { loadBillHistories, eventsUpTo } = await import('../pipelines/index.js');
  const { histories, asOf } = await loadBillHistories(db, ids);
  return histories.map((history) => ({ history, cutoff: asOf, events: eventsUpTo(history, asOf) }));
}
