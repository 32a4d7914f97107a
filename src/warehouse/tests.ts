// Data tests declared in a model's `.yml`, compiled to one query each that selects the *failing* rows (empty
// result = pass), in the spirit of dbt's generic tests. A failure names the model, the test, the column, how
// many rows (or values) fail and shows up to five of them, so the fix starts from the message.
import { quoteIdent, quoteLiteral, type Db, type Row } from '../core/index.js';
import { parseRelationshipTarget, type ModelSpec } from './project.js';
import {
  callKey,
  parseTemplate,
  relationSql,
  renderTemplate,
  templateCalls,
  type RenderContext,
} from './render.js';
import type { AcceptedValue, Severity, TestKind } from './spec.js';

export const SAMPLE_ROWS = 5;

export interface CompiledTest {
  model: string;
  kind: TestKind;
  column?: string;
  severity: Severity;
  /** Human label: `not_null(deputy_id)`, `relationships(deputy_id → ref('deputies').deputy_id)`. */
  label: string;
  /** What the rule expects, for the failure message. */
  expected: string;
  /** What one row of `sql` is: failing rows, or duplicated values with their count. */
  unit: 'rows' | 'values' | 'combinations';
  /** Selects the failing rows; no rows means the test passes. */
  sql: string;
  /** Other refs/sources the test reads (it runs once they are built). */
  reads: string[];
}

export interface TestOutcome {
  test: CompiledTest;
  failures: number;
  sample: Row[];
  durationMs: number;
}

/**
 * Compiles every test of a model (column tests first, in declaration order, then model tests) against
 * `relation` (the model itself by default; the build passes a view's snapshot).
 * @example compileModelTests(model, context)[0].sql // SELECT * FROM "marts"."deputies" WHERE "deputy_id" IS NULL
 */
export function compileModelTests(
  model: ModelSpec,
  context: RenderContext,
  relation: string = relationSql(model.schema, model.name),
): CompiledTest[] {
  const out: CompiledTest[] = [];
  const base = { model: model.name };
  const expression = (sql: string): { sql: string; reads: string[] } => {
    const template = parseTemplate(sql, model.ymlFile).value;
    return { sql: renderTemplate(template, context), reads: templateCalls(template).map(callKey) };
  };
  for (const column of model.columns) {
    const col = quoteIdent(column.name);
    for (const test of column.tests) {
      const common = { ...base, kind: test.kind, column: column.name, severity: test.severity };
      switch (test.kind) {
        case 'not_null':
          out.push({
            ...common,
            label: `not_null(${column.name})`,
            expected: 'no NULL',
            unit: 'rows',
            sql: `SELECT * FROM ${relation} WHERE ${col} IS NULL`,
            reads: [],
          });
          break;
        case 'unique':
          out.push({
            ...common,
            label: `unique(${column.name})`,
            expected: 'each value at most once',
            unit: 'values',
            sql:
              `SELECT ${col}, count(*) AS occurrences FROM ${relation} WHERE ${col} IS NOT NULL ` +
              `GROUP BY ${col} HAVING count(*) > 1 ORDER BY occurrences DESC, ${col}`,
            reads: [],
          });
          break;
        case 'accepted_values': {
          const values = test.values.map(literal).join(', ');
          out.push({
            ...common,
            label: `accepted_values(${column.name})`,
            expected: `one of ${test.values.map((v) => JSON.stringify(v)).join(', ')} (or NULL)`,
            unit: 'rows',
            sql: `SELECT * FROM ${relation} WHERE ${col} IS NOT NULL AND ${col} NOT IN (${values})`,
            reads: [],
          });
          break;
        }
        case 'relationships': {
          const target = parseRelationshipTarget(test.to);
          if (typeof target === 'string') throw new Error(`${model.ymlFile}: ${target}`);
          const parent = renderTemplate({ parts: [target] }, context);
          const shown = `${test.to.trim()}.${test.field}`;
          out.push({
            ...common,
            label: `relationships(${column.name} → ${shown})`,
            expected: `every non-NULL value to exist in ${shown}`,
            unit: 'rows',
            sql:
              `SELECT child.* FROM ${relation} AS child WHERE child.${col} IS NOT NULL AND NOT EXISTS ` +
              `(SELECT 1 FROM ${parent} AS parent WHERE parent.${quoteIdent(test.field)} = child.${col})`,
            reads: [callKey(target)],
          });
          break;
        }
        case 'expression': {
          const rendered = expression(test.sql);
          out.push({
            ...common,
            label: `expression(${column.name}: ${test.sql})`,
            expected: `${test.sql} to be TRUE on every row`,
            unit: 'rows',
            sql: `SELECT * FROM ${relation} WHERE (${rendered.sql}) IS NOT TRUE`,
            reads: rendered.reads,
          });
          break;
        }
      }
    }
  }
  for (const test of model.tests) {
    if (test.kind === 'unique_combination') {
      const cols = test.columns.map(quoteIdent).join(', ');
      out.push({
        ...base,
        kind: test.kind,
        severity: test.severity,
        label: `unique_combination(${test.columns.join(', ')})`,
        expected: `each combination of ${test.columns.join(', ')} at most once`,
        unit: 'combinations',
        sql: `SELECT ${cols}, count(*) AS occurrences FROM ${relation} GROUP BY ${cols} HAVING count(*) > 1 ORDER BY occurrences DESC`,
        reads: [],
      });
    } else {
      const rendered = expression(test.sql);
      out.push({
        ...base,
        kind: test.kind,
        severity: test.severity,
        label: `expression(${test.sql})`,
        expected: `${test.sql} to be TRUE on every row`,
        unit: 'rows',
        sql: `SELECT * FROM ${relation} WHERE (${rendered.sql}) IS NOT TRUE`,
        reads: rendered.reads,
      });
    }
  }
  return out;
}

function literal(value: AcceptedValue): string {
  if (typeof value === 'string') return quoteLiteral(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/** Runs one test: counts the failing rows and, when there are some, fetches a sample. */
export async function runTest(db: Db, test: CompiledTest): Promise<TestOutcome> {
  const started = performance.now();
  const row = await db.one<{ n: number | string }>(`SELECT count(*) AS n FROM (${test.sql}\n)`);
  const failures = Number(row?.n ?? 0);
  const sample = failures > 0 ? await db.all(`SELECT * FROM (${test.sql}\n) LIMIT ${SAMPLE_ROWS}`) : [];
  return { test, failures, sample, durationMs: performance.now() - started };
}

/**
 * The message for a failed test:
 * `model deputies (models/marts/deputies.yml): test not_null(deputy_id) on column deputy_id failed: 2 rows …`
 */
export function formatTestFailure(model: ModelSpec, outcome: TestOutcome): string {
  const { test, failures, sample } = outcome;
  const on = test.column === undefined ? '' : ` on column ${test.column}`;
  const what =
    test.unit === 'rows'
      ? `${failures} failing row${failures === 1 ? '' : 's'}`
      : `${failures} ${test.unit === 'values' ? 'value' : 'combination'}${failures === 1 ? '' : 's'} occurring more than once`;
  const lines = sample.map((r) => `  ${sampleJson(r)}`);
  return (
    `model ${model.name} (${model.ymlFile}): test ${test.label}${on} failed: ${what}; expected ${test.expected}.\n` +
    `Sample (${sample.length} of ${failures}):\n${lines.join('\n')}`
  );
}

/** One sample row as JSON, long values cut so that five rows stay readable. */
export function sampleJson(row: Row): string {
  const json = JSON.stringify(row, (_key, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'string' && value.length > 120) return `${value.slice(0, 120)}…`;
    return value;
  });
  return json.length > 2000 ? `${json.slice(0, 2000)}…` : json;
}
