// zod schemas of the Câmara bills endpoints (routes/camara-bills.ts): query parameters with the messages a 400
// carries (naming the parameter and echoing the bad value), and the response bodies, which also document the API
// at /api/docs. Dates are local ISO text without a zone ("2021-03-04T10:05:00", the Câmara's Brasília times) or
// "YYYY-MM-DD"; probabilities are 0..1.
import { z } from 'zod';
import {
  AUTHOR_KINDS,
  BILL_ID_PATTERN,
  BILL_SORTS,
  BILL_STATUSES,
  BILL_TYPES,
  type BillSort,
  type BillType,
} from './camara-bills-queries.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

const probability = (what: string) =>
  z.coerce
    .number({ error: 'expected a probability from 0 to 1, e.g. 0.25' })
    .min(0, 'expected a probability from 0 to 1, e.g. 0.25')
    .max(1, 'expected a probability from 0 to 1, e.g. 0.25 (not a percentage)')
    .optional()
    .describe(`${what} predicted probability of becoming law, 0..1`);

const year = (what: string) =>
  z.coerce
    .number({ error: 'expected a year such as 2021' })
    .int('expected a whole year such as 2021')
    .min(1946, 'expected a year from 1946')
    .max(2100, 'expected a year up to 2100')
    .optional()
    .describe(`${what} year of the bill (inclusive)`);

/**
 * `type=PL&type=PEC` or `type=PL,PEC` (case-insensitive) → ['PL', 'PEC']; an unknown type is a 400 naming it.
 */
const billTypes = z
  .union([z.string(), z.array(z.string())])
  .transform((value, ctx) => {
    const parts = (Array.isArray(value) ? value : [value])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim().toUpperCase())
      .filter(Boolean);
    const bad = parts.filter((p) => !(BILL_TYPES as readonly string[]).includes(p));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown bill type ${bad.map((b) => JSON.stringify(b)).join(', ')}: expected ${BILL_TYPES.join(', ')} (repeat the parameter or separate with commas)`,
      });
      return z.NEVER;
    }
    return [...new Set(parts)] as BillType[];
  })
  .optional()
  .describe('bill types: PL, PLP, PEC, MPV, PDL, PDC; repeat the parameter or separate with commas');

/** A whole-number query parameter from `min` (to `max`), optional. */
const wholeNumber = (min: number, max?: number) => {
  const base = z.coerce
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .min(min, `must be at least ${min}`);
  return (max === undefined ? base : base.max(max, `must be at most ${max}`)).optional();
};

export const BillsQuery = z
  .object({
    q: text(120)
      .optional()
      .describe(
        'a label ("PL 1234/2021", "pl 1234/21", "PEC 45/2019"), a bill id or number, or words searched in the ' +
          'summary (ementa), keywords, label and first author (case- and accent-insensitive)',
      ),
    type: billTypes,
    minYear: year('first'),
    maxYear: year('last'),
    status: z
      .enum(BILL_STATUSES, { error: `expected one of ${BILL_STATUSES.join(', ')}` })
      .optional()
      .describe(
        'pending (not final), final (law, archived, withdrawn…), law (became law; a subset of final)',
      ),
    authorKind: z
      .enum(AUTHOR_KINDS, { error: `expected one of ${AUTHOR_KINDS.join(', ')}` })
      .optional()
      .describe("first author's kind"),
    party: z
      .string()
      .trim()
      .regex(/^[A-Za-zÀ-ú0-9 ._-]{1,30}$/, 'expected a party acronym such as "PT" or "PL"')
      .optional()
      .describe("first author's party (case-insensitive), deputies only"),
    uf: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'expected a two-letter state code such as "SP"')
      .optional()
      .describe("first author's state, deputies only"),
    theme: text(120).optional().describe('theme code (codTema, e.g. "46") or name (e.g. "Educação")'),
    minProbability: probability('minimum'),
    maxProbability: probability('maximum'),
    predicted: z
      .enum(['positive', 'negative'], { error: 'expected positive or negative' })
      .optional()
      .describe(
        'only bills the model predicts will (positive) or will not (negative) become law at its threshold',
      ),
    sort: z
      .enum(Object.keys(BILL_SORTS) as [BillSort, ...BillSort[]], {
        error: `expected one of ${Object.keys(BILL_SORTS).join(', ')}`,
      })
      .optional()
      .describe('default -probability for pending bills (or prediction filters), else -presentedAt'),
    page: wholeNumber(1, 1_000_000).describe('page number, from 1 (default 1)'),
    pageSize: wholeNumber(1, 100).describe('items per page, at most 100 (default 25)'),
    limit: wholeNumber(1, 100).describe('alias of pageSize, at most 100'),
    offset: wholeNumber(0, 100_000_000).describe('rows to skip (instead of page)'),
  })
  .superRefine((q, ctx) => {
    if (q.minYear !== undefined && q.maxYear !== undefined && q.minYear > q.maxYear)
      ctx.addIssue({
        code: 'custom',
        path: ['minYear'],
        message: `must not be greater than maxYear (${q.maxYear})`,
      });
    if (
      q.minProbability !== undefined &&
      q.maxProbability !== undefined &&
      q.minProbability > q.maxProbability
    )
      ctx.addIssue({
        code: 'custom',
        path: ['minProbability'],
        message: `must not be greater than maxProbability (${q.maxProbability})`,
      });
    if (q.page !== undefined && q.offset !== undefined)
      ctx.addIssue({ code: 'custom', path: ['offset'], message: 'give either page or offset, not both' });
    if (q.pageSize !== undefined && q.limit !== undefined && q.pageSize !== q.limit)
      ctx.addIssue({ code: 'custom', path: ['limit'], message: 'give either pageSize or limit, not both' });
  });

export const BillIdParams = z.object({
  id: z
    .string()
    .regex(
      BILL_ID_PATTERN,
      'expected a bill id: the Câmara proposition id, digits only (e.g. "2290011"); to find a bill by its label use GET /api/v1/camara/bills?q=PL 1234/2021',
    )
    .transform(Number)
    .describe('proposition id in the Câmara API (idProposicao)'),
});

const status = z
  .enum(['pending', 'final'])
  .describe('pending: not final; final: law, archived, withdrawn, lost effect… (see becameLaw)');

export const BillSchema = z.object({
  id: z.number(),
  label: z.string().nullable().describe('e.g. "PL 1234/2021"'),
  type: z.string(),
  number: z.number().nullable(),
  year: z.number().nullable(),
  presentedAt: z.string().nullable(),
  summary: z.string().nullable().describe('ementa'),
  authorKind: z.string().describe('first author: deputy, executive, senate, committee, other, unknown'),
  authorName: z.string().nullable(),
  authorParty: z.string().nullable(),
  authorUf: z.string().nullable(),
  authorsCount: z.number(),
  mainTheme: z.string().nullable(),
  status,
  becameLaw: z.boolean(),
  situation: z.string().nullable().describe('current situation, e.g. "Aguardando Parecer"'),
  organ: z.string().nullable().describe('organ of the last event'),
  lastEventAt: z.string().nullable(),
  eventsCount: z.number(),
  probability: z
    .number()
    .nullable()
    .describe('P(becomes law within the horizon); null when not scored (final bill, or no model)'),
  predictedPositive: z.boolean().nullable(),
});

export const BillListSchema = z.object({
  items: z.array(BillSchema),
  page: z.number(),
  pageSize: z.number(),
  offset: z.number(),
  total: z.number(),
  sort: z.string().describe('the sort applied'),
});

const PredictionModelSchema = z.object({ name: z.string(), version: z.number(), algorithm: z.string() });

export const BillPredictionSchema = z.object({
  probability: z.number().describe('P(becomes law within horizonDays after asOf), 0..1'),
  threshold: z.number().describe("the model's operating threshold (max F1 on validation)"),
  predictedPositive: z.boolean().describe('probability ≥ threshold'),
  asOf: z.string().describe('observation date: the latest tramitação date in the warehouse'),
  horizonDays: z.number(),
  ageDays: z.number().nullable().describe('days from presentation to asOf'),
  eventsUsed: z.number().nullable().describe('tramitação events up to asOf the model read'),
  predictedAt: z.string().nullable(),
  model: PredictionModelSchema,
});

export const PredictionReasonSchema = z.object({
  code: z.enum(['no-model', 'bill-final', 'not-scored']),
  message: z.string(),
});

export const BillEventSchema = z.object({
  index: z.number().describe('position in the history, from 1'),
  sequence: z.number().describe("the API's sequencia"),
  occurredAt: z.string(),
  organ: z.string().nullable(),
  organId: z.number().nullable(),
  organKind: z.string().describe('plenary, mesa, coordination or committee'),
  action: z.string().nullable(),
  actionCode: z.number().nullable(),
  situation: z.string().nullable(),
  situationCode: z.number().nullable(),
  regime: z.string().nullable(),
  appreciation: z.string().nullable(),
  dispatch: z.string().nullable(),
  daysSincePresented: z.number().nullable(),
  daysSincePrevious: z.number().nullable().describe('null for the first event'),
  isUrgency: z.boolean().describe('urgency regime in force or urgency approved'),
  isUrgencyApproval: z.boolean(),
  isRapporteurDesignation: z.boolean(),
  opinion: z
    .enum(['favourable', 'unfavourable'])
    .nullable()
    .describe("a rapporteur's opinion and its direction"),
  isPlenaryApproval: z.boolean(),
  isLaw: z.boolean(),
  isArchived: z.boolean(),
});

export const BillDetailSchema = BillSchema.extend({
  typeDescription: z.string().nullable(),
  legislature: z.number().nullable(),
  keywords: z.string().nullable(),
  mainPropositionId: z.number().nullable().describe('the proposition this bill is attached to'),
  authorDeputyId: z.number().nullable(),
  situationCode: z.number().nullable(),
  regime: z.string().nullable(),
  isFinal: z.boolean(),
  isAttached: z.boolean(),
  isConclusive: z.boolean().nullable(),
  hadUrgency: z.boolean(),
  firstOpinion: z.string().nullable(),
  outcome: z.object({
    becameLaw: z.boolean(),
    becameLawAt: z.string().nullable(),
    approvedInPlenary: z.boolean().nullable().describe('null when the lake has no tramitação for the bill'),
    approvedInPlenaryAt: z.string().nullable(),
    daysToLaw: z.number().nullable(),
  }),
  authors: z.array(
    z.object({
      order: z.number().nullable(),
      name: z.string().nullable(),
      kind: z.string(),
      type: z.string().nullable(),
      isFirst: z.boolean().nullable(),
      isProponent: z.boolean().nullable(),
      deputyId: z.number().nullable(),
      party: z.string().nullable(),
      uf: z.string().nullable(),
    }),
  ),
  themes: z.array(
    z.object({ id: z.number(), name: z.string().nullable(), relevance: z.number().nullable() }),
  ),
  timeline: z.array(BillEventSchema),
  prediction: BillPredictionSchema.nullable(),
  predictionReason: PredictionReasonSchema.nullable().describe(
    'why prediction is null; null when there is one',
  ),
  links: z.array(z.object({ rel: z.string(), label: z.string(), url: z.string() })),
});

const countsByStatus = z.object({
  total: z.number(),
  pending: z.number(),
  final: z.number(),
  law: z.number(),
});

export const BillSummarySchema = z.object({
  total: z.number(),
  byStatus: countsByStatus.omit({ total: true }),
  byType: z.array(countsByStatus.extend({ type: z.string(), description: z.string().nullable() })),
  baseRate: z
    .object({
      finalBills: z.number(),
      becameLaw: z.number(),
      rate: z.number().nullable().describe('becameLaw / finalBills; null when no bill is final'),
    })
    .describe('how often a bill whose fate is known became law'),
  dataAsOf: z
    .string()
    .nullable()
    .describe('date of the latest tramitação event (or status) in the warehouse'),
  years: z.object({ min: z.number().nullable(), max: z.number().nullable() }),
  predictions: z.object({
    available: z.boolean(),
    reason: PredictionReasonSchema.nullable(),
    model: PredictionModelSchema.nullable(),
    asOf: z.string().nullable(),
    horizonDays: z.number().nullable(),
    threshold: z.number().nullable(),
    scored: z.number().describe('bills with a prediction'),
    predictedPositive: z.number(),
  }),
  themes: z.array(z.object({ id: z.number(), name: z.string(), bills: z.number() })),
  parties: z.array(z.object({ party: z.string(), bills: z.number() })),
  authorKinds: z.array(z.object({ kind: z.string(), bills: z.number() })),
});
