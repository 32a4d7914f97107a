// Seeds: small reference CSVs kept in git (`seeds/<name>.csv`), loaded as tables `seeds.<name>` and usable
// from models as `{{ ref('<name>') }}`.
//
// Typing: DuckDB's CSV auto-detection, with two overrides. (1) Period columns stay text: any column named
// `valid_from`, `valid_to` or ending in `_period` is VARCHAR, so 'YYYY-MM' is never turned into a DATE and
// compares as text with the marts' `period`. (2) An optional `seeds/<name>.yml` may pin any column's `type:`
// (and describe it); those types win over both.
import { quoteLiteral, WarehouseError, type Db } from '../core/index.js';
import { SEEDS_SCHEMA, type SeedSpec } from './project.js';
import { relationSql } from './render.js';

const TEXT_COLUMN = /^valid_(from|to)$|_period$/;

export interface SeedLoadResult {
  name: string;
  rows: number;
  columns: { name: string; type: string; description?: string }[];
}

/** Loads one seed into `seeds.<name>` (replacing it); call inside the build transaction. */
export async function loadSeed(db: Db, seed: SeedSpec): Promise<SeedLoadResult> {
  const file = quoteLiteral(seed.path);
  let header: string[];
  try {
    header = (
      await db.all<{ column_name: string }>(
        `DESCRIBE SELECT * FROM read_csv(${file}, header = true, all_varchar = true)`,
      )
    ).map((r) => r.column_name);
  } catch (error) {
    throw new WarehouseError(
      `seed ${seed.file}: cannot be read as a CSV with a header row: ${message(error)}`,
      { cause: error },
    );
  }
  const unknown = seed.columns.filter((c) => !header.includes(c.name)).map((c) => c.name);
  if (unknown.length > 0) {
    throw new WarehouseError(
      `seed ${seed.file}: its .yml describes columns ${unknown.join(', ')} that the CSV does not have; CSV columns: ${header.join(', ')}`,
    );
  }
  const types = new Map<string, string>();
  for (const name of header) if (TEXT_COLUMN.test(name)) types.set(name, 'VARCHAR');
  for (const c of seed.columns) if (c.type !== undefined) types.set(c.name, c.type);
  const typeSql =
    types.size === 0
      ? ''
      : `, types = {${[...types].map(([name, type]) => `${quoteLiteral(name)}: ${quoteLiteral(type)}`).join(', ')}}`;
  const target = relationSql(SEEDS_SCHEMA, seed.name);
  try {
    await db.run(
      `CREATE OR REPLACE TABLE ${target} AS SELECT * FROM read_csv(${file}, header = true, auto_detect = true${typeSql})`,
    );
  } catch (error) {
    throw new WarehouseError(
      `seed ${seed.file}: cannot be loaded with types ${JSON.stringify(Object.fromEntries(types))}: ${message(error)}`,
      {
        cause: error,
      },
    );
  }
  const described = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE ${target}`);
  const rows = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${target}`);
  return {
    name: seed.name,
    rows: Number(rows?.n ?? 0),
    columns: described.map((d) => ({
      name: d.column_name,
      type: d.column_type,
      description: seed.columns.find((c) => c.name === d.column_name)?.description,
    })),
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
