// Parses a model's `.yml`: name, description, grain, materialization, described columns and their tests, and
// model-level tests. Tests are a name (`not_null`) or a one-key mapping (`accepted_values: {values: [...]}`)
// with an optional `severity: warn`.
import {
  COLUMN_PATTERN,
  type AcceptedValue,
  type ColumnSpec,
  type ColumnTest,
  type Materialized,
  type ModelTest,
  type ModelYaml,
  type Parsed,
  type Severity,
} from './spec.js';
import { checkKeys, isObj, list, loadYaml, Problems, show, text, type Obj } from './yaml.js';

const COLUMN_TEST_KINDS = ['not_null', 'unique', 'accepted_values', 'relationships', 'expression'] as const;
const MODEL_TEST_KINDS = ['unique_combination', 'expression'] as const;
const SEVERITIES: readonly Severity[] = ['error', 'warn'];

function severityOf(entry: Obj, where: string, problems: Problems): Severity {
  const value = entry.severity;
  if (value === undefined) return 'error';
  if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value))
    return value as Severity;
  problems.add(`${where}.severity`, `${show(value)} is not a severity; expected error or warn`);
  return 'error';
}

/** Splits a test entry (`not_null`, or `{kind: args, severity?}`) into kind, args and severity. */
function splitTest(
  entry: unknown,
  kinds: readonly string[],
  where: string,
  problems: Problems,
): { kind: string; args: unknown; severity: Severity } | undefined {
  if (typeof entry === 'string') {
    if (!kinds.includes(entry)) {
      problems.add(where, `unknown test ${show(entry)}; expected one of ${kinds.join(', ')}`);
      return undefined;
    }
    return { kind: entry, args: null, severity: 'error' };
  }
  if (!isObj(entry)) {
    problems.add(
      where,
      `${show(entry)} is not a test; expected a test name or a mapping like {${kinds[0]}: …}`,
    );
    return undefined;
  }
  const keys = Object.keys(entry).filter((k) => k !== 'severity');
  const kind = keys[0];
  if (keys.length !== 1 || kind === undefined) {
    problems.add(
      where,
      `${show(entry)} must name exactly one test (one of ${kinds.join(', ')}), plus optional severity`,
    );
    return undefined;
  }
  if (!kinds.includes(kind)) {
    problems.add(where, `unknown test ${show(kind)}; expected one of ${kinds.join(', ')}`);
    return undefined;
  }
  return { kind, args: entry[kind], severity: severityOf(entry, where, problems) };
}

function isAccepted(value: unknown): value is AcceptedValue {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function parseColumnTest(entry: unknown, where: string, problems: Problems): ColumnTest | undefined {
  const split = splitTest(entry, COLUMN_TEST_KINDS, where, problems);
  if (!split) return undefined;
  const { kind, args, severity } = split;
  const at = `${where}.${kind}`;
  switch (kind) {
    case 'not_null':
    case 'unique':
      if (args !== null && args !== true && !(isObj(args) && Object.keys(args).length === 0)) {
        problems.add(at, `${show(args)} is not expected; ${kind} takes no arguments`);
      }
      return { kind, severity };
    case 'accepted_values': {
      if (!isObj(args) || !Array.isArray(args.values) || args.values.length === 0) {
        problems.add(
          at,
          `${show(args)} is not {values: [...]}; expected a non-empty list of accepted values`,
        );
        return undefined;
      }
      checkKeys(args, ['values'], at, problems);
      const bad = args.values.filter((v) => !isAccepted(v));
      if (bad.length > 0) {
        problems.add(`${at}.values`, `${show(bad)} are not strings, numbers or booleans`);
        return undefined;
      }
      return { kind, values: args.values as AcceptedValue[], severity };
    }
    case 'relationships': {
      if (!isObj(args)) {
        problems.add(at, `${show(args)} is not {to: "ref('model')", field: column}`);
        return undefined;
      }
      checkKeys(args, ['to', 'field'], at, problems);
      const to = text(args, 'to', at, problems);
      const field = text(args, 'field', at, problems);
      if (field !== undefined && !COLUMN_PATTERN.test(field)) {
        problems.add(`${at}.field`, `${show(field)} is not a column name`);
        return undefined;
      }
      return to === undefined || field === undefined ? undefined : { kind, to, field, severity };
    }
    default: {
      if (typeof args !== 'string' || args.trim() === '') {
        problems.add(at, `${show(args)} is not a SQL boolean expression (a non-empty string)`);
        return undefined;
      }
      return { kind: 'expression', sql: args.trim(), severity };
    }
  }
}

function parseModelTest(entry: unknown, where: string, problems: Problems): ModelTest | undefined {
  const split = splitTest(entry, MODEL_TEST_KINDS, where, problems);
  if (!split) return undefined;
  const { kind, args, severity } = split;
  const at = `${where}.${kind}`;
  if (kind === 'unique_combination') {
    if (
      !Array.isArray(args) ||
      args.length === 0 ||
      !args.every((c) => typeof c === 'string' && COLUMN_PATTERN.test(c))
    ) {
      problems.add(at, `${show(args)} is not a non-empty list of column names`);
      return undefined;
    }
    return { kind, columns: args as string[], severity };
  }
  if (typeof args !== 'string' || args.trim() === '') {
    problems.add(at, `${show(args)} is not a SQL boolean expression (a non-empty string)`);
    return undefined;
  }
  return { kind: 'expression', sql: args.trim(), severity };
}

function parseColumn(entry: unknown, where: string, problems: Problems): ColumnSpec | undefined {
  if (!isObj(entry)) {
    problems.add(where, `${show(entry)} is not a column; expected {name, description, tests?}`);
    return undefined;
  }
  checkKeys(entry, ['name', 'description', 'tests'], where, problems);
  const name = text(entry, 'name', where, problems);
  if (name !== undefined && !COLUMN_PATTERN.test(name)) {
    problems.add(`${where}.name`, `${show(name)} is not a column name (letters, digits, _)`);
  }
  const label = name === undefined ? where : `${where} (${name})`;
  const description = text(entry, 'description', label, problems);
  const tests = list(entry, 'tests', label, problems)
    .map((t, i) => parseColumnTest(t, `${label}.tests[${i}]`, problems))
    .filter((t): t is ColumnTest => t !== undefined);
  return name === undefined ? undefined : { name, description: description ?? '', tests };
}

/**
 * Parses a model's `.yml`.
 * @example parseModelYaml('name: deputies\ndescription: …\ngrain: …\ncolumns: []', 'models/marts/deputies.yml')
 */
export function parseModelYaml(source: string, file: string): Parsed<ModelYaml | undefined> {
  const problems = new Problems(file);
  const doc = loadYaml(source, problems);
  if (doc === undefined) return { value: undefined, errors: problems.errors };
  if (!isObj(doc)) {
    problems.add(
      '',
      `is ${show(doc)}; expected a mapping with name, description, grain, materialized, columns, tests`,
    );
    return { value: undefined, errors: problems.errors };
  }
  checkKeys(doc, ['name', 'description', 'grain', 'materialized', 'columns', 'tests'], '', problems);
  const name = text(doc, 'name', '', problems);
  const description = text(doc, 'description', '', problems);
  const grain = text(doc, 'grain', '', problems);
  let materialized: Materialized | undefined;
  if (doc.materialized !== undefined) {
    if (doc.materialized === 'view' || doc.materialized === 'table') materialized = doc.materialized;
    else
      problems.add(
        'materialized',
        `${show(doc.materialized)} is not a materialization; expected view or table`,
      );
  }
  if (doc.columns === undefined)
    problems.add('columns', 'is missing; expected the list of every output column');
  const columns = list(doc, 'columns', '', problems)
    .map((c, i) => parseColumn(c, `columns[${i}]`, problems))
    .filter((c): c is ColumnSpec => c !== undefined);
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.name)) problems.add('columns', `column "${column.name}" is declared twice`);
    seen.add(column.name);
  }
  const tests = list(doc, 'tests', '', problems)
    .map((t, i) => parseModelTest(t, `tests[${i}]`, problems))
    .filter((t): t is ModelTest => t !== undefined);
  for (const test of tests) {
    if (test.kind !== 'unique_combination') continue;
    const unknown = test.columns.filter((c) => !seen.has(c));
    if (unknown.length > 0) {
      problems.add(
        'tests',
        `unique_combination names undeclared columns ${show(unknown)}; declared: ${[...seen].join(', ')}`,
      );
    }
  }
  const value =
    name === undefined
      ? undefined
      : { name, description: description ?? '', grain: grain ?? '', materialized, columns, tests };
  return { value, errors: problems.errors };
}
