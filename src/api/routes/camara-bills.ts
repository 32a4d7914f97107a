// Câmara bills endpoints: the bills list (search by label or words, filters, sort, pagination), a summary for
// the page header (counts by type and status, the base rate of becoming law, what the model predicts), and one
// bill with its authors, themes, full tramitação timeline, the predicted probability of becoming law with the
// model that said so, and links to the Câmara. Everything reads the marts of `hardin build` and the table of
// `hardin train bill-outcome` (predictions.bill_outcome, see camara-bills-queries.ts); without that table, or
// for a final bill, `prediction` is null and `predictionReason` says why — never an error. Before the bills
// have been ingested and built the data endpoints answer 503 naming the commands; bad input is a 400 naming
// the parameter and the value; an unknown id a 404.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { NotFoundError } from '../../core/index.js';
import { sendProblem } from '../problem.js';
import type { WarehouseReader } from '../warehouse-reader.js';
import {
  BILL_DETAIL_COLUMNS,
  BILL_LIST_COLUMNS,
  BILL_SORTS,
  BILL_TABLES,
  BILL_TYPES,
  CREATE_SEARCH_TABLE,
  EVENT_COLUMNS,
  NO_MODEL_REASON,
  PREDICTION_COLUMNS,
  billWhere,
  camaraBillLinks,
  defaultBillSort,
  finalReason,
  isoDate,
  predictionsRelation,
  type PredictionReasonCode,
} from './camara-bills-queries.js';
import {
  BillDetailSchema,
  BillIdParams,
  BillListSchema,
  BillSummarySchema,
  BillsQuery,
  type BillEventSchema,
  type BillSchema,
} from './camara-bills-schemas.js';
import { ProblemSchema } from './schemas.js';

type Bill = z.infer<typeof BillSchema>;
type BillDetail = z.infer<typeof BillDetailSchema>;
type Summary = z.infer<typeof BillSummarySchema>;
type PredictionMeta = Summary['predictions'];

const DEFAULT_PAGE_SIZE = 25;
const errors = { 400: ProblemSchema, 404: ProblemSchema, 503: ProblemSchema };

export function camaraBillsRoutes(reader: WarehouseReader): FastifyPluginAsyncZod {
  return async (app) => {
    // Read once: the warehouse is opened read-only at start and never changes under a running server.
    const meta = await loadPredictionMeta(reader, (message) => app.log.warn(message)).catch(
      (error: unknown): PredictionMeta => {
        // A table the server cannot read (wrong column types…) must not stop the server: serve no predictions.
        const message = `${BILL_TABLES.predictions} could not be read (${error instanceof Error ? error.message : String(error)}): run "hardin train bill-outcome" again`;
        app.log.warn(`bills API: predictions not served: ${message}`);
        return { ...NO_PREDICTIONS, reason: { code: 'no-model', message } };
      },
    );
    const predictions = predictionsRelation(meta.available);
    let summary: Promise<Summary> | undefined;
    let search: Promise<unknown> | undefined;

    /** Builds the search index once, at the first word search (a failed attempt is retried next time). */
    function searchIndex(): Promise<unknown> {
      search ??= reader.all(CREATE_SEARCH_TABLE).catch((error: unknown) => {
        search = undefined;
        throw error;
      });
      return search;
    }

    /** Answers 503 (and returns false) while the bill marts have not been built. */
    function ready(reply: FastifyReply): boolean {
      if (reader.available && reader.has(BILL_TABLES.bills) && reader.has(BILL_TABLES.events)) return true;
      void sendProblem(reply, {
        title: 'Bills not built',
        status: 503,
        detail: reader.available
          ? `the warehouse under ${reader.home} has no ${BILL_TABLES.bills}: run "hardin ingest camara proposicoes" and "hardin build" first`
          : `no warehouse under ${reader.home}: run "hardin demo" or "hardin ingest camara proposicoes" + "hardin build" first`,
      });
      return false;
    }

    app.get(
      '/bills',
      {
        schema: {
          summary:
            'Câmara bills (PL, PLP, PEC, MPV, PDL, PDC): search by label or words, filters, predicted probability of ' +
            'becoming law, sorted and paginated',
          tags: ['bills'],
          querystring: BillsQuery,
          response: { 200: BillListSchema, 400: ProblemSchema, 503: ProblemSchema },
        },
      },
      async (request, reply) => {
        if (!ready(reply)) return reply;
        const { page, pageSize, limit, offset, sort, ...filters } = request.query;
        const size = limit ?? pageSize ?? DEFAULT_PAGE_SIZE;
        const skip = offset ?? ((page ?? 1) - 1) * size;
        const applied = sort ?? defaultBillSort(filters);
        const where = billWhere(filters);
        if (where.search) await searchIndex();
        const from = `FROM ${BILL_TABLES.bills} b LEFT JOIN ${predictions} p ON p.bill_id = b.bill_id ${where.sql}`;
        const total =
          (await reader.one<{ n: number }>(`SELECT count(*)::BIGINT AS n ${from}`, where.params))?.n ?? 0;
        const items = await reader.all<Bill>(
          `SELECT ${BILL_LIST_COLUMNS} ${from} ORDER BY ${BILL_SORTS[applied]} LIMIT ${size} OFFSET ${skip}`,
          where.params,
        );
        return {
          items,
          page: Math.floor(skip / size) + 1,
          pageSize: size,
          offset: skip,
          total,
          sort: applied,
        };
      },
    );

    app.get(
      '/bills/summary',
      {
        schema: {
          summary:
            'Bills in numbers: counts by type and status, the base rate of becoming law among final bills, the ' +
            'model whose predictions are served, and the filter values (themes, parties, author kinds)',
          tags: ['bills'],
          response: { 200: BillSummarySchema, 503: ProblemSchema },
        },
      },
      async (_request, reply) => {
        if (!ready(reply)) return reply;
        summary ??= loadSummary(reader, meta);
        return summary.catch((error: unknown) => {
          summary = undefined;
          throw error;
        });
      },
    );

    app.get(
      '/bills/:id',
      {
        schema: {
          summary:
            'One bill: authors, themes, status and outcome, the full tramitação timeline, the predicted probability ' +
            'of becoming law with the model version (or why there is none), and links to the Câmara',
          tags: ['bills'],
          params: BillIdParams,
          response: { 200: BillDetailSchema, ...errors },
        },
      },
      async (request, reply) => {
        if (!ready(reply)) return reply;
        const { id } = request.params;
        const head = await reader.one<DetailRow>(
          `SELECT ${BILL_DETAIL_COLUMNS} FROM ${BILL_TABLES.bills} b
           LEFT JOIN ${predictions} p ON p.bill_id = b.bill_id WHERE b.bill_id = $id`,
          { id },
        );
        if (!head) {
          throw new NotFoundError(
            `bill ${id} does not exist: no proposition with that id among the bills (${BILL_TYPES.join(', ')}) in ${BILL_TABLES.bills}`,
          );
        }
        const authors = reader.has(BILL_TABLES.authors)
          ? await reader.all<BillDetail['authors'][number]>(
              `SELECT a.signature_order::INTEGER AS "order", a.author_name AS "name", a.author_kind AS "kind",
                      a.author_type AS "type", a.is_first_author AS "isFirst", a.is_proponent AS "isProponent",
                      a.deputy_id::BIGINT AS "deputyId", a.party AS "party", a.uf AS "uf"
               FROM ${BILL_TABLES.authors} a WHERE a.bill_id = $id
               ORDER BY a.signature_order NULLS LAST, a.author_name`,
              { id },
            )
          : [];
        const themes = reader.has(BILL_TABLES.themes)
          ? await reader.all<BillDetail['themes'][number]>(
              `SELECT t.theme_id::INTEGER AS "id", t.theme AS "name", t.relevance::DOUBLE AS "relevance"
               FROM ${BILL_TABLES.themes} t WHERE t.bill_id = $id
               ORDER BY t.relevance DESC NULLS LAST, t.theme_id`,
              { id },
            )
          : [];
        const timeline = await reader.all<z.infer<typeof BillEventSchema>>(
          `SELECT ${EVENT_COLUMNS} FROM ${BILL_TABLES.events} e WHERE e.bill_id = $id ORDER BY e.event_index`,
          { id },
        );
        return shapeDetail(head, { authors, themes, timeline, meta });
      },
    );
  };
}

type DetailRow = Omit<
  BillDetail,
  'outcome' | 'authors' | 'themes' | 'timeline' | 'prediction' | 'predictionReason' | 'links'
> & {
  becameLawAt: string | null;
  approvedInPlenary: boolean | null;
  approvedInPlenaryAt: string | null;
  daysToLaw: number | null;
  hasPrediction: boolean;
  asOf: string | null;
  ageDays: number | null;
  eventsUsed: number | null;
  threshold: number | null;
  horizonDays: number | null;
  modelName: string | null;
  modelVersion: number | null;
  algorithm: string | null;
  predictedAt: string | null;
};

function shapeDetail(
  row: DetailRow,
  parts: Pick<BillDetail, 'authors' | 'themes' | 'timeline'> & { meta: PredictionMeta },
): BillDetail {
  const {
    becameLawAt,
    approvedInPlenary,
    approvedInPlenaryAt,
    daysToLaw,
    hasPrediction,
    asOf,
    ageDays,
    eventsUsed,
    threshold,
    horizonDays,
    modelName,
    modelVersion,
    algorithm,
    predictedAt,
    ...bill
  } = row;
  const { meta, ...lists } = parts;
  let prediction: BillDetail['prediction'] = null;
  let reason: { code: PredictionReasonCode; message: string } | null = null;
  if (bill.isFinal) {
    // A final bill's fate is known: show it, not a (possibly stale) prediction of it.
    reason = { code: 'bill-final', message: finalReason({ ...bill, becameLawAt }) };
  } else if (!meta.available) {
    reason = meta.reason ?? { code: 'no-model', message: NO_MODEL_REASON };
  } else if (hasPrediction) {
    // hasPrediction: the row has every field of the contract that a prediction needs (checked in SQL).
    const probability = bill.probability as number;
    prediction = {
      probability,
      threshold: threshold as number,
      predictedPositive: bill.predictedPositive ?? probability >= (threshold as number),
      asOf: asOf as string,
      horizonDays: horizonDays as number,
      ageDays,
      eventsUsed,
      predictedAt,
      model: {
        name: modelName as string,
        version: modelVersion as number,
        algorithm: algorithm ?? 'unknown',
      },
    };
  } else {
    const model = meta.model ? `the ${meta.model.name} model v${meta.model.version}` : 'the model';
    reason = {
      code: 'not-scored',
      message: `no prediction for this pending bill: ${model} scored ${meta.scored} pending bills as of ${meta.asOf ?? 'its observation date'} and this one is not among them`,
    };
  }
  return {
    ...bill,
    outcome: { becameLaw: bill.becameLaw, becameLawAt, approvedInPlenary, approvedInPlenaryAt, daysToLaw },
    ...lists,
    prediction,
    predictionReason: reason,
    links: camaraBillLinks(bill.id),
  };
}

const NO_PREDICTIONS: PredictionMeta = {
  available: false,
  reason: null,
  model: null,
  asOf: null,
  horizonDays: null,
  threshold: null,
  scored: 0,
  predictedPositive: 0,
};

/**
 * What the predictions table holds, read once at start: whether it exists with the contract's columns, the model
 * of its newest rows, the observation date, horizon and threshold, and how many bills it scores.
 */
async function loadPredictionMeta(
  reader: WarehouseReader,
  warn: (message: string) => void,
): Promise<PredictionMeta> {
  const none = (code: PredictionReasonCode, message: string): PredictionMeta => ({
    ...NO_PREDICTIONS,
    reason: { code, message },
  });
  if (!reader.available || !reader.has(BILL_TABLES.predictions)) return none('no-model', NO_MODEL_REASON);
  const columns = await reader.all<{ c: string }>(
    `SELECT column_name AS c FROM information_schema.columns
     WHERE table_schema = 'predictions' AND table_name = 'bill_outcome'`,
  );
  const missing = PREDICTION_COLUMNS.filter((c) => !columns.some((r) => r.c === c));
  if (missing.length > 0) {
    const message = `${BILL_TABLES.predictions} lacks column(s) ${missing.join(', ')} of the table contract: run "hardin train bill-outcome" again`;
    warn(`bills API: predictions not served: ${message}`);
    return none('no-model', message);
  }
  const row = await reader.one<{
    scored: number;
    positive: number;
    name: string | null;
    version: number | null;
    algorithm: string | null;
    asOf: string | null;
    horizonDays: number | null;
    threshold: number | null;
  }>(
    `WITH p AS ${predictionsRelation(true)}
     SELECT count(*)::BIGINT AS scored, count(*) FILTER (WHERE predicted_positive)::BIGINT AS positive,
            arg_max(model_name, predicted_at) AS name, arg_max(model_version, predicted_at)::INTEGER AS version,
            arg_max(algorithm, predicted_at) AS algorithm, ${isoDate('max(as_of)')} AS "asOf",
            arg_max(horizon_days, predicted_at)::INTEGER AS "horizonDays",
            arg_max(threshold, predicted_at)::DOUBLE AS threshold
     FROM p`,
  );
  if (!row || row.scored === 0)
    return none('no-model', `${NO_MODEL_REASON} (${BILL_TABLES.predictions} is empty)`);
  return {
    available: true,
    reason: null,
    model:
      row.name !== null && row.version !== null
        ? { name: row.name, version: row.version, algorithm: row.algorithm ?? 'unknown' }
        : null,
    asOf: row.asOf,
    horizonDays: row.horizonDays,
    threshold: row.threshold,
    scored: row.scored,
    predictedPositive: row.positive,
  };
}

async function loadSummary(reader: WarehouseReader, meta: PredictionMeta): Promise<Summary> {
  const byType = await reader.all<Summary['byType'][number]>(
    `SELECT b.type_code AS "type", any_value(b.type_description) AS "description", count(*)::BIGINT AS "total",
            count(*) FILTER (WHERE NOT (b.is_final OR b.became_law))::BIGINT AS "pending",
            count(*) FILTER (WHERE b.is_final OR b.became_law)::BIGINT AS "final",
            count(*) FILTER (WHERE b.became_law)::BIGINT AS "law"
     FROM ${BILL_TABLES.bills} b GROUP BY b.type_code ORDER BY "total" DESC, b.type_code`,
  );
  const sum = (key: 'total' | 'pending' | 'final' | 'law') => byType.reduce((n, t) => n + t[key], 0);
  const head = await reader.one<{ dataAsOf: string | null; minYear: number | null; maxYear: number | null }>(
    `SELECT ${isoDate('max(b.status_at)')} AS "dataAsOf", min(b.year)::INTEGER AS "minYear",
            max(b.year)::INTEGER AS "maxYear" FROM ${BILL_TABLES.bills} b`,
  );
  const themes = reader.has(BILL_TABLES.themes)
    ? await reader.all<Summary['themes'][number]>(
        `SELECT t.theme_id::INTEGER AS "id", any_value(t.theme) AS "name", count(DISTINCT t.bill_id)::BIGINT AS "bills"
         FROM ${BILL_TABLES.themes} t WHERE t.theme IS NOT NULL GROUP BY t.theme_id ORDER BY "name", "id"`,
      )
    : [];
  const parties = await reader.all<Summary['parties'][number]>(
    `SELECT upper(b.author_party) AS "party", count(*)::BIGINT AS "bills" FROM ${BILL_TABLES.bills} b
     WHERE b.author_party IS NOT NULL AND b.author_party <> '' GROUP BY 1 ORDER BY "party"`,
  );
  const authorKinds = await reader.all<Summary['authorKinds'][number]>(
    `SELECT b.author_kind AS "kind", count(*)::BIGINT AS "bills" FROM ${BILL_TABLES.bills} b
     GROUP BY 1 ORDER BY "bills" DESC, "kind"`,
  );
  const finalBills = sum('final');
  const becameLaw = sum('law');
  return {
    total: sum('total'),
    byStatus: { pending: sum('pending'), final: finalBills, law: becameLaw },
    byType,
    baseRate: { finalBills, becameLaw, rate: finalBills > 0 ? becameLaw / finalBills : null },
    dataAsOf: head?.dataAsOf ?? null,
    years: { min: head?.minYear ?? null, max: head?.maxYear ?? null },
    predictions: meta,
    themes,
    parties,
    authorKinds,
  };
}
