// CEAP endpoints: reimbursements (list, detail with flags and explanations), deputies, subquotas.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError, quoteIdent } from '../../core/index.js';
import type { ModelService } from '../model-service.js';
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
  methodPt: z.string().nullable(),
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
  glosaPrediction: z
    .object({
      probability: z.number(),
      predicted: z.boolean(),
      threshold: z.number(),
      model: z.object({ name: z.string(), version: z.number(), algorithm: z.string() }),
    })
    .nullable()
    .describe(
      "the served glosa champion's probability for this line; null when no model serves or no features",
    ),
});

const DeputySchema = z.object({
  id: z.number(),
  name: z.string(),
  party: z.string().nullable(),
  uf: z.string().nullable(),
  isLeadership: z.boolean(),
  reimbursements: z.number(),
  netCents: z.number(),
  /** Flagged reimbursements (a receipt flagged by two detectors counts once). */
  flagCount: z.number(),
  flaggedNetCents: z.number(),
  riskScore: z.number(),
  rank: z.number().nullable(),
});

const DeputyDetailSchema = DeputySchema.extend({
  glosaCents: z.number(),
  flaggedShare: z.number().nullable(),
  byDetector: z.array(
    z.object({
      detector: z.string(),
      title: z.string(),
      flags: z.number(),
      netCents: z.number(),
      maxSeverity: z.number(),
    }),
  ),
  monthly: z.array(
    z.object({
      year: z.number(),
      month: z.number(),
      subquota: z.number(),
      subquotaDescription: z.string().nullable(),
      netCents: z.number(),
      limitCents: z.number().nullable(),
      reimbursements: z.number(),
    }),
  ),
  flags: z.array(
    z.object({
      reimbursementId: z.string(),
      detector: z.string(),
      title: z.string(),
      severity: z.number(),
      netCents: z.number(),
      issueDate: z.string().nullable(),
      text: z.string().nullable(),
    }),
  ),
});

const FlagListItemSchema = z.object({
  reimbursementId: z.string(),
  detector: z.string(),
  title: z.string(),
  severity: z.number(),
  deputyId: z.number(),
  deputyName: z.string(),
  year: z.number(),
  month: z.number(),
  subquota: z.number(),
  issueDate: z.string().nullable(),
  netCents: z.number(),
  explanation: z.record(z.string(), z.unknown()),
});

const listOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), page: z.number(), pageSize: z.number(), total: z.number() });

export function ceapRoutes(reader: WarehouseReader, models?: ModelService): FastifyPluginAsyncZod {
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
          ? await reader.all<{
              detector: string;
              title: string;
              severity: number;
              methodPt: string | null;
              explanation: string;
            }>(
              `SELECT f.detector, coalesce(d.title_pt, f.detector) AS title, f.severity, d.method_pt AS "methodPt",
                      CAST(f.explanation AS VARCHAR) AS explanation
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
          glosaPrediction: await glosaPrediction(reader, models, id),
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
            sort: z.enum(Object.keys(DEPUTY_SORTS) as [keyof typeof DEPUTY_SORTS]).default('-riskScore'),
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
        const ranking = reader.has('detect.ceap_deputy_ranking')
          ? 'detect.ceap_deputy_ranking'
          : `(SELECT NULL::BIGINT AS deputy_id, 0 AS risk_score, NULL::BIGINT AS rank, 0 AS flagged_reimbursements,
                     0 AS flagged_net_cents WHERE false)`;
        const from = `FROM marts.deputies d LEFT JOIN ${ranking} k USING (deputy_id)
          ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}`;
        const total =
          (await reader.one<{ n: number }>(`SELECT count(*)::BIGINT AS n ${from}`, params))?.n ?? 0;
        const items = await reader.all<z.infer<typeof DeputySchema>>(
          `SELECT d.deputy_id AS "id", d.name AS "name", d.party AS "party", d.uf AS "uf",
                  d.is_leadership AS "isLeadership", d.reimbursements::BIGINT AS "reimbursements",
                  d.total_net_cents::BIGINT AS "netCents",
                  coalesce(k.flagged_reimbursements, 0)::BIGINT AS "flagCount",
                  coalesce(k.flagged_net_cents, 0)::BIGINT AS "flaggedNetCents",
                  coalesce(k.risk_score, 0)::DOUBLE AS "riskScore", k.rank::BIGINT AS "rank"
           ${from} ORDER BY ${DEPUTY_SORTS[sort]} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
          params,
        );
        return { items, page, pageSize, total };
      },
    );

    app.get(
      '/deputies/:id',
      {
        schema: {
          summary:
            'One requester: totals, risk score and rank, flags by detector, monthly spend vs limits, flags',
          tags: ['ceap'],
          params: z.object({
            id: z.coerce.number().int().positive().describe('requester id (nuDeputadoId)'),
          }),
          response: { 200: DeputyDetailSchema, 400: ProblemSchema, 404: ProblemSchema, 503: ProblemSchema },
        },
      },
      async (request) => {
        const { id } = request.params;
        const hasRanking = reader.has('detect.ceap_deputy_ranking');
        const head = await reader.one<Record<string, unknown>>(
          `SELECT d.deputy_id AS "id", d.name AS "name", d.party AS "party", d.uf AS "uf",
                  d.is_leadership AS "isLeadership", d.reimbursements::BIGINT AS "reimbursements",
                  d.total_net_cents::BIGINT AS "netCents", d.total_glosa_cents::BIGINT AS "glosaCents",
                  ${hasRanking ? 'coalesce(k.flagged_reimbursements, 0)' : '0'}::BIGINT AS "flagCount",
                  ${hasRanking ? 'coalesce(k.flagged_net_cents, 0)' : '0'}::BIGINT AS "flaggedNetCents",
                  ${hasRanking ? 'coalesce(k.risk_score, 0)' : '0'}::DOUBLE AS "riskScore",
                  ${hasRanking ? 'k.rank' : 'NULL'}::BIGINT AS "rank",
                  ${hasRanking ? 'k.flagged_share' : 'NULL'}::DOUBLE AS "flaggedShare"
           FROM marts.deputies d ${hasRanking ? 'LEFT JOIN detect.ceap_deputy_ranking k USING (deputy_id)' : ''}
           WHERE d.deputy_id = $id`,
          { id },
        );
        if (!head) throw new NotFoundError(`requester (deputy or leadership) ${id} does not exist`);
        const byDetector = hasFlags()
          ? await reader.all<Record<string, unknown>>(
              `SELECT f.detector, coalesce(any_value(d.title_pt), f.detector) AS title, count(*)::BIGINT AS flags,
                      sum(r.net_cents)::BIGINT AS "netCents", max(f.severity) AS "maxSeverity"
               FROM detect.ceap_flags f JOIN marts.reimbursements r USING (reimbursement_id)
               LEFT JOIN detect.detectors d ON d.id = f.detector AND d.suite = 'ceap'
               WHERE r.deputy_id = $id GROUP BY f.detector ORDER BY flags DESC, f.detector`,
              { id },
            )
          : [];
        const monthly = await reader.all<Record<string, unknown>>(
          `SELECT year, month, subquota, subquota_description AS "subquotaDescription", net_cents::BIGINT AS "netCents",
                  limit_cents::BIGINT AS "limitCents", reimbursements::BIGINT AS reimbursements
           FROM marts.monthly_spend WHERE deputy_id = $id ORDER BY year, month, subquota`,
          { id },
        );
        const flags = hasFlags()
          ? await reader.all<Record<string, unknown>>(
              `SELECT f.reimbursement_id AS "reimbursementId", f.detector, coalesce(d.title_pt, f.detector) AS title,
                      f.severity, r.net_cents::BIGINT AS "netCents", CAST(r.issue_date AS VARCHAR) AS "issueDate",
                      CAST(f.explanation->>'text' AS VARCHAR) AS text
               FROM detect.ceap_flags f JOIN marts.reimbursements r USING (reimbursement_id)
               LEFT JOIN detect.detectors d ON d.id = f.detector AND d.suite = 'ceap'
               WHERE r.deputy_id = $id ORDER BY f.severity DESC, r.issue_date, f.reimbursement_id LIMIT 500`,
              { id },
            )
          : [];
        return { ...head, byDetector, monthly, flags } as z.infer<typeof DeputyDetailSchema>;
      },
    );

    app.get(
      '/flags',
      {
        schema: {
          summary: 'Detector flags with their explanations, filtered, with counts per detector',
          tags: ['ceap'],
          querystring: z.object({
            page,
            pageSize,
            detector: z
              .string()
              .regex(/^[a-z_]+$/)
              .max(60)
              .optional(),
            minSeverity: z.coerce
              .number()
              .min(0)
              .max(1)
              .optional()
              .describe('only flags at or above this severity'),
            deputy: z.coerce.number().int().positive().optional(),
            year: z.coerce.number().int().min(2008).max(2100).optional(),
            month: z.coerce.number().int().min(1).max(12).optional(),
            sort: z.enum(['-severity', '-netCents', 'issueDate']).default('-severity'),
          }),
          response: {
            200: listOf(FlagListItemSchema).extend({
              summary: z.array(
                z.object({
                  detector: z.string(),
                  title: z.string(),
                  flags: z.number(),
                  netCents: z.number(),
                }),
              ),
            }),
            400: ProblemSchema,
            503: ProblemSchema,
          },
        },
      },
      async (request) => {
        const { page, pageSize, sort, detector, minSeverity, deputy, year, month } = request.query;
        if (!hasFlags()) return { items: [], page, pageSize, total: 0, summary: [] };
        const clauses: string[] = [];
        const params: Record<string, string | number> = {};
        if (detector) {
          clauses.push('f.detector = $detector');
          params.detector = detector;
        }
        if (minSeverity !== undefined) {
          clauses.push('f.severity >= $minSeverity');
          params.minSeverity = minSeverity;
        }
        if (deputy !== undefined) {
          clauses.push('r.deputy_id = $deputy');
          params.deputy = deputy;
        }
        if (year !== undefined) {
          clauses.push('r.year = $year');
          params.year = year;
        }
        if (month !== undefined) {
          clauses.push('r.month = $month');
          params.month = month;
        }
        const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
        const from = `FROM detect.ceap_flags f JOIN marts.reimbursements r USING (reimbursement_id)
          LEFT JOIN detect.detectors d ON d.id = f.detector AND d.suite = 'ceap' ${where}`;
        const order = {
          '-severity': 'f.severity DESC, r.net_cents DESC, f.reimbursement_id, f.detector',
          '-netCents': 'r.net_cents DESC, f.reimbursement_id, f.detector',
          issueDate: 'r.issue_date NULLS LAST, f.reimbursement_id, f.detector',
        }[sort];
        const total =
          (await reader.one<{ n: number }>(`SELECT count(*)::BIGINT AS n ${from}`, params))?.n ?? 0;
        const summary = await reader.all<{
          detector: string;
          title: string;
          flags: number;
          netCents: number;
        }>(
          `SELECT f.detector, coalesce(any_value(d.title_pt), f.detector) AS title, count(*)::BIGINT AS flags,
                  coalesce(sum(r.net_cents), 0)::BIGINT AS "netCents" ${from} GROUP BY f.detector ORDER BY f.detector`,
          params,
        );
        const rows = await reader.all<Record<string, unknown> & { explanation: string }>(
          `SELECT f.reimbursement_id AS "reimbursementId", f.detector, coalesce(d.title_pt, f.detector) AS title,
                  f.severity, r.deputy_id AS "deputyId", r.deputy_name AS "deputyName", r.year, r.month,
                  r.subquota, CAST(r.issue_date AS VARCHAR) AS "issueDate", r.net_cents::BIGINT AS "netCents",
                  CAST(f.explanation AS VARCHAR) AS explanation
           ${from} ORDER BY ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
          params,
        );
        const items = rows.map((r) => ({
          ...r,
          explanation: JSON.parse(r.explanation) as Record<string, unknown>,
        }));
        return { items: items as z.infer<typeof FlagListItemSchema>[], page, pageSize, total, summary };
      },
    );

    app.get(
      '/ranking-method',
      {
        schema: {
          summary: 'How the deputy ranking is ordered, in pt-BR',
          tags: ['ceap'],
          response: { 200: z.object({ text: z.string() }) },
        },
      },
      // src/detect is imported on demand: the server's cold start does not load it (issue #4).
      async () => ({ text: (await import('../../detect/index.js')).RANKING_METHOD_PT }),
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
                `SELECT id, title, title_pt AS "titlePt", description, method, description_pt AS "descriptionPt",
                        method_pt AS "methodPt",
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

/** The glosa champion's probability for one line, from its row of features.glosa_features. */
async function glosaPrediction(reader: WarehouseReader, models: ModelService | undefined, id: string) {
  const served = models?.get('glosa');
  if (!served || served.model.kind !== 'tabular_binary' || !reader.has('features.glosa_features'))
    return null;
  const features = served.model.encoding.features;
  const row = await reader.one<Record<string, number | null>>(
    `SELECT ${features.map((f) => `CAST(${quoteIdent(f.name)} AS DOUBLE) AS ${quoteIdent(f.name)}`).join(', ')}
     FROM features.glosa_features WHERE reimbursement_id = $id`,
    { id },
  );
  if (!row) return null;
  const columns: Record<string, Float64Array> = {};
  for (const f of features) columns[f.name] = Float64Array.of(row[f.name] ?? NaN);
  const [p] = models?.predict(served, columns, 1) ?? [];
  if (!p) return null;
  return {
    probability: p.probability,
    predicted: p.predicted,
    threshold: served.model.threshold,
    model: { name: served.name, version: served.version, algorithm: served.algorithm },
  };
}
