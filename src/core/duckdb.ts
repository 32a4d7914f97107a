// One place that opens DuckDB: safe defaults (no extension downloads: this machine is offline), bounded memory,
// rows converted to plain JSON-friendly values, and DuckDB's plain `Error`s wrapped with the SQL that failed.
import { createRequire } from 'node:module';
import type { DuckDBConnection, DuckDBInstance, DuckDBTypeId, DuckDBValue } from '@duckdb/node-api';
import { WarehouseError } from './errors.js';

// Loaded with require, not import: importing this CommonJS package from ESM makes Node lex its ≈ 60 re-exporting
// files for named exports before loading them, which doubles the cost (≈ 200 ms of every command's start, and of
// `hardin serve`'s first answer: issue #4).
const duckdb = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');

export interface DuckDbOptions {
  /** File path, or ':memory:' (default). */
  path?: string;
  readOnly?: boolean;
  memoryLimit?: string;
  threads?: number;
}

export type Row = Record<string, unknown>;
export type Params = DuckDBValue[] | Record<string, DuckDBValue>;

/** A DuckDB database with one connection. Create with `Db.open`, always `close()`. */
export class Db {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly path: string,
  ) {}

  static async open(options: DuckDbOptions = {}): Promise<Db> {
    const path = options.path ?? ':memory:';
    const config: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'true',
      memory_limit: options.memoryLimit ?? '2GB',
      threads: String(options.threads ?? 2),
    };
    if (options.readOnly) config.access_mode = 'READ_ONLY';
    let instance: DuckDBInstance;
    try {
      instance = await duckdb.DuckDBInstance.create(path, config);
    } catch (error) {
      const msg = error instanceof Error ? error.message : String(error);
      const hint = /lock/i.test(msg)
        ? ' (another hardin process holds the warehouse: stop it, or use another --home)'
        : '';
      throw new WarehouseError(`cannot open DuckDB database ${path}: ${msg}${hint}`, { cause: error });
    }
    const connection = await instance.connect();
    return new Db(instance, connection, path);
  }

  /** Runs statements that return nothing of interest. */
  async run(sql: string, params?: Params): Promise<void> {
    try {
      await this.connection.run(sql, params);
    } catch (error) {
      throw wrap(error, sql);
    }
  }

  /** Runs a query and returns its rows as plain objects (BIGINT → number when safe, DATE → 'YYYY-MM-DD'). */
  async all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    try {
      const reader = await this.connection.runAndReadAll(sql, params);
      const names = reader.columnNames();
      const kinds = reader.columnTypes().map((t) => t.typeId);
      const rows = reader.getRowsJS();
      return rows.map((values) => {
        const out: Row = {};
        for (let i = 0; i < names.length; i++) out[names[i] as string] = plain(values[i], kinds[i]);
        return out as T;
      });
    } catch (error) {
      throw wrap(error, sql);
    }
  }

  async one<T extends Row = Row>(sql: string, params?: Params): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params);
    return rows[0];
  }

  close(): void {
    try {
      this.connection.closeSync();
    } finally {
      this.instance.closeSync();
    }
  }
}

/** Opens an in-memory DuckDB, runs `fn`, and always closes it. */
export async function withDb<T>(fn: (db: Db) => Promise<T>, options: DuckDbOptions = {}): Promise<T> {
  const db = await Db.open(options);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

function plain(value: unknown, typeId: DuckDBTypeId | undefined): unknown {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return typeId === duckdb.DuckDBTypeId.DATE ? value.toISOString().slice(0, 10) : value.toISOString();
  }
  if (Array.isArray(value)) return value.map((v) => plain(v, undefined));
  if (value !== null && typeof value === 'object') {
    const out: Row = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v, undefined);
    return out;
  }
  return value;
}

function wrap(error: unknown, sql: string): WarehouseError {
  const msg = error instanceof Error ? error.message : String(error);
  const short = sql.length > 300 ? `${sql.slice(0, 300)}…` : sql;
  return new WarehouseError(`DuckDB: ${msg}\n  in: ${short.trim()}`, { cause: error });
}

/** Quotes an identifier for SQL: `a"b` → `"a""b"`. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a string literal for SQL: `it's` → `'it''s'`. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
