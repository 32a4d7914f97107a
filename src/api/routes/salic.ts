// SALIC (Lei Rouanet) endpoints: the financial-review backlog ranked by complexity, one project with its metrics
// and their explanations, the analysts and their loads, the segments and the distribution of each metric within
// one, and the metric definitions. Everything is read from the tables `hardin detect salic` precomputes, so a cold server answers
// a project at once (the prior art needed minutes to start). Before that command has run, the data endpoints
// answer 503 naming it; a malformed PRONAC or filter is a 400 naming the parameter; an unknown PRONAC a 404.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../core/index.js';
import { sendProblem } from '../problem.js';
import type { WarehouseReader } from '../warehouse-reader.js';
import {
  SALIC_PROJECT_SORTS,
  SALIC_SCORE_METHOD_PT,
  SALIC_TABLES,
  parseJsonColumn,
  salicLinks,
  salicProjectColumns,
  salicProjectWhere,
} from './salic-queries.js';
import {
  findSegment,
  listAnalysts,
  listSegments,
  loadOptionalColumns,
  projectMetrics,
  segmentMetrics,
  shapeContributions,
} from './salic-read.js';
import {
  SalicAnalystListSchema,
  SalicAnalystsQuery,
  SalicDefinitionsSchema,
  SalicModeQuery,
  SalicPronacParams,
  SalicProjectDetailSchema,
  SalicProjectListSchema,
  SalicProjectsQuery,
  SalicSegmentDetailSchema,
  SalicSegmentParams,
  SalicSegmentSchema,
  type SalicProjectSchema,
} from './salic-schemas.js';
import { ProblemSchema } from './schemas.js';

type Project = z.infer<typeof SalicProjectSchema>;
const BAND_COUNTS = `count(*) FILTER (WHERE p.band = 'normal')::BIGINT AS "normal",
  count(*) FILTER (WHERE p.band = 'complexo')::BIGINT AS "complexo",
  count(*) FILTER (WHERE p.band = 'muito_complexo')::BIGINT AS "muitoComplexo"`;

const errors = { 400: ProblemSchema, 404: ProblemSchema, 503: ProblemSchema };

export function salicRoutes(reader: WarehouseReader): FastifyPluginAsyncZod {
  return async (app) => {
    // Read once: the warehouse is opened read-only at start and never changes under a running server.
    const optional = await loadOptionalColumns(reader);
    const columns = salicProjectColumns(optional);

    /** Answers 503 (and returns false) while the SALIC metrics have not been computed. */
    function ready(reply: FastifyReply): boolean {
      if (reader.available && reader.has(SALIC_TABLES.projects) && reader.has(SALIC_TABLES.metrics))
        return true;
      void sendProblem(reply, {
        title: 'SALIC metrics not computed',
        status: 503,
        detail: reader.available
          ? `the warehouse under ${reader.home} has no ${SALIC_TABLES.projects}: run "hardin ingest salic", "hardin build" and "hardin detect salic" first`
          : `no warehouse under ${reader.home}: run "hardin demo" or "hardin ingest salic" + "hardin build" + "hardin detect salic" first`,
      });
      return false;
    }

    app.get(
      '/projects',
      {
        schema: {
          summary:
            'Financial-review backlog: SALIC projects ranked by complexity (0–10), filtered and paginated',
          tags: ['salic'],
          querystring: SalicProjectsQuery,
          response: { 200: SalicProjectListSchema, ...errors },
        },
      },
      async (request, reply) => {
        if (!ready(reply)) return reply;
        const { page, pageSize, sort, ...filters } = request.query;
        const where = salicProjectWhere(filters, optional);
        const from = `FROM ${SALIC_TABLES.projects} p ${where.sql}`;
        const counts = await reader.one<{
          total: number;
          normal: number;
          complexo: number;
          muitoComplexo: number;
        }>(`SELECT count(*)::BIGINT AS total, ${BAND_COUNTS} ${from}`, where.params);
        const items = await reader.all<Project>(
          `SELECT ${columns} ${from}
           ORDER BY ${SALIC_PROJECT_SORTS[sort]} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
          where.params,
        );
        return {
          items,
          page,
          pageSize,
          total: counts?.total ?? 0,
          bands: {
            normal: counts?.normal ?? 0,
            complexo: counts?.complexo ?? 0,
            muitoComplexo: counts?.muitoComplexo ?? 0,
          },
        };
      },
    );

    app.get(
      '/projects/:pronac',
      {
        schema: {
          summary:
            'One SALIC project: complexity, rank, every metric with its expected range, explanation, deviating ' +
            'items/receipts/providers and segment statistics, and links to the project on SALIC',
          tags: ['salic'],
          params: SalicPronacParams,
          querystring: SalicModeQuery,
          response: { 200: SalicProjectDetailSchema, ...errors },
        },
      },
      async (request, reply) => {
        if (!ready(reply)) return reply;
        const { pronac } = request.params;
        const { mode } = request.query;
        // The parity score's points per metric exist only when the detector wrote them.
        const stored =
          mode === 'robust'
            ? 'p.contributions'
            : optional.contributionsParity
              ? 'p.contributions_parity'
              : 'NULL';
        const head = await reader.one<Project & { contributions: string | null; rankOf: number }>(
          `SELECT ${columns}, CAST(${stored} AS VARCHAR) AS "contributions",
                  (SELECT count(*) FROM ${SALIC_TABLES.projects})::BIGINT AS "rankOf"
           FROM ${SALIC_TABLES.projects} p WHERE p.pronac = $pronac`,
          { pronac },
        );
        if (!head) {
          throw new NotFoundError(
            `SALIC project with PRONAC "${pronac}" does not exist in the backlog (PRONAC is compared as a string: leading zeros count)`,
          );
        }
        const contributions =
          stored === 'NULL' ? null : shapeContributions(parseJsonColumn(head.contributions));
        const metrics = await projectMetrics(reader, head, mode, contributions, optional);
        return {
          ...head,
          mode,
          scoreMethod: SALIC_SCORE_METHOD_PT,
          totalWeight: metrics.filter((m) => m.inScore).reduce((sum, m) => sum + m.weight, 0),
          contributions: contributions ?? [],
          metrics,
          links: salicLinks(pronac),
        };
      },
    );

    app.get(
      '/analysts',
      {
        schema: {
          summary:
            'SALIC analysts with the number and mean complexity of the projects they review, and the unassigned projects',
          tags: ['salic'],
          querystring: SalicAnalystsQuery,
          response: { 200: SalicAnalystListSchema, 400: ProblemSchema, 503: ProblemSchema },
        },
      },
      async (request, reply) => {
        if (!ready(reply)) return reply;
        return listAnalysts(reader, request.query.backlog, optional);
      },
    );

    app.get(
      '/segments',
      {
        schema: {
          summary: 'SALIC segments with their number of projects and complexity bands',
          tags: ['salic'],
          response: { 200: z.object({ items: z.array(SalicSegmentSchema) }), 503: ProblemSchema },
        },
      },
      async (_request, reply) => {
        if (!ready(reply)) return reply;
        return { items: await listSegments(reader) };
      },
    );

    app.get(
      '/segments/:segment',
      {
        schema: {
          summary:
            'One SALIC segment: for each metric its statistics, expected range, fallback group and histogram',
          tags: ['salic'],
          params: SalicSegmentParams,
          querystring: SalicModeQuery,
          response: { 200: SalicSegmentDetailSchema, ...errors },
        },
      },
      async (request, reply) => {
        if (!ready(reply)) return reply;
        const { segment } = request.params;
        const { mode } = request.query;
        const found = await findSegment(reader, segment);
        if (!found) {
          throw new NotFoundError(
            `SALIC segment "${segment}" has no project in the backlog (expected a segment code such as "11" or a segment name)`,
          );
        }
        return { ...found, mode, metrics: await segmentMetrics(reader, found, mode, optional) };
      },
    );

    app.get(
      '/metrics',
      {
        schema: {
          summary:
            'The SALIC metrics: title, description and method in pt-BR, weight in the complexity score',
          tags: ['salic'],
          response: { 200: SalicDefinitionsSchema, 503: ProblemSchema },
        },
      },
      async (_request, reply) => {
        if (!ready(reply)) return reply;
        const items = reader.has(SALIC_TABLES.definitions)
          ? await reader.all<z.infer<typeof SalicDefinitionsSchema>['items'][number]>(
              `SELECT metric, coalesce(title_pt, metric) AS title, description_pt AS description, method_pt AS method,
                      coalesce(weight, 0)::DOUBLE AS weight, coalesce(in_score, false) AS "inScore"
               FROM ${SALIC_TABLES.definitions} ORDER BY in_score DESC, weight DESC, metric`,
            )
          : [];
        return { items, scoreMethod: SALIC_SCORE_METHOD_PT };
      },
    );
  };
}
