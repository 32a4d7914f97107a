// Loads a warehouse project from disk: every `models/<schema>/**/<name>.sql` with its sibling `<name>.yml`,
// `models/sources.yml`, and every `seeds/<name>.csv` (with an optional `seeds/<name>.yml`). Then validates the
// whole: sql/yml pairs, names, duplicates, unknown refs and sources (in models and in tests), and cycles.
// Every problem is collected; a project with errors is never built.
//
// Naming: the first folder under models/ is the DuckDB schema (`models/staging/x.sql` → `staging.x`,
// `models/marts/y.sql` → `marts.y`); seeds are tables `seeds.<basename>`; refs are by bare name, so a name is
// unique across schemas and seeds.
import fs from 'node:fs/promises';
import path from 'node:path';
import { formatCycle, topologicalOrder } from './dag.js';
import {
  callKey,
  parseCall,
  parseTemplate,
  templateCalls,
  type Template,
  type TemplateCall,
} from './render.js';
import { parseModelYaml } from './parse-model.js';
import { parseSeedYaml, parseSourcesYaml } from './parse-sources.js';
import {
  NAME_PATTERN,
  type ColumnSpec,
  type Materialized,
  type ModelTest,
  type Parsed,
  type SeedColumnSpec,
  type SourceTableSpec,
} from './spec.js';

export const SEEDS_SCHEMA = 'seeds';
export const META_SCHEMA = 'meta';
const RESERVED_SCHEMAS = [SEEDS_SCHEMA, META_SCHEMA, 'main', 'temp', 'information_schema', 'pg_catalog'];
const SOURCES_FILE = 'sources.yml';

export interface ModelSpec {
  name: string;
  /** DuckDB schema: the first folder under models/. */
  schema: string;
  materialized: Materialized;
  description: string;
  grain: string;
  columns: ColumnSpec[];
  tests: ModelTest[];
  /** Paths as shown to users, e.g. `models/marts/deputies.sql`. */
  sqlFile: string;
  ymlFile: string;
  template: Template;
  /** What the SQL reads: model/seed names and `source.table` keys, in order of first use. */
  dependsOn: string[];
}

export interface SeedSpec {
  name: string;
  /** Absolute path of the CSV. */
  path: string;
  /** Path as shown to users, e.g. `seeds/ceap_subquota_limits.csv`. */
  file: string;
  description?: string;
  columns: SeedColumnSpec[];
}

export interface Project {
  modelsDir: string;
  seedsDir: string;
  /** In build order (dependencies first) when the project is valid. */
  models: ModelSpec[];
  sources: SourceTableSpec[];
  seeds: SeedSpec[];
}

/** What a `ref()` name resolves to. */
export type RefTarget = { kind: 'model'; model: ModelSpec } | { kind: 'seed'; seed: SeedSpec };

export function resolveRef(project: Project, name: string): RefTarget | undefined {
  const model = project.models.find((m) => m.name === name);
  if (model) return { kind: 'model', model };
  const seed = project.seeds.find((s) => s.name === name);
  return seed ? { kind: 'seed', seed } : undefined;
}

export function findSource(project: Project, source: string, table: string): SourceTableSpec | undefined {
  return project.sources.find((s) => s.source === source && s.name === table);
}

/** The template call a relationships test points to (`ref('x')`, with or without `{{ }}`). */
export function parseRelationshipTarget(to: string): TemplateCall | string {
  const inner = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(to)?.[1] ?? to;
  return parseCall(inner, 1);
}

/**
 * Reads and validates a project. `errors` lists every problem; `value` is usable only when it is empty.
 * @example const { value, errors } = await loadProject('models', 'seeds');
 */
export async function loadProject(modelsDir: string, seedsDir: string): Promise<Parsed<Project>> {
  const modelsRoot = path.resolve(modelsDir);
  const seedsRoot = path.resolve(seedsDir);
  const project: Project = { modelsDir: modelsRoot, seedsDir: seedsRoot, models: [], sources: [], seeds: [] };
  const errors: string[] = [];
  const shown = (root: string, file: string): string =>
    path.join(path.basename(root), path.relative(root, file));

  const modelFiles = await listFiles(modelsRoot);
  if (modelFiles === undefined) {
    return { value: project, errors: [`models directory ${modelsRoot} does not exist or is not readable`] };
  }
  const seedFiles = (await listFiles(seedsRoot)) ?? [];

  // sources.yml
  const sourcesPath = path.join(modelsRoot, SOURCES_FILE);
  if (modelFiles.includes(sourcesPath)) {
    const parsed = parseSourcesYaml(await fs.readFile(sourcesPath, 'utf8'), shown(modelsRoot, sourcesPath));
    project.sources = parsed.value;
    errors.push(...parsed.errors);
  }

  // models: pair .sql with .yml
  const byBase = new Map<string, { sql?: string; yml?: string }>();
  for (const file of modelFiles) {
    if (file === sourcesPath) continue;
    const rel = path.relative(modelsRoot, file);
    const ext = path.extname(file);
    if (ext === '.yaml') {
      errors.push(
        `${shown(modelsRoot, file)}: rename to .yml (the runner reads <model>.yml beside <model>.sql)`,
      );
      continue;
    }
    if (ext !== '.sql' && ext !== '.yml') continue;
    if (!rel.includes(path.sep)) {
      errors.push(
        `${shown(modelsRoot, file)}: models must sit in a schema folder (models/staging/ or models/marts/), not at the root`,
      );
      continue;
    }
    const base = file.slice(0, -ext.length);
    const pair = byBase.get(base) ?? {};
    if (ext === '.sql') pair.sql = file;
    else pair.yml = file;
    byBase.set(base, pair);
  }

  for (const [base, pair] of [...byBase].sort(([a], [b]) => a.localeCompare(b))) {
    const name = path.basename(base);
    const sqlShown = shown(modelsRoot, `${base}.sql`);
    const ymlShown = shown(modelsRoot, `${base}.yml`);
    if (pair.sql === undefined) {
      errors.push(
        `${ymlShown}: has no sibling ${path.basename(sqlShown)} (a model is a .sql file with a .yml beside it)`,
      );
      continue;
    }
    if (pair.yml === undefined) {
      errors.push(
        `${sqlShown}: has no sibling ${path.basename(ymlShown)}; expected ${ymlShown} declaring name, description, grain and columns`,
      );
      continue;
    }
    const schema = path.relative(modelsRoot, base).split(path.sep)[0] as string;
    if (!NAME_PATTERN.test(name)) {
      errors.push(`${sqlShown}: model name "${name}" must be lower-case letters, digits and _`);
    }
    if (!NAME_PATTERN.test(schema) || RESERVED_SCHEMAS.includes(schema)) {
      errors.push(
        `${sqlShown}: folder "${schema}" cannot be a schema; use a lower-case name other than ${RESERVED_SCHEMAS.join(', ')}`,
      );
    }
    const yml = parseModelYaml(await fs.readFile(pair.yml, 'utf8'), ymlShown);
    errors.push(...yml.errors);
    const sql = await fs.readFile(pair.sql, 'utf8');
    const template = parseTemplate(sql, sqlShown);
    errors.push(...template.errors);
    if (sql.trim() === '') errors.push(`${sqlShown}: is empty; expected one SELECT statement`);
    if (!yml.value) continue;
    if (yml.value.name !== name) {
      errors.push(
        `${ymlShown}: name: ${JSON.stringify(yml.value.name)} differs from the file name; expected "${name}"`,
      );
    }
    project.models.push({
      name,
      schema,
      materialized: yml.value.materialized ?? (schema === 'staging' ? 'view' : 'table'),
      description: yml.value.description,
      grain: yml.value.grain,
      columns: yml.value.columns,
      tests: yml.value.tests,
      sqlFile: sqlShown,
      ymlFile: ymlShown,
      template: template.value,
      dependsOn: templateCalls(template.value).map(callKey),
    });
  }

  // seeds
  const csvs = seedFiles.filter((f) => path.extname(f) === '.csv' && path.dirname(f) === seedsRoot);
  for (const csv of csvs) {
    const name = path.basename(csv, '.csv');
    const file = shown(seedsRoot, csv);
    if (!NAME_PATTERN.test(name))
      errors.push(`${file}: seed name "${name}" must be lower-case letters, digits and _`);
    const seed: SeedSpec = { name, path: csv, file, columns: [] };
    const ymlPath = `${csv.slice(0, -4)}.yml`;
    if (seedFiles.includes(ymlPath)) {
      const parsed = parseSeedYaml(await fs.readFile(ymlPath, 'utf8'), shown(seedsRoot, ymlPath));
      errors.push(...parsed.errors);
      seed.description = parsed.value.description;
      seed.columns = parsed.value.columns;
    }
    project.seeds.push(seed);
  }

  errors.push(...validateNames(project), ...validateReferences(project));
  errors.push(...orderModels(project));
  return { value: project, errors };
}

async function listFiles(dir: string): Promise<string[] | undefined> {
  try {
    const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
  } catch {
    return undefined;
  }
}

function validateNames(project: Project): string[] {
  const errors: string[] = [];
  const owners = new Map<string, string>();
  for (const m of project.models) {
    const other = owners.get(m.name);
    if (other)
      errors.push(
        `model name "${m.name}" is used twice: ${other} and ${m.sqlFile}; refs are by name, so names are unique`,
      );
    owners.set(m.name, m.sqlFile);
  }
  for (const s of project.seeds) {
    const other = owners.get(s.name);
    if (other)
      errors.push(`seed ${s.file} has the same name as ${other}; ref('${s.name}') would be ambiguous`);
  }
  return errors;
}

function validateReferences(project: Project): string[] {
  const errors: string[] = [];
  const refNames = [
    ...new Set([...project.models.map((m) => m.name), ...project.seeds.map((s) => s.name)]),
  ].sort();
  const sourceNames = project.sources.map((s) => `${s.source}.${s.name}`).sort();
  const check = (call: TemplateCall, where: string): void => {
    if (call.fn === 'ref' && !resolveRef(project, call.name)) {
      errors.push(
        `${where}: ref('${call.name}') names no model or seed; known: ${refNames.join(', ') || 'none'}`,
      );
    }
    if (call.fn === 'source' && !findSource(project, call.source, call.table)) {
      errors.push(
        `${where}: source('${call.source}', '${call.table}') is not declared in models/${SOURCES_FILE}; ` +
          `declared: ${sourceNames.join(', ') || 'none'}`,
      );
    }
  };
  for (const model of project.models) {
    for (const call of templateCalls(model.template)) check(call, `${model.sqlFile} line ${call.line}`);
    const expressions: { sql: string; where: string }[] = model.tests
      .filter((t) => t.kind === 'expression')
      .map((t) => ({ sql: t.sql, where: `${model.ymlFile}: tests` }));
    for (const column of model.columns) {
      for (const test of column.tests) {
        const where = `${model.ymlFile}: column ${column.name}`;
        if (test.kind === 'expression') expressions.push({ sql: test.sql, where });
        if (test.kind !== 'relationships') continue;
        const target = parseRelationshipTarget(test.to);
        if (typeof target === 'string') {
          errors.push(`${where}: relationships.to: ${target}`);
          continue;
        }
        check(target, `${where}: relationships.to`);
        const ref = target.fn === 'ref' ? resolveRef(project, target.name) : undefined;
        if (ref?.kind === 'model' && !ref.model.columns.some((c) => c.name === test.field)) {
          errors.push(
            `${where}: relationships.field "${test.field}" is not a column of ${ref.model.name}; ` +
              `declared: ${ref.model.columns.map((c) => c.name).join(', ')}`,
          );
        }
      }
    }
    for (const { sql, where } of expressions) {
      const parsed = parseTemplate(sql, where);
      errors.push(...parsed.errors);
      for (const call of templateCalls(parsed.value)) check(call, where);
    }
  }
  return errors;
}

/** Sorts `project.models` into build order, or reports the cycles. */
function orderModels(project: Project): string[] {
  const { order, cycles } = topologicalOrder(project.models);
  if (cycles.length > 0) {
    return cycles.map(
      (c) =>
        `models depend on each other in a cycle: ${formatCycle(c)} (${c
          .slice(0, -1)
          .map((n) => fileOf(project, n))
          .join(', ')})`,
    );
  }
  const rank = new Map(order.map((name, i) => [name, i]));
  project.models.sort((a, b) => (rank.get(a.name) ?? 0) - (rank.get(b.name) ?? 0));
  return [];
}

function fileOf(project: Project, name: string): string {
  return project.models.find((m) => m.name === name)?.sqlFile ?? name;
}
