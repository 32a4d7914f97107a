import { describe, expect, it } from 'vitest';
import { parseModelYaml } from './parse-model.js';

const FILE = 'models/marts/deputies.yml';

describe('parseModelYaml', () => {
  it('parses every test form with its arguments and severity', () => {
    const { value, errors } = parseModelYaml(
      `
name: deputies
description: People
grain: One row per deputy
materialized: table
columns:
  - name: id
    description: The id
    tests:
      - not_null
      - unique: {}
      - accepted_values: { values: [1, 2, "x", true] }
      - relationships: { to: "ref('people')", field: person_id }
      - expression: "id > 0"
        severity: warn
tests:
  - unique_combination: [id]
  - expression: "true"
`,
      FILE,
    );
    expect(errors).toEqual([]);
    expect(value?.materialized).toBe('table');
    expect(value?.columns[0]?.tests).toEqual([
      { kind: 'not_null', severity: 'error' },
      { kind: 'unique', severity: 'error' },
      { kind: 'accepted_values', values: [1, 2, 'x', true], severity: 'error' },
      { kind: 'relationships', to: "ref('people')", field: 'person_id', severity: 'error' },
      { kind: 'expression', sql: 'id > 0', severity: 'warn' },
    ]);
    expect(value?.tests).toEqual([
      { kind: 'unique_combination', columns: ['id'], severity: 'error' },
      { kind: 'expression', sql: 'true', severity: 'error' },
    ]);
  });

  it('collects every problem of a file at once, each naming the file, the place and the bad value', () => {
    const { errors } = parseModelYaml(
      `
name: deputies
descripton: typo
materialized: ephemeral
columns:
  - name: id
    tests: [not-null, { accepted_values: [1, 2] }, { relationships: { to: "ref('x')" } }]
  - description: no name
  - name: id
    description: twice
tests:
  - unique_combination: [id, nope]
  - expression: "a"
    severity: fatal
`,
      FILE,
    );
    const expected = [
      'models/marts/deputies.yml: descripton: unknown key "descripton"',
      'models/marts/deputies.yml: description: is missing',
      'models/marts/deputies.yml: grain: is missing',
      'models/marts/deputies.yml: materialized: "ephemeral" is not a materialization; expected view or table',
      'models/marts/deputies.yml: columns[0] (id).description: is missing',
      'models/marts/deputies.yml: columns[0] (id).tests[0]: unknown test "not-null"; expected one of not_null',
      'models/marts/deputies.yml: columns[0] (id).tests[1].accepted_values: [1,2] is not {values: [...]}',
      'models/marts/deputies.yml: columns[0] (id).tests[2].relationships.field: is missing',
      'models/marts/deputies.yml: columns[1].name: is missing',
      'models/marts/deputies.yml: columns: column "id" is declared twice',
      'models/marts/deputies.yml: tests[1].severity: "fatal" is not a severity; expected error or warn',
      'models/marts/deputies.yml: tests: unique_combination names undeclared columns ["nope"]; declared: id',
    ];
    for (const e of expected)
      expect(
        errors.some((x) => x.startsWith(e)),
        `missing: ${e}\n${errors.join('\n')}`,
      ).toBe(true);
  });

  it('reports invalid YAML and a non-mapping document', () => {
    expect(parseModelYaml('name: [', FILE).errors[0]).toMatch(
      /^models\/marts\/deputies\.yml: is not valid YAML/,
    );
    expect(parseModelYaml('- a', FILE).errors[0]).toMatch(/is \["a"\]; expected a mapping/);
  });

  it('requires the columns list', () => {
    const { errors } = parseModelYaml('name: a\ndescription: d\ngrain: g\n', FILE);
    expect(errors).toEqual([
      'models/marts/deputies.yml: columns: is missing; expected the list of every output column',
    ]);
  });
});
