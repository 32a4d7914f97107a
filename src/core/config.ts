// Runtime configuration: one zod schema, read from the environment and overridden by explicit options.
// Everything a run produces lives under HARDIN_HOME (default ./.hardin).
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';

const ConfigSchema = z.object({
  home: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  /** Bearer tokens allowed to call write endpoints; none configured ⇒ writes disabled. */
  apiTokens: z.array(z.string().min(16)),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  /** DuckDB memory limit, e.g. "2GB": keeps ingest of a full CEAP year bounded. */
  duckdbMemoryLimit: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB)$/i),
  duckdbThreads: z.coerce.number().int().min(1).max(256),
});

export type Config = z.infer<typeof ConfigSchema>;

export interface ConfigOverrides {
  home?: string | undefined;
  port?: number | string | undefined;
  host?: string | undefined;
}

/** Resolves the configuration from `env` (default `process.env`) and explicit overrides. */
export function resolveConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const raw = {
    home: path.resolve(overrides.home ?? env.HARDIN_HOME ?? '.hardin'),
    port: overrides.port ?? env.HARDIN_PORT ?? env.PORT ?? 8080,
    host: overrides.host ?? env.HARDIN_HOST ?? '127.0.0.1',
    apiTokens: (env.HARDIN_API_TOKENS ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t.length > 0),
    logLevel: env.HARDIN_LOG_LEVEL ?? 'info',
    duckdbMemoryLimit: env.HARDIN_DUCKDB_MEMORY ?? '2GB',
    duckdbThreads: env.HARDIN_DUCKDB_THREADS ?? 2,
  };
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.');
      const value = JSON.stringify((raw as Record<string, unknown>)[String(issue.path[0])]);
      return `${key}: ${issue.message} (got ${value})`;
    });
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`, { details: problems });
  }
  return parsed.data;
}

/** Well-known paths under HARDIN_HOME (see ARCHITECTURE.md "Runtime home"). */
export function homePaths(home: string) {
  return {
    home,
    lake: path.join(home, 'lake'),
    raw: path.join(home, 'lake', 'raw'),
    quarantine: path.join(home, 'lake', 'quarantine'),
    gold: path.join(home, 'lake', 'gold'),
    staging: path.join(home, 'lake', '_staging'),
    downloads: path.join(home, 'downloads'),
    warehouse: path.join(home, 'warehouse.duckdb'),
    registry: path.join(home, 'registry'),
    runs: path.join(home, 'runs'),
  };
}

export type HomePaths = ReturnType<typeof homePaths>;
