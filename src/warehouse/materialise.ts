// Materialising one model: `CREATE OR REPLACE VIEW|TABLE schema.name AS (…)`, a check that its output columns
// are exactly the ones its .yml describes, and its row count.
//
// Views are evaluated once, into a temporary snapshot that the row count and the model's tests read: a view over
// the lake costs a full evaluation per query, so counting it and testing it directly would evaluate it once per
// test. The snapshot also makes a view's runtime errors (a cast that fails on real data) surface as that model's
// error rather than as the error of the first table built on it. It is dropped right after the model's tests.
import { quoteIdent, WarehouseError, type Db } from '../core/index.js';
import type { ModelSpec } from './project.js';
import { relationSql } from './render.js';

const ROLLED_BACK = 'The build was rolled back; the previous warehouse is unchanged.';

export interface Materialised {
  rows: number;
  /** Output column name → DuckDB type, in output order. */
  columns: Map<string, string>;
  /** What the model's tests should read: the table itself, or a view's snapshot. */
  testRelation: string;
  /** Drops the snapshot, if any. */
  release(): Promise<void>;
}

/** Creates the model's view or table from its rendered SQL, inside the caller's transaction. */
export async function materialise(db: Db, model: ModelSpec, sql: string): Promise<Materialised> {
  const relation = relationSql(model.schema, model.name);
  const where = `model ${model.name} (${model.sqlFile})`;
  const kind = model.materialized === 'view' ? 'VIEW' : 'TABLE';
  const other = kind === 'VIEW' ? 'TABLE' : 'VIEW';
  const snapshotName = `hardin_snapshot__${model.name}`;
  const snapshot = `temp.main.${quoteIdent(snapshotName)}`;
  try {
    // A model that switched materialisation leaves an object of the other kind behind; DuckDB won't replace it.
    if (await relationExists(db, other, model.schema, model.name)) await db.run(`DROP ${other} ${relation}`);
    await db.run(`CREATE OR REPLACE ${kind} ${relation} AS (\n${sql}\n)`);
    if (kind === 'VIEW')
      await db.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(snapshotName)} AS SELECT * FROM ${relation}`);
  } catch (error) {
    throw new WarehouseError(
      `${where} failed to build: ${error instanceof Error ? error.message : String(error)}\n${ROLLED_BACK}`,
      {
        cause: error,
        details: { model: model.name },
      },
    );
  }
  const testRelation = kind === 'VIEW' ? snapshot : relation;
  const release = async (): Promise<void> => {
    if (kind === 'VIEW') await db.run(`DROP TABLE IF EXISTS ${snapshot}`);
  };
  try {
    const described = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE ${relation}`);
    const columns = new Map(described.map((d) => [d.column_name, d.column_type]));
    checkColumns(model, columns, where);
    const counted = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${testRelation}`);
    return { rows: Number(counted?.n ?? 0), columns, testRelation, release };
  } catch (error) {
    await release();
    throw error;
  }
}

function checkColumns(model: ModelSpec, columns: Map<string, string>, where: string): void {
  const declared = new Set(model.columns.map((c) => c.name));
  const undeclared = [...columns.keys()].filter((c) => !declared.has(c));
  const absent = [...declared].filter((c) => !columns.has(c));
  if (undeclared.length === 0 && absent.length === 0) return;
  const parts: string[] = [];
  if (undeclared.length > 0)
    parts.push(`in the SQL output but not described in ${model.ymlFile}: ${undeclared.join(', ')}`);
  if (absent.length > 0)
    parts.push(`described in ${model.ymlFile} but not in the SQL output: ${absent.join(', ')}`);
  throw new WarehouseError(
    `${where}: columns ${parts.join('; ')}; every output column is described exactly once.\n${ROLLED_BACK}`,
    {
      details: { model: model.name, undeclared, absent },
    },
  );
}

async function relationExists(
  db: Db,
  kind: 'TABLE' | 'VIEW',
  schema: string,
  name: string,
): Promise<boolean> {
  const sql =
    kind === 'TABLE'
      ? 'SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = $1 AND table_name = $2 AND NOT temporary'
      : 'SELECT count(*) AS n FROM duckdb_views() WHERE schema_name = $1 AND view_name = $2 AND NOT temporary';
  const found = await db.one<{ n: number }>(sql, [schema, name]);
  return Number(found?.n ?? 0) > 0;
}
