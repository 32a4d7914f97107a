import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { quoteLiteral, withDb, type Db } from '../core/index.js';
import { removeDir, writeProject, type TempProject } from '../../test/warehouse/helpers.js';
import { buildWarehouse, renderModelSql, type BuildOptions } from './build.js';
import { loadProject } from './project.js';

const NOW = new Date('2026-01-02T03:04:05.000Z');

const THINGS_YML = `name: things
description: Things
grain: one row per thing
columns:
  - name: id
    description: the id
    tests: [not_null, unique]
  - name: label
    description: the label
`;

const VIEW_YML = `name: thing_labels
description: Labels
grain: one row per thing
columns:
  - { name: label, description: the label }
`;

let project: TempProject | undefined;
afterEach(async () => {
  if (project) await removeDir(project.root);
  project = undefined;
});

function options(db: Db, p: TempProject, extra: Partial<BuildOptions> = {}): BuildOptions {
  return {
    db,
    modelsDir: p.modelsDir,
    seedsDir: p.seedsDir,
    lakeDir: p.lakeDir,
    runId: 'run-1',
    now: NOW,
    ...extra,
  };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected the build to fail');
    },
    (e: unknown) => e as Error,
  );
}

describe('buildWarehouse', () => {
  it('materialises models, records meta.models and reports results', async () => {
    project = await writeProject({
      'models/staging/things.sql': "select * from (values (1, 'a'), (2, 'b')) as t(id, label);\n",
      'models/staging/things.yml': THINGS_YML,
      'models/marts/thing_labels.sql': "select label from {{ ref('things') }} -- trailing comment",
      'models/marts/thing_labels.yml': VIEW_YML.replace('columns:', 'materialized: view\ncolumns:'),
    });
    const calls: string[] = [];
    await withDb(async (db) => {
      const result = await buildWarehouse(
        options(db, project as TempProject, { onModel: (n, i, t) => calls.push(`${i + 1}/${t} ${n}`) }),
      );
      expect(calls).toEqual(['1/2 things', '2/2 thing_labels']);
      expect(result.models.map((m) => [m.name, m.schema, m.materialized, m.rows])).toEqual([
        ['things', 'staging', 'view', 2],
        ['thing_labels', 'marts', 'view', 2],
      ]);
      expect(result.testsPassed).toBe(2);
      expect(await db.all('SELECT label FROM marts.thing_labels ORDER BY 1')).toEqual([
        { label: 'a' },
        { label: 'b' },
      ]);
      const meta = await db.all(
        `SELECT name, schema, materialized, grain, depends_on::VARCHAR AS deps, columns->>'$[0].type' AS id_type,
                columns->>'$[0].tests[1].kind' AS id_test, rows, CAST(built_at AS VARCHAR) AS built_at, run_id
         FROM meta.models ORDER BY name`,
      );
      expect(meta).toEqual([
        {
          name: 'thing_labels',
          schema: 'marts',
          materialized: 'view',
          grain: 'one row per thing',
          deps: '["things"]',
          id_type: 'VARCHAR',
          id_test: null,
          rows: 2,
          built_at: '2026-01-02 03:04:05',
          run_id: 'run-1',
        },
        {
          name: 'things',
          schema: 'staging',
          materialized: 'view',
          grain: 'one row per thing',
          deps: '[]',
          id_type: 'INTEGER',
          id_test: 'unique',
          rows: 2,
          built_at: '2026-01-02 03:04:05',
          run_id: 'run-1',
        },
      ]);
    });
  });

  it('rolls everything back on a failing test: the previous tables, views and meta stay as they were', async () => {
    project = await writeProject({
      'models/marts/things.sql': "select * from (values (1, 'a'), (2, 'b')) as t(id, label)",
      'models/marts/things.yml': THINGS_YML,
    });
    const p = project;
    await withDb(async (db) => {
      await buildWarehouse(options(db, p));
      // Second build: a new model builds fine first, then `things` gets a duplicate id.
      await fs.writeFile(
        path.join(p.modelsDir, 'marts', 'things.sql'),
        "select * from (values (1, 'x'), (1, 'y'), (3, 'z')) as t(id, label)",
      );
      await fs.writeFile(path.join(p.modelsDir, 'marts', 'aaa_new.sql'), 'select 42 as answer');
      await fs.writeFile(
        path.join(p.modelsDir, 'marts', 'aaa_new.yml'),
        'name: aaa_new\ndescription: d\ngrain: g\ncolumns:\n  - { name: answer, description: d }\n',
      );
      const error = await failure(
        buildWarehouse(options(db, p, { runId: 'run-2', now: new Date('2026-02-01T00:00:00Z') })),
      );
      expect(error.message).toContain(
        'model things (models/marts/things.yml): test unique(id) on column id failed: 1 value occurring more than once; expected each value at most once.',
      );
      expect(error.message).toContain('{"id":1,"occurrences":2}');
      expect(await db.all('SELECT id, label FROM marts.things ORDER BY id')).toEqual([
        { id: 1, label: 'a' },
        { id: 2, label: 'b' },
      ]);
      expect(await db.all("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'aaa_new'")).toEqual([
        { n: 0 },
      ]);
      expect(await db.all('SELECT name, run_id FROM meta.models')).toEqual([
        { name: 'things', run_id: 'run-1' },
      ]);
    });
  });

  it('rolls back and names the model and file when its SQL fails', async () => {
    project = await writeProject({
      'models/marts/things.sql': "select * from (values (1, 'a')) as t(id, label)",
      'models/marts/things.yml': THINGS_YML,
    });
    const p = project;
    await withDb(async (db) => {
      await buildWarehouse(options(db, p));
      await fs.writeFile(path.join(p.modelsDir, 'marts', 'things.sql'), 'select id, label from nowhere');
      const error = await failure(buildWarehouse(options(db, p)));
      expect(error.message).toMatch(
        /^model things \(models\/marts\/things\.sql\) failed to build: DuckDB: Catalog Error: Table with name nowhere/,
      );
      expect(await db.all('SELECT id FROM marts.things')).toEqual([{ id: 1 }]);
    });
  });

  it('fails when the SQL output and the .yml columns differ, naming both sides', async () => {
    project = await writeProject({
      'models/marts/things.sql': 'select 1 as id, 2 as extra',
      'models/marts/things.yml': THINGS_YML,
    });
    const p = project;
    const error = await withDb((db) => failure(buildWarehouse(options(db, p))));
    expect(error.message).toContain(
      'model things (models/marts/things.sql): columns in the SQL output but not described in models/marts/things.yml: extra; ' +
        'described in models/marts/things.yml but not in the SQL output: label; every output column is described exactly once.',
    );
  });

  it('lists every project problem at once and builds nothing', async () => {
    project = await writeProject({
      'models/marts/a.sql': "select * from {{ ref('missing') }}",
      'models/marts/a.yml': 'name: a\ngrain: g\ncolumns: []\n',
    });
    const p = project;
    await withDb(async (db) => {
      const error = await failure(buildWarehouse(options(db, p)));
      expect(error.message).toBe(
        'the warehouse project has 2 problem(s):\n' +
          '  - models/marts/a.yml: description: is missing; expected a non-empty string\n' +
          "  - models/marts/a.sql line 1: ref('missing') names no model or seed; known: a",
      );
      expect(
        await db.all("SELECT count(*) AS n FROM duckdb_schemas() WHERE schema_name IN ('marts', 'meta')"),
      ).toEqual([{ n: 0 }]);
    });
  });

  it('loads seeds as seeds.<name>, keeping YYYY-MM periods as text, with .yml type overrides', async () => {
    project = await writeProject({
      'seeds/limits.csv':
        'subquota,valid_from,valid_to,limit_cents,code\n3,2015-09,,600000,007\n120,2013-12,2015-03,1000000,010\n',
      'seeds/limits.yml': 'columns:\n  - { name: code, type: VARCHAR, description: zero-padded code }\n',
      'models/marts/uses_seed.sql':
        "select subquota, limit_cents from {{ ref('limits') }} where valid_from <= '2016-01'",
      'models/marts/uses_seed.yml':
        'name: uses_seed\ndescription: d\ngrain: g\ncolumns:\n  - { name: subquota, description: d }\n  - { name: limit_cents, description: d }\n',
    });
    const p = project;
    await withDb(async (db) => {
      const result = await buildWarehouse(options(db, p));
      expect(result.seeds).toEqual([{ name: 'limits', rows: 2 }]);
      const types = await db.all<{ column_name: string; column_type: string }>('DESCRIBE seeds.limits');
      expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toEqual({
        subquota: 'BIGINT',
        valid_from: 'VARCHAR',
        valid_to: 'VARCHAR',
        limit_cents: 'BIGINT',
        code: 'VARCHAR',
      });
      expect(await db.all('SELECT code, valid_to FROM seeds.limits ORDER BY subquota')).toEqual([
        { code: '007', valid_to: null },
        { code: '010', valid_to: '2015-03' },
      ]);
      expect(await db.all('SELECT * FROM marts.uses_seed ORDER BY 1')).toEqual([
        { subquota: 3, limit_cents: 600000 },
        { subquota: 120, limit_cents: 1000000 },
      ]);
      expect(await db.all('SELECT name, file, rows FROM meta.seeds')).toEqual([
        { name: 'limits', file: 'seeds/limits.csv', rows: 2 },
      ]);
    });
  });

  it('reads sources from the lake and records meta.sources; a source without data says how to get it', async () => {
    project = await writeProject({
      'models/sources.yml':
        'sources:\n  - name: camara\n    tables:\n      - { name: ceap, path: raw/camara/ceap, format: parquet, partitions: [year], description: CEAP }\n',
      'models/staging/stg.sql': "select year, x from {{ source('camara', 'ceap') }}",
      'models/staging/stg.yml':
        'name: stg\ndescription: d\ngrain: g\ncolumns:\n  - { name: year, description: d }\n  - { name: x, description: d }\n',
    });
    const p = project;
    await withDb(async (db) => {
      const error = await failure(buildWarehouse(options(db, p)));
      expect(error.message).toBe(
        `source camara.ceap has no data under ${p.lakeDir}/raw/camara/ceap (no file matches ${p.lakeDir}/raw/camara/ceap/*/*.parquet): ` +
          'run "hardin ingest camara ceap" first',
      );
      const dir = path.join(p.lakeDir, 'raw', 'camara', 'ceap');
      await fs.mkdir(dir, { recursive: true });
      await db.run(
        `COPY (SELECT 2018 + (range % 2)::INTEGER AS year, range AS x FROM range(5)) TO ${quoteLiteral(dir)} (FORMAT parquet, PARTITION_BY (year))`,
      );
      const result = await buildWarehouse(options(db, p));
      expect(result.sources).toEqual([{ name: 'camara.ceap', files: 2, rows: 5 }]);
      expect(await db.all('SELECT year, count(*) AS n FROM staging.stg GROUP BY year ORDER BY year')).toEqual(
        [
          { year: 2018, n: 3 },
          { year: 2019, n: 2 },
        ],
      );
      expect(await db.all('SELECT name, path, files, rows FROM meta.sources')).toEqual([
        { name: 'camara.ceap', path: 'raw/camara/ceap', files: 2, rows: 5 },
      ]);
    });
  });

  it('builds only the selected models and replaces a view by a table when the materialisation changes', async () => {
    project = await writeProject({
      'models/staging/things.sql': "select * from (values (1, 'a')) as t(id, label)",
      'models/staging/things.yml': THINGS_YML,
      'models/marts/thing_labels.sql': "select label from {{ ref('things') }}",
      'models/marts/thing_labels.yml': VIEW_YML.replace('columns:', 'materialized: view\ncolumns:'),
    });
    const p = project;
    await withDb(async (db) => {
      await buildWarehouse(options(db, p));
      await fs.writeFile(path.join(p.modelsDir, 'marts', 'thing_labels.yml'), VIEW_YML);
      const result = await buildWarehouse(options(db, p, { select: ['thing_labels'] }));
      expect(result.models.map((m) => [m.name, m.materialized])).toEqual([['thing_labels', 'table']]);
      expect(
        await db.all("SELECT table_type FROM information_schema.tables WHERE table_name = 'thing_labels'"),
      ).toEqual([{ table_type: 'BASE TABLE' }]);
      const error = await failure(buildWarehouse(options(db, p, { select: ['nope'] })));
      expect(error.message).toContain('select: "nope" names no model');
    });
  });
  it('tests a view on a one-off snapshot, drops it, and blames a runtime error on the view itself', async () => {
    project = await writeProject({
      'models/staging/things.sql': "select * from (values (1, 'a'), (2, 'b')) as t(id, label)",
      'models/staging/things.yml': THINGS_YML,
    });
    const p = project;
    await withDb(async (db) => {
      const result = await buildWarehouse(options(db, p));
      expect(result.models[0]?.tests.map((t) => t.label)).toEqual(['not_null(id)', 'unique(id)']);
      expect(await db.all('SELECT count(*) AS n FROM duckdb_tables() WHERE temporary')).toEqual([{ n: 0 }]);
      await fs.writeFile(
        path.join(p.modelsDir, 'staging', 'things.sql'),
        "select cast(v as integer) as id, v as label from (select unnest(['1', 'x']) as v)",
      );
      const error = await failure(buildWarehouse(options(db, p)));
      expect(error.message).toMatch(
        /^model things \(models\/staging\/things\.sql\) failed to build: DuckDB: Conversion Error/,
      );
      expect(await db.all('SELECT id FROM staging.things ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
    });
  });
});

describe('renderModelSql', () => {
  it('resolves refs to schema-qualified relations and strips the trailing semicolon', async () => {
    project = await writeProject({
      'models/staging/things.sql': "select * from (values (1, 'a')) as t(id, label);",
      'models/staging/things.yml': THINGS_YML,
      'models/marts/thing_labels.sql': "select label from {{ ref('things') }};\n",
      'models/marts/thing_labels.yml': VIEW_YML,
    });
    const { value } = await loadProject(project.modelsDir, project.seedsDir);
    expect(renderModelSql(value, 'thing_labels', '/lake')).toBe('select label from "staging"."things"');
    expect(() => renderModelSql(value, 'nope', '/lake')).toThrow(
      'model nope is not in the project; models: things, thing_labels',
    );
  });
});
