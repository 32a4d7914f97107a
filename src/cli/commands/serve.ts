// `hardin serve`: the API and dashboard over HARDIN_HOME. Cold start is part of the contract (issue #4: first
// SALIC project answered ≤ 0.5 s after the process starts at 20k projects; `npm run bench -- serve`): this module
// is the only command module `hardin serve` loads, and the server listens before loading the model champions.
import type { Command } from 'commander';
import { createLogger, resolveConfig, type Config } from '../../core/index.js';
import { createServer } from '../../api/index.js';
import { intOption } from '../options.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the REST API (/api, docs at /api/docs) and the dashboard')
    .option('--home <dir>', 'HARDIN_HOME')
    .option('--port <p>', 'HTTP port (default 8080 or HARDIN_PORT)', intOption('port', 0, 65535))
    .option('--host <h>', 'interface to bind (default 127.0.0.1 or HARDIN_HOST)')
    .action(async (o: { home?: string; port?: number; host?: string }) => {
      await serve(resolveConfig({ home: o.home, port: o.port, host: o.host }), false);
    });
}

export async function serve(config: Config, quiet: boolean): Promise<void> {
  const t0 = Date.now();
  const logger = createLogger(quiet ? 'warn' : config.logLevel);
  const server = await createServer({
    home: config.home,
    logger,
    apiTokens: config.apiTokens,
    backgroundStart: true,
  });
  const address = await server.app.listen({ port: config.port, host: config.host });
  process.stderr.write(
    `Hardin dashboard: ${address}/  (API docs: ${address}/api/docs) — ready in ${Date.now() - t0} ms; Ctrl+C to stop\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
