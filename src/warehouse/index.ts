// The warehouse stage: a small dbt-like runner over DuckDB. SQL models in `models/<schema>/<name>.sql` with a
// sibling `.yml` (grain, columns, tests), sources read in place from the lake's Parquet, seeds from `seeds/*.csv`,
// built in DAG order inside one transaction with data tests after each model. Other stages import only this file.
export { buildWarehouse, renderContext, renderModelSql } from './build.js';
export type { BuildOptions, BuildResult, ModelBuildResult, TestResult } from './build.js';
export { formatCycle, selectNodes, topologicalOrder } from './dag.js';
export type { DagNode, DagOrder } from './dag.js';
export type { ModelMeta, SeedMeta, SourceMeta } from './meta.js';
export { findSource, loadProject, META_SCHEMA, resolveRef, SEEDS_SCHEMA } from './project.js';
export type { ModelSpec, Project, RefTarget, SeedSpec } from './project.js';
export { parseTemplate, relationSql, sourceGlob, sourceSql } from './render.js';
export type { RenderContext, Template, TemplateCall } from './render.js';
export { loadSeed } from './seeds.js';
export { inspectSources } from './sources.js';
export type { SourceStats } from './sources.js';
export { parseModelYaml } from './parse-model.js';
export { parseSeedYaml, parseSourcesYaml } from './parse-sources.js';
export type {
  ColumnSpec,
  ColumnTest,
  Materialized,
  ModelTest,
  ModelYaml,
  Parsed,
  Severity,
  SourceTableSpec,
} from './spec.js';
export { compileModelTests, formatTestFailure, runTest } from './tests.js';
export type { CompiledTest, TestOutcome } from './tests.js';
