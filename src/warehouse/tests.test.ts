import { afterEach, describe, expect, it } from 'vitest';
import { HardinError, withDb } from '../core/index.js';
import { removeDir, writeProject, type TempProject } from '../../test/warehouse/helpers.js';
import { buildWarehouse, type BuildResult } from './build.js';

// id, kind, score, parent_id: a duplicated id (2), a NULL kind, a negative score and a dangling parent (9).
const PEOPLE_SQL = `select * from (values
  (1, 'a', 10, null),
  (2, 'b', 20, 1),
  (2, null, -5, 9)
) as t(id, kind, score, parent_id)`;

interface Case {
  title: string;
  /** YAML test entry of one column, or of the model when `column` is undefined. */
  test: string;
  column?: 'id' | 'kind' | 'score' | 'parent_id';
  parents?: number[];
  /** Undefined when the test passes; else the expected message fragments. */
  fails?: string[];
}

const CASES: Case[] = [
  { title: 'not_null passes', test: 'not_null', column: 'id' },
  {
    title: 'not_null fails',
    test: 'not_null',
    column: 'kind',
    fails: [
      'model people (models/marts/people.yml): test not_null(kind) on column kind failed: 1 failing row; expected no NULL.',
      'Sample (1 of 1):\n  {"id":2,"kind":null,"score":-5,"parent_id":9}',
    ],
  },
  { title: 'unique passes (NULLs ignored)', test: 'unique', column: 'kind' },
  {
    title: 'unique fails',
    test: 'unique',
    column: 'id',
    fails: [
      'test unique(id) on column id failed: 1 value occurring more than once',
      '{"id":2,"occurrences":2}',
    ],
  },
  { title: 'accepted_values passes', test: 'accepted_values: { values: [a, b] }', column: 'kind' },
  {
    title: 'accepted_values fails',
    test: 'accepted_values: { values: [a] }',
    column: 'kind',
    fails: [
      'test accepted_values(kind) on column kind failed: 1 failing row; expected one of "a" (or NULL)',
      '"kind":"b"',
    ],
  },
  { title: 'accepted_values passes on numbers', test: 'accepted_values: { values: [1, 2] }', column: 'id' },
  {
    title: 'relationships passes',
    test: `relationships: { to: "ref('parents')", field: id }`,
    column: 'parent_id',
    parents: [1, 9],
  },
  {
    title: 'relationships fails',
    test: `relationships: { to: "ref('parents')", field: id }`,
    column: 'parent_id',
    parents: [1],
    fails: [
      "test relationships(parent_id → ref('parents').id) on column parent_id failed: 1 failing row; " +
        "expected every non-NULL value to exist in ref('parents').id",
      '"parent_id":9',
    ],
  },
  { title: 'expression passes', test: 'expression: "score > -10"', column: 'score' },
  {
    title: 'expression fails',
    test: 'expression: "score > 0"',
    column: 'score',
    fails: [
      'test expression(score: score > 0) on column score failed: 1 failing row; expected score > 0 to be TRUE on every row',
    ],
  },
  {
    title: 'expression counts NULL as a failure',
    test: `expression: "kind <> 'x'"`,
    column: 'kind',
    fails: ['1 failing row', '"kind":null'],
  },
  { title: 'unique_combination passes', test: 'unique_combination: [id, kind]' },
  {
    title: 'unique_combination fails',
    test: 'unique_combination: [id]',
    fails: [
      'model people (models/marts/people.yml): test unique_combination(id) failed: 1 combination occurring more than once',
      '{"id":2,"occurrences":2}',
    ],
  },
  { title: 'model expression passes', test: 'expression: "score < 100"' },
  {
    title: 'model expression fails',
    test: 'expression: "score < 5"',
    fails: ['test expression(score < 5) failed: 2 failing rows', 'Sample (2 of 2)'],
  },
];

function peopleYml(c: Case): string {
  const columns = ['id', 'kind', 'score', 'parent_id'].map((name) => {
    const tests = c.column === name ? `\n    tests:\n      - ${c.test}` : '';
    return `  - name: ${name}\n    description: the ${name}${tests}`;
  });
  const modelTests = c.column === undefined ? `tests:\n  - ${c.test}\n` : '';
  return `name: people\ndescription: People\ngrain: one row per person version\ncolumns:\n${columns.join('\n')}\n${modelTests}`;
}

let project: TempProject | undefined;
afterEach(async () => {
  if (project) await removeDir(project.root);
  project = undefined;
});

async function build(c: Case): Promise<BuildResult> {
  const parents = c.parents ?? [1];
  project = await writeProject({
    'models/marts/people.sql': PEOPLE_SQL,
    'models/marts/people.yml': peopleYml(c),
    'models/marts/parents.sql': `select unnest([${parents.join(', ')}]) as id`,
    'models/marts/parents.yml':
      'name: parents\ndescription: Parents\ngrain: one row per id\ncolumns:\n  - { name: id, description: id }\n',
  });
  const { modelsDir, seedsDir, lakeDir } = project;
  return withDb((db) => buildWarehouse({ db, modelsDir, seedsDir, lakeDir, runId: 'test' }));
}

describe('column and model tests', () => {
  for (const c of CASES) {
    it(c.title, async () => {
      if (!c.fails) {
        const result = await build(c);
        const people = result.models.find((m) => m.name === 'people');
        expect(people?.tests).toHaveLength(1);
        expect(people?.tests[0]).toMatchObject({
          passed: true,
          failures: 0,
          ...(c.column ? { column: c.column } : {}),
        });
        return;
      }
      const error = await build(c).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(HardinError);
      const message = (error as Error).message;
      for (const fragment of c.fails) expect(message).toContain(fragment);
      expect(message).toContain('The build was rolled back; the previous warehouse is unchanged.');
      expect((error as HardinError).code).toBe('WAREHOUSE');
      expect((error as HardinError).details).toMatchObject({ model: 'people', column: c.column });
    });
  }

  it('runs a relationships test only once its parent model is built, even when the parent comes later', async () => {
    project = await writeProject({
      'models/marts/a_child.sql': 'select 1 as parent_id',
      'models/marts/a_child.yml': `name: a_child\ndescription: d\ngrain: g\ncolumns:\n  - name: parent_id\n    description: d\n    tests:\n      - relationships: { to: "ref('z_parent')", field: id }\n`,
      'models/marts/z_parent.sql': "select 1 as id from {{ ref('a_child') }}",
      'models/marts/z_parent.yml':
        'name: z_parent\ndescription: d\ngrain: g\ncolumns:\n  - { name: id, description: d }\n',
    });
    const { modelsDir, seedsDir, lakeDir } = project;
    const result = await withDb((db) => buildWarehouse({ db, modelsDir, seedsDir, lakeDir, runId: 't' }));
    expect(result.models.map((m) => m.name)).toEqual(['a_child', 'z_parent']);
    expect(result.models[0]?.tests).toEqual([
      {
        name: 'relationships',
        column: 'parent_id',
        passed: true,
        failures: 0,
        severity: 'error',
        label: "relationships(parent_id → ref('z_parent').id)",
      },
    ]);
  });

  it('names the model and the test when a test cannot run (e.g. a typo in an expression)', async () => {
    project = await writeProject({
      'models/marts/w.sql': 'select 1 as x',
      'models/marts/w.yml':
        'name: w\ndescription: d\ngrain: g\ncolumns:\n  - name: x\n    description: d\n    tests:\n      - expression: "y > 0"\n',
    });
    const { modelsDir, seedsDir, lakeDir } = project;
    await expect(
      withDb((db) => buildWarehouse({ db, modelsDir, seedsDir, lakeDir, runId: 't' })),
    ).rejects.toThrow(
      /^model w \(models\/marts\/w\.yml\): test expression\(x: y > 0\) could not run: DuckDB: Binder Error: Referenced column "y" not found/,
    );
  });

  it('reports a failing warn test without stopping the build', async () => {
    project = await writeProject({
      'models/marts/w.sql': 'select * from (values (1), (-1)) as t(x)',
      'models/marts/w.yml':
        'name: w\ndescription: d\ngrain: g\ncolumns:\n  - name: x\n    description: d\n    tests:\n      - expression: "x > 0"\n        severity: warn\n',
    });
    const { modelsDir, seedsDir, lakeDir } = project;
    const result = await withDb((db) => buildWarehouse({ db, modelsDir, seedsDir, lakeDir, runId: 't' }));
    expect(result.testsPassed).toBe(0);
    expect(result.models[0]?.tests[0]).toMatchObject({ passed: false, failures: 1, severity: 'warn' });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain(
      'model w (models/marts/w.yml): test expression(x: x > 0) on column x failed: 1 failing row',
    );
  });
});
