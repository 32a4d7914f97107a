// zod schemas of the SALIC endpoints (routes/salic.ts): query parameters with the messages a 400 carries, and
// the response bodies (which also document the API at /api/docs). Field meanings follow the table contract of
// `hardin detect salic`; money is integer cents, complexity 0–10, PRONAC a string of digits.
import { z } from 'zod';
import {
  ANALYST_PATTERN,
  PRONAC_PATTERN,
  SALIC_BANDS,
  SALIC_METRIC_IDS,
  SALIC_MODES,
  SALIC_NO_ANALYST,
  SALIC_PROJECT_SORTS,
  type SalicProjectSort,
} from './salic-queries.js';
import { page, pageSize } from './schemas.js';

const complexity = (what: string) =>
  z.coerce
    .number({ error: `expected a number from 0 to 10 (${what})` })
    .min(0, 'expected a number from 0 to 10')
    .max(10, 'expected a number from 0 to 10')
    .optional()
    .describe(`${what} complexity, 0–10`);

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** Only projects in (true) or out of (false) the review queue. */
const backlog = z
  .enum(['true', 'false'], { error: 'expected true or false' })
  .transform((v) => v === 'true')
  .optional()
  .describe('only projects in (true) or out of (false) the review queue: executed or rendering accounts');

/** An analyst's name (blanks inside collapsed, as the warehouse stores it) or `none`, in any case. */
const analyst = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty', abort: true })
  .max(120)
  .regex(
    ANALYST_PATTERN,
    `expected an analyst's name (letters, digits, spaces and . , ' - _ @; the match is exact, no wildcards) or "${SALIC_NO_ANALYST}" for the projects without an analyst`,
  )
  .transform((v) => {
    const name = v.replace(/\s+/g, ' ');
    return name.toLowerCase() === SALIC_NO_ANALYST ? SALIC_NO_ANALYST : name;
  })
  .optional()
  .describe(
    `analyst in charge of the review (exact name, case-insensitive), or "${SALIC_NO_ANALYST}" for the projects without one`,
  );

export const SalicPronacParams = z.object({
  pronac: z
    .string()
    .regex(PRONAC_PATTERN, 'expected a PRONAC: 1 to 12 digits, e.g. "132955" (a string; leading zeros count)')
    .describe('PRONAC of the project (a string of digits; "058123" and "58123" are different projects)'),
});

export const SalicModeQuery = z.object({
  mode: z
    .enum(SALIC_MODES)
    .default('robust')
    .describe('robust (median/MAD on log scale, the default) or parity (Salic-ML mean + 1.5·std)'),
});

export const SalicProjectsQuery = z
  .object({
    page,
    pageSize,
    sort: z
      .enum(Object.keys(SALIC_PROJECT_SORTS) as [SalicProjectSort, ...SalicProjectSort[]])
      .default('-complexity')
      .describe(
        '-complexity (rank, default), complexity, name, pronac, analyst (each also with "-"), -complexityParity, ' +
          '-approvedCents; analyst sorts by name ignoring case and accents, projects without one last, then by rank',
      ),
    minComplexity: complexity('minimum'),
    maxComplexity: complexity('maximum'),
    band: z.enum(SALIC_BANDS).optional().describe('colour band of the complexity'),
    segment: text(120).optional().describe('segment code (e.g. "11") or name'),
    area: text(120).optional().describe('area name, e.g. "Música"'),
    uf: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'expected a two-letter state code')
      .optional(),
    q: text(100).optional().describe('fragment of the name, the proponent or the PRONAC'),
    analyst,
    backlog,
    outlier: z
      .enum(SALIC_METRIC_IDS)
      .optional()
      .describe('only projects whose metric (robust mode) is outside the expected range'),
  })
  .refine(
    (q) =>
      q.minComplexity === undefined || q.maxComplexity === undefined || q.minComplexity <= q.maxComplexity,
    { path: ['minComplexity'], message: 'must not be greater than maxComplexity' },
  );

export const SalicAnalystsQuery = z.object({ backlog });

export const SalicSegmentParams = z.object({
  segment: text(120).describe('segment code (e.g. "11") or name'),
});

const cents = z.number().nullable();

export const SalicProjectSchema = z.object({
  pronac: z.string(),
  name: z.string(),
  area: z.string().nullable(),
  segment: z.string().nullable(),
  segmentCode: z.string().nullable(),
  uf: z.string().nullable(),
  city: z.string().nullable(),
  proponentName: z.string().nullable(),
  proponentDocument: z.string().nullable().describe('masked CPF/CNPJ'),
  analyst: z
    .string()
    .nullable()
    .describe(
      'analyst in charge of the financial review; null when none is assigned (or the source has none)',
    ),
  status: z.string().nullable(),
  approvedCents: cents,
  raisedCents: cents,
  provenCents: cents,
  complexity: z.number(),
  complexityParity: z.number().nullable(),
  band: z.enum(SALIC_BANDS),
  outlierCount: z.number(),
  admissibility: z.number().nullable(),
  admissibilityIsOutlier: z.boolean().nullable(),
  inBacklog: z
    .boolean()
    .nullable()
    .describe('in the review queue (executed or rendering accounts); null when not computed'),
  rank: z.number(),
});

export const BandCountsSchema = z.object({
  normal: z.number(),
  complexo: z.number(),
  muitoComplexo: z.number(),
});

export const SalicProjectListSchema = z.object({
  items: z.array(SalicProjectSchema),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
  bands: BandCountsSchema.describe('projects per band among those matching the filters'),
});

const HistogramSchema = z.array(z.object({ lower: z.number(), upper: z.number(), count: z.number() }));

export const SegmentStatsSchema = z.object({
  n: z.number().nullable(),
  mean: z.number().nullable(),
  std: z.number().nullable(),
  median: z.number().nullable(),
  mad: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  fallback: z.string().nullable(),
  level: z.string().nullable().describe('peer group used: segment, area or all'),
  scale: z
    .string()
    .nullable()
    .describe('scale of median and MAD: linear, log (ln(1 + value): counts, money) or logit (shares)'),
  histogram: HistogramSchema,
});

export const SalicMetricSchema = z.object({
  metric: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  method: z.string().nullable(),
  weight: z.number(),
  inScore: z.boolean(),
  value: z.number().nullable(),
  valid: z.boolean(),
  isOutlier: z.boolean(),
  expectedMin: z.number().nullable(),
  expectedMax: z.number().nullable(),
  contribution: z
    .number()
    .nullable()
    .describe(
      "points this metric adds to the mode's 0–10 score; null when the warehouse has none for the mode",
    ),
  explanation: z.record(z.string(), z.unknown()).nullable(),
  details: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('deviating budget lines, receipts and providers (documents masked)'),
  segmentStats: SegmentStatsSchema.nullable(),
});

const AnalystLoadSchema = z.object({
  projects: z.number(),
  meanComplexity: z.number().nullable(),
  maxComplexity: z.number().nullable(),
  bands: BandCountsSchema,
});

export const SalicAnalystListSchema = z.object({
  items: z
    .array(AnalystLoadSchema.extend({ analyst: z.string() }))
    .describe('analysts by name (case and accents ignored), each with their projects'),
  unassigned: AnalystLoadSchema.describe(
    `projects without an analyst (the filter analyst=${SALIC_NO_ANALYST})`,
  ),
});

export const SalicProjectDetailSchema = SalicProjectSchema.extend({
  rankOf: z.number().describe('projects in the backlog'),
  mode: z.enum(SALIC_MODES),
  scoreMethod: z.string(),
  totalWeight: z.number().describe("Σ of the weights of the mode's scored metrics (the score's denominator)"),
  contributions: z.array(z.object({ metric: z.string(), weight: z.number(), contribution: z.number() })),
  metrics: z.array(SalicMetricSchema),
  links: z.array(z.object({ rel: z.string(), label: z.string(), url: z.string() })),
});

export const SalicSegmentSchema = z.object({
  segment: z.string(),
  segmentCode: z.string().nullable(),
  area: z.string().nullable(),
  projects: z.number(),
  meanComplexity: z.number().nullable(),
  maxComplexity: z.number().nullable(),
  bands: BandCountsSchema,
});

export const SalicSegmentMetricSchema = SegmentStatsSchema.extend({
  metric: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  weight: z.number(),
  inScore: z.boolean(),
  outliers: z.number().describe("projects of the segment outside the expected range (this mode's rule)"),
  valid: z.number().describe('projects of the segment for which the metric could be computed'),
});

export const SalicSegmentDetailSchema = SalicSegmentSchema.extend({
  mode: z.enum(SALIC_MODES),
  metrics: z.array(SalicSegmentMetricSchema),
});

export const SalicDefinitionsSchema = z.object({
  items: z.array(
    z.object({
      metric: z.string(),
      title: z.string(),
      description: z.string().nullable(),
      method: z.string().nullable(),
      weight: z.number(),
      inScore: z.boolean(),
    }),
  ),
  scoreMethod: z.string(),
});
