// Build metadata in the warehouse itself (`meta.*`), written in the same transaction as the models so it never
// describes tables that were rolled back. The catalog, the API and `hardin catalog` read these tables:
//   meta.models  — one row per model last built: schema, materialization, description, grain, lineage
//                  (depends_on), columns with types/descriptions/tests, row count, timing, run id
//   meta.sources — one row per lake table read by the last build: files and rows seen
//   meta.seeds   — one row per seed table loaded
import type { Db } from '../core/index.js';
import { META_SCHEMA } from './project.js';
import type { ColumnTest, Materialized } from './spec.js';

export interface ModelMeta {
  name: string;
  schema: string;
  materialized: Materialized;
  description: string;
  grain: string;
  dependsOn: string[];
  columns: { name: string; type: string; description: string; tests: ColumnTest[] }[];
  tests: { name: string; column?: string; severity: string; passed: boolean; failures: number }[];
  rows: number;
  durationMs: number;
  sqlFile: string;
}

export interface SourceMeta {
  name: string;
  path: string;
  files: number;
  rows: number;
  description: string;
}

export interface SeedMeta {
  name: string;
  file: string;
  rows: number;
  columns: unknown[];
}

const DDL = [
  `CREATE SCHEMA IF NOT EXISTS ${META_SCHEMA}`,
  `CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.models (
    name VARCHAR NOT NULL, schema VARCHAR NOT NULL, materialized VARCHAR NOT NULL, description VARCHAR, grain VARCHAR,
    depends_on JSON, columns JSON, tests JSON, rows BIGINT, duration_ms BIGINT, sql_file VARCHAR,
    built_at TIMESTAMP, run_id VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.sources (
    name VARCHAR NOT NULL, path VARCHAR, files BIGINT, rows BIGINT, description VARCHAR,
    checked_at TIMESTAMP, run_id VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.seeds (
    name VARCHAR NOT NULL, file VARCHAR, rows BIGINT, columns JSON, loaded_at TIMESTAMP, run_id VARCHAR)`,
];

export async function ensureMetaTables(db: Db): Promise<void> {
  for (const sql of DDL) await db.run(sql);
}

/** Replaces the rows of the given models, sources and seeds (others keep their last build's rows). */
export async function recordBuild(
  db: Db,
  run: { runId: string; at: Date },
  entries: { models: ModelMeta[]; sources: SourceMeta[]; seeds: SeedMeta[] },
): Promise<void> {
  const at = run.at.toISOString();
  for (const m of entries.models) {
    await db.run(`DELETE FROM ${META_SCHEMA}.models WHERE name = $1`, [m.name]);
    await db.run(
      `INSERT INTO ${META_SCHEMA}.models VALUES ($1, $2, $3, $4, $5, CAST($6 AS JSON), CAST($7 AS JSON), CAST($8 AS JSON),
        $9, $10, $11, CAST($12 AS TIMESTAMP), $13)`,
      [
        m.name,
        m.schema,
        m.materialized,
        m.description,
        m.grain,
        JSON.stringify(m.dependsOn),
        JSON.stringify(m.columns),
        JSON.stringify(m.tests),
        m.rows,
        Math.round(m.durationMs),
        m.sqlFile,
        at,
        run.runId,
      ],
    );
  }
  for (const s of entries.sources) {
    await db.run(`DELETE FROM ${META_SCHEMA}.sources WHERE name = $1`, [s.name]);
    await db.run(
      `INSERT INTO ${META_SCHEMA}.sources VALUES ($1, $2, $3, $4, $5, CAST($6 AS TIMESTAMP), $7)`,
      [s.name, s.path, s.files, s.rows, s.description, at, run.runId],
    );
  }
  for (const s of entries.seeds) {
    await db.run(`DELETE FROM ${META_SCHEMA}.seeds WHERE name = $1`, [s.name]);
    await db.run(
      `INSERT INTO ${META_SCHEMA}.seeds VALUES ($1, $2, $3, CAST($4 AS JSON), CAST($5 AS TIMESTAMP), $6)`,
      [s.name, s.file, s.rows, JSON.stringify(s.columns), at, run.runId],
    );
  }
}
