// The HTTP server: REST API under /api (Fastify 5, zod 4 schemas, OpenAPI generated at /api/docs) and the
// dashboard's static files with a single-page-app fallback. Start-up only opens the warehouse read-only.
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { exists, packageRoot, packageVersion, type Logger } from '../core/index.js';
import { errorHandler, sendProblem } from './problem.js';
import { ModelService } from './model-service.js';
import { ceapRoutes } from './routes/ceap.js';
import { modelRoutes } from './routes/models.js';
import { healthRoute, overviewRoutes } from './routes/overview.js';
import { camaraBillsRoutes } from './routes/camara-bills.js';
import { salicRoutes } from './routes/salic.js';
import { WarehouseReader } from './warehouse-reader.js';

export interface ServerOptions {
  home: string;
  logger?: Logger | boolean;
  /** Folder with the built dashboard (default: <package>/dist/web). */
  webDir?: string;
  /** Bearer tokens for write endpoints (HARDIN_API_TOKENS); none ⇒ writes disabled. */
  apiTokens?: readonly string[];
}

export interface HardinServer {
  app: FastifyInstance<any, any, any, any, ZodTypeProvider>; // eslint-disable-line @typescript-eslint/no-explicit-any
  reader: WarehouseReader;
  models: ModelService;
  close(): Promise<void>;
}

// Per-request log lines would drown the useful ones on a dashboard that fires many small requests.
const quietRequests = new LogController({ disableRequestLogging: true });

export async function createServer(options: ServerOptions): Promise<HardinServer> {
  const reader = await WarehouseReader.open(options.home);
  const builtAt = reader.has('meta.models')
    ? ((await reader.one<{ t: string | null }>(`SELECT CAST(max(built_at) AS VARCHAR) AS t FROM meta.models`))
        ?.t ?? null)
    : null;
  const app = (
    typeof options.logger === 'object'
      ? Fastify({
          loggerInstance: options.logger as unknown as FastifyBaseLogger,
          logController: quietRequests,
        })
      : Fastify({ logger: options.logger ?? false, logController: quietRequests })
  ).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Champions are loaded and checksum-verified once, here; a corrupted one is refused and logged.
  const models = await ModelService.open(options.home, app.log as unknown as Logger);

  await app.register(fastifySwagger, {
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
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  await app.register(healthRoute(reader, builtAt));
  await app.register(overviewRoutes(reader), { prefix: '/api/v1' });
  await app.register(ceapRoutes(reader, models), { prefix: '/api/v1/ceap' });
  await app.register(salicRoutes(reader), { prefix: '/api/v1/salic' });
  await app.register(camaraBillsRoutes(reader), { prefix: '/api/v1/camara' });
  await app.register(modelRoutes({ models, apiTokens: options.apiTokens ?? [] }), {
    prefix: '/api/v1/models',
  });

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
      await app.close();
      reader.close();
    },
  };
}
