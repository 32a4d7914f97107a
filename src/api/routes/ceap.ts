// CEAP endpoints: reimbursements (list, detail with flags and explanations), deputies, subquotas.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../core/index.js';
import type { WarehouseReader } from '../warehouse-reader.js';
import {
  DEPUTY_SORTS,
  REIMBURSEMENT_COLUMNS,
  REIMBURSEMENT_DETAIL_COLUMNS,
  REIMBURSEMENT_SORTS,
  flagSummarySql,
  reimbursementWhere,
} from './ceap-queries.js';
import { ProblemSchema, page, pageSize } from './schemas.js';

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

const ReimbursementSchema = z.object({
  id: z.string(),
  deputyId: z.number(),
  deputyName: z.string(),
  party: z.string().nullable(),
  uf: z.string().nullable(),
  isLeadership: z.boolean(),
  year: z.number(),
  month: z.number(),
  subquota: z.number(),
  subquotaDescription: z.string().nullable(),
  supplierName: z.string().nullable(),
  supplierDocument: z.string().nullable(),
  documentNumber: z.string().nullable(),
  documentType: z.number().nullable(),
  issueDate: z.string().nullable(),
  documentCents: z.number().nullable(),
  glosaCents: z.number().nullable(),
  netCents: z.number(),
  flagCount: z.number(),
  maxSeverity: z.number().nullable(),
});

const FlagSchema = z.object({
  detector: z.string(),
  title: z.string(),
  severity: z.number(),
  explanation: z.record(z.string(), z.unknown()),
});

const ReimbursementDetailSchema = ReimbursementSchema.extend({
  installment: z.number().nullable(),
  passenger: z.string().nullable(),
  route: z.string().nullable(),
  documentId: z.number().nullable(),
  receiptUrl: z.string().nullable(),
  sourceYear: z.number(),
  sourceLine: z.number(),
  flags: z.array(FlagSchema),
});

const DeputySchema = z.object({
  id: z.number(),
  name: z.string(),
  party: z.string().nullable(),
  uf: z.string().nullable(),
  isLeadership: z.boolean(),
  reimbursements: z.number(),
  netCents: z.number(),
  flagCount: z.number(),
  flaggedNetCents: z.number(),
});

const listOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), page: z.number(), pageSize: z.number(), total: z.number() });

export function ceapRoutes(reader: WarehouseReader): FastifyPluginAsyncZod {
  return async (app) => {
    const hasFlags = () => reader.has('detect.ceap_flags');

    app.get(
      '/reimbursements',
      {
        schema: {
          summary:
            'CEAP reimbursements (one row per line of the Câmara file), filtered, sorted and paginated',
          tags: ['ceap'],
          querystring: z.object({
            page,
            pageSize,
            deputy: z.coerce.number().int().positive().optional().describe('requester id (nuDeputadoId)'),
            year: z.coerce.number().int().min(2008).max(2100).optional(),
            month: z.coerce.number().int().min(1).max(12).optional(),
            subquota: z.coerce.number().int().min(0).optional().describe('numSubCota'),
            flagged: boolParam.optional(),
            detector: z
              .string()
              .regex(/^[a-z_]+$/)
              .max(60)
              .optional(),
            q: z.string().min(1).max(100).optional().describe('supplier name or CNPJ/CPF fragment'),
            sort: z
              .enum(Object.keys(REIMBURSEMENT_SORTS) as [keyof typeof REIMBURSEMENT_SORTS])
              .default('-issueDate'),
          }),
          response: { 200: listOf(ReimbursementSchema), 400: ProblemSchema, 503: ProblemSchema },
        },
      },
      async (request) => {
        const { page, pageSize, sort, ...filters } = request.query;
        const where = reimbursementWhere(filters, hasFlags());
        const from = `FROM marts.reimbursements r LEFT JOIN ${flagSummarySql(hasFlags())} f USING (reimbursement_id) ${where.sql}`;
        const total =
          (await reader.one<{ n: number }>(`SELECT count(*)::BIGINT AS n ${from}`, where.params))?.n ?? 0;
        const items = await reader.all<z.infer<typeof ReimbursementSchema>>(
          `SELECT ${REIMBURSEMENT_COLUMNS} ${from} ORDER BY ${REIMBURSEMENT_SORTS[sort]} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
          where.params,
        );
        return { items, page, pageSize, total };
      },
    );

    app.get(
      '/reimbursements/:id',
      {
        schema: {
          summary: 'One reimbursement with its flags and their explanations',
          tags: ['ceap'],
          params: z.object({
            id: z.string().regex(/^[0-9a-f]{16}$/, 'expected a 16-character hexadecimal id'),
          }),
          response: {
            200: ReimbursementDetailSchema,
            400: ProblemSchema,
            404: ProblemSchema,
            503: ProblemSchema,
          },
        },
      },
      async (request) => {
        const { id } = request.params;
        const row = await reader.one<z.infer<typeof ReimbursementDetailSchema>>(
          `SELECT ${REIMBURSEMENT_DETAIL_COLUMNS} FROM marts.reimbursements r
           LEFT JOIN ${flagSummarySql(hasFlags())} f USING (reimbursement_id) WHERE r.reimbursement_id = $id`,
          { id },
        );
        if (!row) throw new NotFoundError(`reimbursement ${id} does not exist`);
        const flags = hasFlags()
          ? await reader.all<{ detector: string; title: string; severity: number; explanation: string }>(
              `SELECT f.detector, coalesce(d.title_pt, f.detector) AS title, f.severity, CAST(f.explanation AS VARCHAR) AS explanation
               FROM detect.ceap_flags f LEFT JOIN detect.detectors d ON d.id = f.detector AND d.suite = 'ceap'
               WHERE f.reimbursement_id = $id ORDER BY f.severity DESC, f.detector`,
              { id },
            )
          : [];
        return {
          ...row,
          flags: flags.map((f) => ({
            ...f,
            explanation: JSON.parse(f.explanation) as Record<string, unknown>,
          })),
        };
      },
    );

    app.get(
      '/deputies',
      {
        schema: {
          summary: 'Requesters (deputies and leaderships) with spending and flag totals',
          tags: ['ceap'],
          querystring: z.object({
            page,
            pageSize,
            q: z.string().min(1).max(100).optional().describe('name fragment'),
            uf: z
              .string()
              .regex(/^[A-Za-z]{2}$/, 'expected a two-letter state code')
              .optional(),
            party: z.string().min(1).max(30).optional(),
            sort: z.enum(Object.keys(DEPUTY_SORTS) as [keyof typeof DEPUTY_SORTS]).default('-flagCount'),
          }),
          response: { 200: listOf(DeputySchema), 400: ProblemSchema, 503: ProblemSchema },
        },
      },
      async (request) => {
        const { page, pageSize, sort, q, uf, party } = request.query;
        const clauses: string[] = [];
        const params: Record<string, string> = {};
        if (q) {
          clauses.push('d.name ILIKE $q');
          params.q = `%${q}%`;
        }
        if (uf) {
          clauses.push('d.uf = $uf');
          params.uf = uf.toUpperCase();
        }
        if (party) {
          clauses.push('d.party ILIKE $party');
          params.party = party;
        }
        const flagsByDeputy = hasFlags()
          ? `(SELECT r.deputy_id, count(DISTINCT f.reimbursement_id)::BIGINT AS flag_count,
                     sum(r.net_cents)::BIGINT AS flagged_net_cents
              FROM (SELECT DISTINCT reimbursement_id FROM detect.ceap_flags) f
              JOIN marts.reimbursements r USING (reimbursement_id) GROUP BY r.deputy_id)`
          : `(SELECT NULL::BIGINT AS deputy_id, 0::BIGINT AS flag_count, 0::BIGINT AS flagged_net_cents WHERE false)`;
        const from = `FROM marts.deputies d LEFT JOIN ${flagsByDeputy} fd USING (deputy_id)
          ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}`;
        const total =
          (await reader.one<{ n: number }>(`SELECT count(*)::BIGINT AS n ${from}`, params))?.n ?? 0;
        const items = await reader.all<z.infer<typeof DeputySchema>>(
          `SELECT d.deputy_id AS "id", d.name AS "name", d.party AS "party", d.uf AS "uf",
                  d.is_leadership AS "isLeadership", d.reimbursements::BIGINT AS "reimbursements",
                  d.total_net_cents::BIGINT AS "netCents", coalesce(fd.flag_count, 0)::BIGINT AS "flagCount",
                  coalesce(fd.flagged_net_cents, 0)::BIGINT AS "flaggedNetCents",
                  coalesce(fd.flag_count, 0) AS flag_count, coalesce(fd.flagged_net_cents, 0) AS flagged_net_cents
           ${from} ORDER BY ${DEPUTY_SORTS[sort]} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
          params,
        );
        return {
          items: items.map(
            ({ flag_count: _a, flagged_net_cents: _b, ...rest }: Record<string, unknown>) => rest,
          ) as z.infer<typeof DeputySchema>[],
          page,
          pageSize,
          total,
        };
      },
    );

    app.get(
      '/subquotas',
      {
        schema: {
          summary: 'Subquotas (numSubCota) present in the data, for filters',
          tags: ['ceap'],
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  subquota: z.number(),
                  description: z.string(),
                  reimbursements: z.number(),
                  netCents: z.number(),
                }),
              ),
            }),
            503: ProblemSchema,
          },
        },
      },
      async () => ({
        items: await reader.all<{
          subquota: number;
          description: string;
          reimbursements: number;
          netCents: number;
        }>(
          `SELECT subquota, coalesce(max(subquota_description), 'Subcota ' || subquota) AS description,
                  count(*)::BIGINT AS reimbursements, sum(net_cents)::BIGINT AS "netCents"
           FROM marts.reimbursements GROUP BY subquota ORDER BY reimbursements DESC`,
        ),
      }),
    );

    app.get(
      '/detectors',
      {
        schema: {
          summary:
            'The CEAP detectors: what each checks, its method, the explanation fields, and last-run flag counts',
          tags: ['ceap'],
          response: {
            200: z.object({ items: z.array(z.record(z.string(), z.unknown())) }),
            503: ProblemSchema,
          },
        },
      },
      async () => ({
        items: reader.has('detect.detectors')
          ? (
              await reader.all<Record<string, unknown>>(
                `SELECT id, title, title_pt AS "titlePt", description, method,
                        CAST(explanation_fields AS VARCHAR) AS "explanationFields", flags, run_id AS "runId",
                        CAST(ran_at AS VARCHAR) AS "ranAt"
                 FROM detect.detectors WHERE suite = 'ceap' ORDER BY id`,
              )
            ).map((d) => ({ ...d, explanationFields: JSON.parse(String(d.explanationFields)) as unknown }))
          : [],
      }),
    );
  };
}
