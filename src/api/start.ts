// The server's entry point (what the api barrel exports as `createServer`): it starts opening the warehouse, which
// DuckDB does on its own threads, and only then imports the server module (Fastify, the zod schemas, the routes:
// ≈ 0.2 s of this thread), so the two overlap instead of adding up (issue #4: cold start ≤ 0.5 s).
import type { HardinServer, ServerOptions } from './server.js';
import { WarehouseReader } from './warehouse-reader.js';

/**
 * Creates the REST API and dashboard server over `options.home` (see ServerOptions), ready to listen.
 * @example const server = await createServer({ home: '.hardin' }); await server.app.listen({ port: 8080 })
 */
export async function createServer(options: ServerOptions): Promise<HardinServer> {
  const opening = WarehouseReader.open(options.home);
  try {
    const server = await import('./server.js');
    return await server.createServer(options, opening);
  } catch (error) {
    // server.createServer closes the reader on its own failures; this covers a module that failed to load.
    (await opening.catch(() => undefined))?.close();
    throw error;
  }
}
