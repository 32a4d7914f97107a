// Models: registry versions with their metrics and curves, the CRISP-DM report, promotion (bearer token) and
// batch prediction with the champion. Rows to predict are validated against the served model's features and
// every problem is named (`rows[3].log_value: expected a number or null, got "12"`).
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../core/index.js';
import type { FeatureColumns, TabularModel } from '../../ml/index.js';
import type { BillOutcomeModel, BillSnapshot } from '../../pipelines/index.js';
import type { ModelVersion } from '../../registry/index.js';
import { parseBillRows } from '../bill-rows.js';
import type { ModelService, ServedModel } from '../model-service.js';
import { sendProblem } from '../problem.js';
import { ProblemSchema } from './schemas.js';

const MAX_ROWS = 1000;
const NAME = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a model name such as "glosa"');
const VERSION = z.coerce.number().int().min(1).describe('version number');

export interface ModelRoutesOptions {
  models: ModelService;
  /** Bearer tokens allowed to call write endpoints; empty ⇒ writes disabled. */
  apiTokens: readonly string[];
  now?: () => Date;
  /**
   * Today's snapshots of the given bills (events up to the warehouse's observation date), for predictions by
   * bill id; undefined when the warehouse has no bills.
   */
  billsAt?: (ids: readonly number[]) => Promise<BillSnapshot[] | undefined>;
}

export function modelRoutes(options: ModelRoutesOptions): FastifyPluginAsyncZod {
  const { models } = options;
  const registry = models.registry;
  const now = options.now ?? (() => new Date());
  const reportCache = new Map<string, unknown>();

  async function reportJson(meta: ModelVersion): Promise<unknown> {
    const key = `${meta.name}/${meta.version}`;
    if (!reportCache.has(key)) {
      const files = await registry.readReport(meta.name, meta.version).catch(() => undefined);
      reportCache.set(key, files?.json?.content ?? null);
    }
    return reportCache.get(key);
  }

  async function summary(
    meta: ModelVersion,
    aliases: { champion: number | null; challenger: number | null },
  ) {
    return {
      version: meta.version,
      algorithm: meta.algorithm,
      createdAt: meta.createdAt,
      dataKind: (meta.metrics as { dataKind?: string }).dataKind ?? null,
      aliases: (['champion', 'challenger'] as const).filter((a) => aliases[a] === meta.version),
      metrics: meta.metrics,
    };
  }

  async function requireModel(name: string) {
    const names = (await registry.listModels()).map((m) => m.name);
    if (!names.includes(name)) {
      throw new NotFoundError(
        `model ${name} is not registered; models: ${names.join(', ') || 'none (run hardin train glosa)'}`,
      );
    }
  }

  return async (app) => {
    app.get(
      '/',
      {
        schema: {
          summary: 'Registered models, their champion and challenger, and what the server serves',
          tags: ['models'],
          response: { 200: z.object({ items: z.array(z.record(z.string(), z.unknown())) }) },
        },
      },
      async () => {
        const items = [];
        for (const m of await registry.listModels()) {
          items.push({
            name: m.name,
            versions: m.versions,
            latest: m.latest,
            champion: m.champion,
            challenger: m.challenger,
            serving: models.status(m.name),
            problems: m.problems,
          });
        }
        return { items };
      },
    );

    app.get(
      '/:name',
      {
        schema: {
          summary:
            'One model: versions with metrics, aliases and their history, comparison, features, serving',
          tags: ['models'],
          params: z.object({ name: NAME }),
          response: { 200: z.record(z.string(), z.unknown()), 400: ProblemSchema, 404: ProblemSchema },
        },
      },
      async (request) => {
        const { name } = request.params;
        await requireModel(name);
        const aliases = await registry.getAliases(name);
        const versions = await registry.listVersions(name);
        const comparison = await registry.compareVersions(name);
        const champion =
          versions.find((v) => v.version === aliases.champion) ?? versions[versions.length - 1];
        return {
          name,
          aliases: { champion: aliases.champion, challenger: aliases.challenger },
          aliasHistory: aliases.history,
          versions: await Promise.all([...versions].reverse().map((v) => summary(v, aliases))),
          comparison,
          features: champion?.featureSchema ?? [],
          serving: models.status(name),
        };
      },
    );

    app.get(
      '/:name/versions/:version',
      {
        schema: {
          summary:
            'One version: params, data snapshot, checksum, and its evaluation (ROC, PR, confusion, calibration)',
          tags: ['models'],
          params: z.object({ name: NAME, version: VERSION }),
          response: { 200: z.record(z.string(), z.unknown()), 400: ProblemSchema, 404: ProblemSchema },
        },
      },
      async (request) => {
        const { name, version } = request.params;
        await requireModel(name);
        const meta = await registry.getVersion(name, version);
        const aliases = await registry.getAliases(name);
        const report = (await reportJson(meta)) as {
          evaluation?: {
            models?: { algorithm: string; valid: unknown; test: unknown; featureImportance: unknown }[];
          };
        } | null;
        const evaluation = report?.evaluation?.models?.find((m) => m.algorithm === meta.algorithm) ?? null;
        const check = await registry.verifyArtifact(name, version);
        return {
          ...(await summary(meta, aliases)),
          params: meta.params,
          seed: meta.seed,
          codeVersion: meta.codeVersion,
          trainRunId: meta.trainRunId ?? null,
          dataSnapshot: meta.dataSnapshot,
          artifact: { ...meta.artifact, status: check.status },
          features: meta.featureSchema,
          evaluation: evaluation ? { valid: evaluation.valid, test: evaluation.test } : null,
          featureImportance: evaluation?.featureImportance ?? [],
          reportUrl: `/api/v1/models/${name}/versions/${version}/report`,
        };
      },
    );

    app.get(
      '/:name/versions/:version/report',
      {
        schema: {
          summary: 'The CRISP-DM report of the training run that produced this version (HTML)',
          tags: ['models'],
          params: z.object({ name: NAME, version: VERSION }),
        },
      },
      async (request, reply) => {
        const { name, version } = request.params;
        await requireModel(name);
        const files = await registry.readReport(name, version);
        if (!files.html) throw new NotFoundError(`model ${name} v${version} has no report`);
        return reply.type('text/html; charset=utf-8').send(files.html.content);
      },
    );

    app.post(
      '/:name/promote',
      {
        schema: {
          summary: 'Make a version the champion (requires Authorization: Bearer <token>)',
          tags: ['models'],
          params: z.object({ name: NAME }),
          body: z.object({ version: z.number().int().min(1), reason: z.string().min(3).max(500) }),
          response: {
            200: z.record(z.string(), z.unknown()),
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            404: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        if (options.apiTokens.length === 0) {
          return sendProblem(reply, {
            title: 'Writes disabled',
            status: 403,
            detail: 'no API token is configured (HARDIN_API_TOKENS): write endpoints are disabled',
          });
        }
        const auth = request.headers.authorization ?? '';
        const token = /^Bearer (.+)$/.exec(auth)?.[1];
        if (!token || !options.apiTokens.includes(token)) {
          return sendProblem(reply, {
            title: 'Unauthorized',
            status: 401,
            detail: token ? 'the bearer token is not valid' : 'missing Authorization: Bearer <token> header',
          });
        }
        const { name } = request.params;
        await requireModel(name);
        await registry.promote(name, request.body.version, {
          reason: request.body.reason,
          at: now().toISOString(),
        });
        const serving = await models.reload(name);
        return { name, aliases: await registry.getAliases(name), serving };
      },
    );

    app.post(
      '/:name/predict',
      {
        schema: {
          summary: `Probabilities for up to ${MAX_ROWS} rows of features, with the served champion`,
          tags: ['models'],
          params: z.object({ name: NAME }),
          description:
            'Tabular models (glosa) take `rows` of features. The bill-outcome model takes `rows` of bills with ' +
            'their tramitação events (type_code, presented_at, events[{occurred_at, organ, organ_kind, ' +
            'situation_code, …}], optional as_of), or `bill_ids` of bills in the warehouse, scored at the ' +
            "data's observation date.",
          body: z
            .object({
              rows: z
                .array(z.record(z.string(), z.unknown()))
                .min(1, 'send at least one row')
                .max(MAX_ROWS, `at most ${MAX_ROWS} rows per call`)
                .optional(),
              bill_ids: z
                .array(z.number().int().positive())
                .min(1, 'send at least one bill id')
                .max(MAX_ROWS, `at most ${MAX_ROWS} bill ids per call`)
                .optional(),
            })
            .refine((b) => (b.rows === undefined) !== (b.bill_ids === undefined), {
              message: 'send either rows or bill_ids (exactly one of them)',
            }),
          response: {
            200: z.record(z.string(), z.unknown()),
            400: ProblemSchema,
            404: ProblemSchema,
            503: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const { name } = request.params;
        const served = models.get(name);
        if (!served) {
          await requireModel(name);
          const status = models.status(name);
          return sendProblem(reply, {
            title: 'Model unavailable',
            status: 503,
            detail: status.message ?? `model ${name} has no loadable champion`,
          });
        }
        const model = { name, version: served.version, algorithm: served.algorithm };
        if (served.model.kind === 'bill_outcome') {
          return predictBills(served, served.model, request.body, reply);
        }
        if (!request.body.rows) {
          return sendProblem(reply, {
            title: 'Invalid body',
            status: 400,
            detail: `bill_ids: model ${name} takes rows of features, not bill ids`,
            errors: [{ parameter: 'bill_ids', message: `model ${name} takes rows of features` }],
          });
        }
        const { columns, errors } = validateRows(served.model, request.body.rows);
        if (errors.length > 0) {
          return sendProblem(reply, {
            title: 'Invalid rows',
            status: 400,
            detail: errors
              .slice(0, 10)
              .map((e) => `${e.parameter}: ${e.message}`)
              .join('; '),
            errors,
          });
        }
        const predictions = models.predict(served, columns, request.body.rows.length);
        return { model, threshold: served.model.threshold, predictions };
      },
    );

    /** Bills sent with their events, or bill ids looked up in the warehouse at its observation date. */
    async function predictBills(
      served: ServedModel,
      bill: BillOutcomeModel,
      body: { rows?: Record<string, unknown>[]; bill_ids?: number[] },
      reply: FastifyReply,
    ) {
      let snapshots: BillSnapshot[];
      let ids: (number | null)[];
      if (body.rows) {
        const parsed = parseBillRows(body.rows);
        if (parsed.errors.length > 0) {
          return sendProblem(reply, {
            title: 'Invalid rows',
            status: 400,
            detail: parsed.errors
              .slice(0, 10)
              .map((e) => `${e.parameter}: ${e.message}`)
              .join('; '),
            errors: parsed.errors,
          });
        }
        snapshots = parsed.snapshots;
        ids = body.rows.map((r) => (typeof r.bill_id === 'number' ? r.bill_id : null));
      } else {
        const requested = body.bill_ids ?? [];
        const found = await options.billsAt?.(requested);
        if (!found) {
          return sendProblem(reply, {
            title: 'Warehouse unavailable',
            status: 503,
            detail: 'bill_ids need the warehouse marts bills and tramitacao_events: run `hardin build` first',
          });
        }
        const missing = requested.filter((id) => !found.some((s) => s.history.billId === id));
        if (missing.length > 0) {
          return sendProblem(reply, {
            title: 'Unknown bills',
            status: 404,
            detail: `no bill with tramitação events has id ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`,
            errors: missing
              .slice(0, 10)
              .map((id) => ({ parameter: 'bill_ids', message: `unknown bill ${id}` })),
          });
        }
        const byId = new Map(found.map((s) => [s.history.billId, s]));
        snapshots = requested.map((id) => byId.get(id) as BillSnapshot);
        ids = requested;
      }
      const predictions = models.predictBills(served, snapshots).map((p, k) => ({
        billId: ids[k] ?? null,
        asOf: new Date((snapshots[k] as BillSnapshot).cutoff).toISOString(),
        eventsUsed: (snapshots[k] as BillSnapshot).events.length,
        ...p,
      }));
      return {
        model: { name: served.name, version: served.version, algorithm: served.algorithm },
        threshold: bill.threshold,
        horizonDays: bill.horizonDays,
        predictions,
      };
    }
  };
}

/** Checks every row against the model's features; builds the columns when all are valid. */
export function validateRows(
  model: TabularModel,
  rows: Record<string, unknown>[],
): { columns: FeatureColumns; errors: { parameter: string; message: string }[] } {
  const features = model.encoding.features;
  const known = new Set(features.map((f) => f.name));
  const columns: FeatureColumns = {};
  for (const f of features) columns[f.name] = new Float64Array(rows.length);
  const errors: { parameter: string; message: string }[] = [];
  rows.forEach((row, i) => {
    for (const key of Object.keys(row)) {
      if (!known.has(key))
        errors.push({ parameter: `rows[${i}].${key}`, message: 'is not a feature of this model' });
    }
    for (const f of features) {
      const where = `rows[${i}].${f.name}`;
      if (!(f.name in row)) {
        errors.push({ parameter: where, message: `missing (${f.description}); send null when unknown` });
        continue;
      }
      const v = row[f.name];
      if (v === null) {
        (columns[f.name] as Float64Array)[i] = NaN;
      } else if (typeof v !== 'number' || !Number.isFinite(v)) {
        errors.push({ parameter: where, message: `expected a number or null, got ${JSON.stringify(v)}` });
      } else if (f.kind === 'category' && !Number.isInteger(v)) {
        errors.push({ parameter: where, message: `expected an integer category code, got ${v}` });
      } else {
        (columns[f.name] as Float64Array)[i] = v;
      }
    }
  });
  return { columns, errors };
}
