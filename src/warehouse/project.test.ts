import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, writeProject, type TempProject } from '../../test/warehouse/helpers.js';
import { loadProject } from './project.js';

const yml = (name: string, columns = ['id'], extra = ''): string =>
  `name: ${name}\ndescription: d\ngrain: one row per id\ncolumns:\n${columns
    .map((c) => `  - { name: ${c}, description: the ${c} }`)
    .join('\n')}\n${extra}`;

let project: TempProject | undefined;
afterEach(async () => {
  if (project) await removeDir(project.root);
  project = undefined;
});

async function load(files: Record<string, string>): Promise<Awaited<ReturnType<typeof loadProject>>> {
  project = await writeProject(files);
  return loadProject(project.modelsDir, project.seedsDir);
}

describe('loadProject', () => {
  it('loads models in build order with schema, default materialisation and dependencies', async () => {
    const { value, errors } = await load({
      'models/sources.yml':
        'sources:\n  - name: camara\n    tables:\n      - { name: ceap, path: raw/camara/ceap, format: parquet, partitions: [year], description: d }\n',
      'models/marts/b.sql': "select * from {{ ref('a') }} join {{ ref('limits') }} using (id)",
      'models/marts/b.yml': yml('b'),
      'models/staging/a.sql': "select 1 as id from {{ source('camara', 'ceap') }}",
      'models/staging/a.yml': yml('a'),
      'seeds/limits.csv': 'id,limit_cents\n1,100\n',
    });
    expect(errors).toEqual([]);
    expect(value.models.map((m) => [m.name, m.schema, m.materialized, m.dependsOn])).toEqual([
      ['a', 'staging', 'view', ['camara.ceap']],
      ['b', 'marts', 'table', ['a', 'limits']],
    ]);
    expect(value.seeds.map((s) => [s.name, s.file])).toEqual([['limits', 'seeds/limits.csv']]);
  });

  it('collects every problem of the project before failing', async () => {
    const { errors } = await load({
      'models/staging/no_yml.sql': 'select 1 as id',
      'models/staging/no_sql.yml': yml('no_sql'),
      'models/staging/renamed.sql': 'select 1 as id',
      'models/staging/renamed.yml': yml('other_name'),
      'models/marts/unknown.sql': "select * from {{ ref('nope') }} join {{ source('camara', 'ceap') }}",
      'models/marts/unknown.yml': yml(
        'unknown',
        ['id'],
        'tests:\n  - expression: "id in (select id from {{ ref(\'ghost\') }})"\n',
      ),
      'models/marts/rel.sql': 'select 1 as id',
      'models/marts/rel.yml': `name: rel\ndescription: d\ngrain: g\ncolumns:\n  - name: id\n    description: d\n    tests:\n      - relationships: { to: "ref('renamed')", field: missing }\n`,
      'models/loose.sql': 'select 1',
      'models/meta/m.sql': 'select 1 as id',
      'models/meta/m.yml': yml('m'),
      'models/staging/dup.sql': 'select 1 as id',
      'models/staging/dup.yml': yml('dup'),
      'models/marts/dup.sql': 'select 1 as id',
      'models/marts/dup.yml': yml('dup'),
      'models/marts/limits.sql': 'select 1 as id',
      'models/marts/limits.yml': yml('limits'),
      'seeds/limits.csv': 'id\n1\n',
    });
    const expected = [
      'models/loose.sql: models must sit in a schema folder (models/staging/ or models/marts/), not at the root',
      'models/meta/m.sql: folder "meta" cannot be a schema',
      'models/staging/no_sql.yml: has no sibling no_sql.sql',
      'models/staging/no_yml.sql: has no sibling no_yml.yml; expected models/staging/no_yml.yml declaring name, description, grain and columns',
      'models/staging/renamed.yml: name: "other_name" differs from the file name; expected "renamed"',
      'model name "dup" is used twice: models/marts/dup.sql and models/staging/dup.sql',
      "seed seeds/limits.csv has the same name as models/marts/limits.sql; ref('limits') would be ambiguous",
      "models/marts/unknown.sql line 1: ref('nope') names no model or seed; known: ",
      "models/marts/unknown.sql line 1: source('camara', 'ceap') is not declared in models/sources.yml; declared: none",
      "models/marts/unknown.yml: tests: ref('ghost') names no model or seed",
      'models/marts/rel.yml: column id: relationships.field "missing" is not a column of renamed; declared: id',
    ];
    for (const e of expected)
      expect(
        errors.some((x) => x.startsWith(e)),
        `missing: ${e}\n${errors.join('\n')}`,
      ).toBe(true);
  });

  it('names a cycle with its path and files', async () => {
    const { errors } = await load({
      'models/marts/a.sql': "select * from {{ ref('b') }}",
      'models/marts/a.yml': yml('a'),
      'models/marts/b.sql': "select * from {{ ref('c') }}",
      'models/marts/b.yml': yml('b'),
      'models/marts/c.sql': "select * from {{ ref('a') }}",
      'models/marts/c.yml': yml('c'),
      'models/marts/d.sql': "select * from {{ ref('a') }}",
      'models/marts/d.yml': yml('d'),
    });
    expect(errors).toEqual([
      'models depend on each other in a cycle: a → b → c → a (models/marts/a.sql, models/marts/b.sql, models/marts/c.sql)',
    ]);
  });

  it('fails clearly when the models directory does not exist', async () => {
    const { errors } = await loadProject('/nonexistent/models', '/nonexistent/seeds');
    expect(errors).toEqual(['models directory /nonexistent/models does not exist or is not readable']);
  });
});
