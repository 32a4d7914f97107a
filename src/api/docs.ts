// API docs at /api/docs: the OpenAPI 3 document generated from the routes' zod schemas (@fastify/swagger) and
// Swagger UI (@fastify/swagger-ui), built on the first docs request instead of at start. Those two plugins load
// ≈ 150 modules and add ≈ 20 routes that a cold server does not need for its first answer (issue #4), so the
// server records its routes as they are registered and, on demand, replays them (schemas only; handlers never
// run) into a separate Fastify instance that owns the docs; requests under /api/docs are forwarded to it. The
// document and the UI are byte for byte what registering the plugins on the server itself gives.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { zodSchemaController } from './zod-compilers.js';

export interface LazyDocsOptions {
  /** Where the docs live (Swagger UI's routePrefix). */
  routePrefix: string;
  /** The `openapi` option of @fastify/swagger (info, tags…). */
  openapi: Record<string, unknown>;
}

export interface LazyDocs {
  /** Builds the docs instance now (idempotent): `hardin serve` warms it up after listening. */
  build(): Promise<FastifyInstance>;
}

// Response headers the server sets itself when it sends the forwarded body.
const HOP_HEADERS = new Set(['content-length', 'connection', 'keep-alive', 'transfer-encoding', 'date']);

/**
 * Records every route registered on `app` from now on and serves the docs of those routes under
 * `options.routePrefix`. Call before registering the routes to document.
 * @example const docs = lazyDocs(app, { routePrefix: '/api/docs', openapi: { info: { title: 'Hardin API' } } })
 */
export function lazyDocs(app: FastifyInstance, options: LazyDocsOptions): LazyDocs {
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    // Hidden routes (static files) and the automatic HEAD routes are left out of the document anyway.
    if (route.schema?.hide !== true && route.method !== 'HEAD') routes.push(route);
  });

  let built: Promise<FastifyInstance> | undefined;
  const build = () => {
    built ??= buildDocs(routes, options).catch((error: unknown) => {
      built = undefined; // a later request tries again
      throw error;
    });
    return built;
  };

  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    const docs = await build();
    // Always GET: for a HEAD request Fastify drops the body it is given and keeps its length.
    const res = await docs.inject({ method: 'GET', url: request.url, headers: request.headers });
    if (res.statusCode === 404 && res.headers['x-docs-not-found'] !== undefined) return reply.callNotFound();
    for (const [name, value] of Object.entries(res.headers)) {
      if (!HOP_HEADERS.has(name) && value !== undefined) void reply.header(name, value);
    }
    // An empty body (a redirect) is sent as nothing, not as an empty application/octet-stream.
    return reply.code(res.statusCode).send(res.rawPayload.length > 0 ? res.rawPayload : undefined);
  };
  for (const url of [options.routePrefix, `${options.routePrefix}/*`]) {
    app.get(url, { schema: { hide: true } }, forward);
  }
  return { build };
}

async function buildDocs(
  routes: readonly RouteOptions[],
  options: LazyDocsOptions,
): Promise<FastifyInstance> {
  const [{ default: Fastify }, { default: fastifySwagger }, { default: fastifySwaggerUi }] =
    await Promise.all([import('fastify'), import('@fastify/swagger'), import('@fastify/swagger-ui')]);
  // Same compilers as the server: the replayed routes' schemas are zod schemas.
  const docs = Fastify({ schemaController: zodSchemaController });
  await docs.register(fastifySwagger, { openapi: options.openapi, transform: jsonSchemaTransform });
  await docs.register(fastifySwaggerUi, { routePrefix: options.routePrefix });
  const notServedHere = async () => {
    throw new Error('docs: a documented route was called on the docs instance');
  };
  const seen = new Set<string>();
  for (const route of routes) {
    const key = `${String(route.method)} ${route.url}`;
    if (seen.has(key)) continue;
    seen.add(key);
    docs.route({
      method: route.method,
      url: route.url,
      ...(route.schema ? { schema: route.schema } : {}),
      ...(route.config ? { config: route.config } : {}),
      handler: notServedHere,
    });
  }
  docs.setNotFoundHandler((_request, reply) => reply.code(404).header('x-docs-not-found', '1').send());
  await docs.ready();
  return docs;
}
