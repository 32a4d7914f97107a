// Overview, catalog and health: what the dashboard's first page and the catalog page show.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { packageVersion } from '../../core/index.js';
import { listLakeDatasets } from '../../lake/index.js';
import type { WarehouseReader } from '../warehouse-reader.js';
import { ProblemSchema } from './schemas.js';

// src/pipelines' index loads every stage (≈ 250 modules): imported on the first request that needs it, so a
// cold server answers its first request without it (issue #4; `hardin serve` warms it up after listening).
const pipelines = () => import('../../pipelines/index.js');

export function overviewRoutes(reader: WarehouseReader): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/overview',
      {
        schema: {
          summary:
            'Headline figures: datasets, rows, last run, reimbursements, flags, most flagged requesters',
          tags: ['overview'],
          response: { 200: z.record(z.string(), z.unknown()), 503: ProblemSchema },
        },
      },
      async () => {
        const datasets = await listLakeDatasets(reader.home);
        const { loadLastRun } = await pipelines();
        const lastRun = await loadLastRun(reader.home);
        const totals = await reader.one<{
          count: number;
          netCents: number;
          glosaCents: number;
          years: number[];
        }>(
          `SELECT count(*)::BIGINT AS count, coalesce(sum(net_cents), 0)::BIGINT AS "netCents",
                  coalesce(sum(glosa_cents), 0)::BIGINT AS "glosaCents", list(DISTINCT year ORDER BY year) AS years
           FROM marts.reimbursements`,
        );
        const deputies =
          (await reader.one<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM marts.deputies`))?.n ?? 0;
        const hasFlags = reader.has('detect.ceap_flags');
        const flags = hasFlags
          ? await reader.one<{ total: number; flaggedReimbursements: number; flaggedNetCents: number }>(
              `SELECT (SELECT count(*) FROM detect.ceap_flags)::BIGINT AS total,
                      count(*)::BIGINT AS "flaggedReimbursements", coalesce(sum(r.net_cents), 0)::BIGINT AS "flaggedNetCents"
               FROM (SELECT DISTINCT reimbursement_id FROM detect.ceap_flags) f JOIN marts.reimbursements r USING (reimbursement_id)`,
            )
          : { total: 0, flaggedReimbursements: 0, flaggedNetCents: 0 };
        const byDetector = reader.has('detect.detectors')
          ? await reader.all<{ detector: string; title: string; count: number }>(
              `SELECT id AS detector, title_pt AS title, flags::BIGINT AS count FROM detect.detectors WHERE suite = 'ceap' ORDER BY id`,
            )
          : [];
        const topFlaggedDeputies = hasFlags
          ? await reader.all(
              `SELECT r.deputy_id AS id, any_value(r.deputy_name) AS name, any_value(r.party) AS party, any_value(r.uf) AS uf,
                      count(*)::BIGINT AS "flagCount", sum(r.net_cents)::BIGINT AS "flaggedNetCents"
               FROM (SELECT DISTINCT reimbursement_id FROM detect.ceap_flags) f JOIN marts.reimbursements r USING (reimbursement_id)
               GROUP BY r.deputy_id ORDER BY "flagCount" DESC, "flaggedNetCents" DESC, id LIMIT 10`,
            )
          : [];
        return {
          datasets: datasets.filter((d) => d.zone === 'raw').length,
          rowsIngested: datasets.filter((d) => d.zone === 'raw').reduce((s, d) => s + d.rows, 0),
          rowsQuarantined: datasets.filter((d) => d.zone === 'quarantine').reduce((s, d) => s + d.rows, 0),
          lastRun: lastRun
            ? {
                runId: lastRun.runId,
                command: lastRun.command,
                finishedAt: lastRun.finishedAt,
                durationMs: lastRun.durationMs,
              }
            : null,
          reimbursements: totals ?? { count: 0, netCents: 0, glosaCents: 0, years: [] },
          deputies,
          flags: { ...flags, byDetector },
          topFlaggedDeputies,
        };
      },
    );

    app.get(
      '/catalog',
      {
        schema: {
          summary:
            'Every lake dataset and warehouse table: schema, rows, partitions and versions, lineage, freshness',
          tags: ['catalog'],
          response: { 200: z.record(z.string(), z.unknown()) },
        },
      },
      async () => {
        const { loadCatalog } = await pipelines();
        return (await loadCatalog(reader.home, reader.connection)) as unknown as Record<string, unknown>;
      },
    );
  };
}

export function healthRoute(reader: WarehouseReader, builtAt: string | null): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      {
        schema: {
          summary: 'Liveness and warehouse state',
          tags: ['health'],
          response: {
            200: z.object({
              status: z.literal('ok'),
              version: z.string(),
              warehouse: z.object({ available: z.boolean(), builtAt: z.string().nullable() }),
            }),
          },
        },
      },
      async () => ({
        status: 'ok' as const,
        version: packageVersion(),
        warehouse: { available: reader.available, builtAt },
      }),
    );
  };
}
