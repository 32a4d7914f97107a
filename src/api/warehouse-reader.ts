// The server's read-only view of the warehouse, opened once at start. Nothing heavy runs per request: the
// queries read precomputed marts and flag tables. Before the first `hardin build`, data endpoints answer 503.
import { Db, HardinError, exists, homePaths, type Params, type Row } from '../core/index.js';

export class WarehouseUnavailable extends HardinError {
  constructor(home: string) {
    super(
      'NOT_FOUND',
      `no warehouse under ${home}: run "hardin demo" or "hardin ingest" + "hardin build" first`,
    );
  }
}

export class WarehouseReader {
  private closed = false;

  private constructor(
    readonly home: string,
    private readonly db: Db | undefined,
    readonly tables: Set<string>,
  ) {}

  static async open(home: string): Promise<WarehouseReader> {
    const file = homePaths(home).warehouse;
    if (!(await exists(file))) return new WarehouseReader(home, undefined, new Set());
    const db = await Db.open({ path: file, readOnly: true, memoryLimit: '1GB', threads: 2 });
    const rows = await db.all<{ t: string }>(
      `SELECT table_schema || '.' || table_name AS t FROM information_schema.tables`,
    );
    return new WarehouseReader(home, db, new Set(rows.map((r) => r.t)));
  }

  get available(): boolean {
    return this.db !== undefined;
  }

  has(table: string): boolean {
    return this.tables.has(table);
  }

  get connection(): Db | undefined {
    return this.db;
  }

  async all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    if (!this.db) throw new WarehouseUnavailable(this.home);
    return this.db.all<T>(sql, params);
  }

  async one<T extends Row = Row>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** Closes the warehouse; a second call does nothing. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db?.close();
  }
}
