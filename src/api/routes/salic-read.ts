// Reads behind the SALIC project and segment pages: one project's metrics (with their definitions, the
// contribution to the score and the segment's statistics for the same metric and mode), one segment's metric
// distributions, the segment list and the analysts' loads. Each is one query over the precomputed tables filtered
// by a key (PRONAC, segment) or grouped over the backlog's rows, shaped into the camelCase JSON of
// salic-schemas.ts.
import type { z } from 'zod';
import type { WarehouseReader } from '../warehouse-reader.js';
import {
  NO_OPTIONAL_COLUMNS,
  SALIC_TABLES,
  parseJsonColumn,
  shapeDetails,
  shapeHistogram,
  type SalicMode,
  type SalicOptionalColumns,
} from './salic-queries.js';
import type {
  SalicAnalystListSchema,
  SalicMetricSchema,
  SalicSegmentMetricSchema,
  SalicSegmentSchema,
  SegmentStatsSchema,
} from './salic-schemas.js';

type Metric = z.infer<typeof SalicMetricSchema>;
type SegmentMetric = z.infer<typeof SalicSegmentMetricSchema>;
type Segment = z.infer<typeof SalicSegmentSchema>;
type AnalystList = z.infer<typeof SalicAnalystListSchema>;
export interface Contribution {
  metric: string;
  weight: number;
  contribution: number;
}

function statsColumns(optional: SalicOptionalColumns): string {
  return `s.n::BIGINT AS "n", s.mean::DOUBLE AS "mean", s.std::DOUBLE AS "std", s.median::DOUBLE AS "median",
  s.mad::DOUBLE AS "mad", s.lower::DOUBLE AS "lower", s.upper::DOUBLE AS "upper",
  CAST(s.fallback AS VARCHAR) AS "fallback", CAST(s.histogram AS VARCHAR) AS "histogram",
  ${optional.level ? 'CAST(s.level AS VARCHAR)' : 'NULL::VARCHAR'} AS "level",
  ${
    optional.scale === 'scale'
      ? 'CAST(s.scale AS VARCHAR)'
      : optional.scale === 'log_scale'
        ? "CASE WHEN s.log_scale THEN 'log' ELSE 'linear' END"
        : 'NULL::VARCHAR'
  } AS "scale"`;
}

/** Which optional columns (salic-queries.ts) the warehouse has; none before the SALIC tables exist. */
export async function loadOptionalColumns(reader: WarehouseReader): Promise<SalicOptionalColumns> {
  if (!reader.available || !reader.has(SALIC_TABLES.projects)) return NO_OPTIONAL_COLUMNS;
  const rows = await reader.all<{ t: string; c: string }>(
    `SELECT table_name AS t, column_name AS c FROM information_schema.columns
     WHERE table_schema = 'detect' AND table_name IN ('salic_projects', 'salic_segment_stats')`,
  );
  const has = (t: string, c: string) => rows.some((r) => r.t === t && r.c === c);
  return {
    inBacklog: has('salic_projects', 'in_backlog'),
    contributionsParity: has('salic_projects', 'contributions_parity'),
    scale: has('salic_segment_stats', 'scale')
      ? 'scale'
      : has('salic_segment_stats', 'log_scale')
        ? 'log_scale'
        : false,
    level: has('salic_segment_stats', 'level'),
  };
}

/** Definitions when the table exists, else an empty relation with the same columns. */
function definitions(reader: WarehouseReader): string {
  return reader.has(SALIC_TABLES.definitions)
    ? SALIC_TABLES.definitions
    : `(SELECT NULL::VARCHAR AS metric, NULL::VARCHAR AS title_pt, NULL::VARCHAR AS description_pt,
               NULL::VARCHAR AS method_pt, NULL::DOUBLE AS weight, NULL::BOOLEAN AS in_score WHERE false)`;
}

function stats(reader: WarehouseReader): string {
  return reader.has(SALIC_TABLES.segmentStats)
    ? SALIC_TABLES.segmentStats
    : `(SELECT NULL::VARCHAR AS segment, NULL::VARCHAR AS metric, NULL::VARCHAR AS mode, NULL::BIGINT AS n,
               NULL::DOUBLE AS mean, NULL::DOUBLE AS std, NULL::DOUBLE AS median, NULL::DOUBLE AS mad,
               NULL::DOUBLE AS lower, NULL::DOUBLE AS upper, NULL::VARCHAR AS fallback, NULL::VARCHAR AS histogram
        WHERE false)`;
}

/** The stored `contributions` JSON, keeping well-formed entries only. */
export function shapeContributions(value: unknown): Contribution[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((c: unknown) => {
    if (c === null || typeof c !== 'object') return [];
    const { metric, weight, contribution } = c as Record<string, unknown>;
    return typeof metric === 'string' && typeof weight === 'number' && typeof contribution === 'number'
      ? [{ metric, weight, contribution }]
      : [];
  });
}

type StatsRow = {
  level: string | null;
  scale: string | null;
  n: number | null;
  mean: number | null;
  std: number | null;
  median: number | null;
  mad: number | null;
  lower: number | null;
  upper: number | null;
  fallback: string | null;
  histogram: string | null;
};

function shapeStats(row: StatsRow): z.infer<typeof SegmentStatsSchema> {
  return {
    n: row.n,
    mean: row.mean,
    std: row.std,
    median: row.median,
    mad: row.mad,
    lower: row.lower,
    upper: row.upper,
    fallback: row.fallback,
    level: row.level,
    scale: row.scale,
    histogram: shapeHistogram(parseJsonColumn(row.histogram)),
  };
}

/**
 * Every metric of one project in `mode`, deviating ones first, then by weight (the mode's own: the scores
 * weigh some metrics differently; a metric of weight 0 in a mode is shown but not in that mode's score).
 * `contributions` are the stored points per metric of that mode's score, or null when the warehouse has none
 * for the mode (then `contribution` is null rather than a guess).
 */
export async function projectMetrics(
  reader: WarehouseReader,
  project: { pronac: string; segment: string | null; segmentCode: string | null },
  mode: SalicMode,
  contributions: Contribution[] | null,
  optional: SalicOptionalColumns = NO_OPTIONAL_COLUMNS,
): Promise<Metric[]> {
  const rows = await reader.all<
    StatsRow & {
      metric: string;
      title: string;
      description: string | null;
      method: string | null;
      weight: number;
      inScore: boolean;
      value: number | null;
      valid: boolean;
      isOutlier: boolean;
      expectedMin: number | null;
      expectedMax: number | null;
      details: string | null;
      explanation: string | null;
      hasStats: boolean;
    }
  >(
    `SELECT m.metric AS "metric", coalesce(d.title_pt, m.metric) AS "title", d.description_pt AS "description",
            coalesce(CAST(m.explanation->>'method' AS VARCHAR), d.method_pt) AS "method", coalesce(m.weight, d.weight, 0)::DOUBLE AS "weight",
            (coalesce(d.in_score, true) AND coalesce(m.weight, d.weight, 0) > 0) AS "inScore",
            m.value::DOUBLE AS "value",
            coalesce(m.valid, false) AS "valid", coalesce(m.is_outlier, false) AS "isOutlier",
            m.expected_min::DOUBLE AS "expectedMin", m.expected_max::DOUBLE AS "expectedMax",
            CAST(m.details AS VARCHAR) AS "details", CAST(m.explanation AS VARCHAR) AS "explanation",
            s.metric IS NOT NULL AS "hasStats", ${statsColumns(optional)}
     FROM ${SALIC_TABLES.metrics} m
     LEFT JOIN ${definitions(reader)} d ON d.metric = m.metric
     LEFT JOIN ${stats(reader)} s ON s.metric = m.metric AND s.mode = m.mode AND s.segment IN ($segment, $code)
     WHERE m.pronac = $pronac AND m.mode = $mode
     ORDER BY "isOutlier" DESC, "inScore" DESC, "weight" DESC, m.metric`,
    { pronac: project.pronac, mode, segment: project.segment, code: project.segmentCode },
  );
  const points = new Map((contributions ?? []).map((c) => [c.metric, c.contribution]));
  return rows.map((r) => {
    const details = shapeDetails(parseJsonColumn(r.details));
    const explanation = parseJsonColumn(r.explanation);
    return {
      metric: r.metric,
      title: r.title,
      description: r.description,
      method: r.method,
      weight: r.weight,
      inScore: r.inScore,
      value: r.value,
      valid: r.valid,
      isOutlier: r.isOutlier,
      expectedMin: r.expectedMin,
      expectedMax: r.expectedMax,
      contribution: contributions ? (points.get(r.metric) ?? 0) : null,
      explanation: isRecord(explanation) ? explanation : null,
      details: isRecord(details) ? details : null,
      segmentStats: r.hasStats ? shapeStats(r) : null,
    };
  });
}

/** Segment columns over detect.salic_projects `p`, grouped by segment name. */
export const SEGMENT_COLUMNS = `p.segment AS "segment", any_value(p.segment_code) AS "segmentCode",
  any_value(p.area) AS "area", count(*)::BIGINT AS "projects", avg(p.complexity)::DOUBLE AS "meanComplexity",
  max(p.complexity)::DOUBLE AS "maxComplexity",
  count(*) FILTER (WHERE p.band = 'normal')::BIGINT AS "normal",
  count(*) FILTER (WHERE p.band = 'complexo')::BIGINT AS "complexo",
  count(*) FILTER (WHERE p.band = 'muito_complexo')::BIGINT AS "muitoComplexo"`;

type SegmentRow = Omit<Segment, 'bands'> & { normal: number; complexo: number; muitoComplexo: number };

function shapeSegment(r: SegmentRow): Segment {
  const { normal, complexo, muitoComplexo, ...rest } = r;
  return { ...rest, bands: { normal, complexo, muitoComplexo } };
}

/** All segments with projects, largest first. */
export async function listSegments(reader: WarehouseReader): Promise<Segment[]> {
  const rows = await reader.all<SegmentRow>(
    `SELECT ${SEGMENT_COLUMNS} FROM ${SALIC_TABLES.projects} p WHERE p.segment IS NOT NULL
     GROUP BY p.segment ORDER BY "projects" DESC, p.segment`,
  );
  return rows.map(shapeSegment);
}

type AnalystRow = Omit<AnalystList['unassigned'], 'bands'> & {
  analyst: string | null;
  normal: number;
  complexo: number;
  muitoComplexo: number;
};

/**
 * The analysts with their number of projects, mean and maximum complexity and bands, by name (case and accents
 * ignored, as the `analyst` sort orders them), and the same for the projects without an analyst. `backlog`
 * restricts to projects in (or out of) the review queue when the table says which they are.
 */
export async function listAnalysts(
  reader: WarehouseReader,
  backlog: boolean | undefined,
  optional: SalicOptionalColumns = NO_OPTIONAL_COLUMNS,
): Promise<AnalystList> {
  const where =
    backlog === undefined || !optional.inBacklog ? '' : `WHERE ${backlog ? '' : 'NOT '}p.in_backlog`;
  const rows = await reader.all<AnalystRow>(
    `SELECT p.analyst AS "analyst", count(*)::BIGINT AS "projects", avg(p.complexity)::DOUBLE AS "meanComplexity",
            max(p.complexity)::DOUBLE AS "maxComplexity",
            count(*) FILTER (WHERE p.band = 'normal')::BIGINT AS "normal",
            count(*) FILTER (WHERE p.band = 'complexo')::BIGINT AS "complexo",
            count(*) FILTER (WHERE p.band = 'muito_complexo')::BIGINT AS "muitoComplexo"
     FROM ${SALIC_TABLES.projects} p ${where}
     GROUP BY p.analyst ORDER BY strip_accents(lower(p.analyst)) NULLS LAST, p.analyst`,
  );
  const shape = ({ normal, complexo, muitoComplexo, analyst: _, ...rest }: AnalystRow) => ({
    ...rest,
    bands: { normal, complexo, muitoComplexo },
  });
  const none = rows.find((r) => r.analyst === null);
  return {
    items: rows.flatMap((r) => (r.analyst === null ? [] : [{ analyst: r.analyst, ...shape(r) }])),
    unassigned: none
      ? shape(none)
      : {
          projects: 0,
          meanComplexity: null,
          maxComplexity: null,
          bands: { normal: 0, complexo: 0, muitoComplexo: 0 },
        },
  };
}

/** One segment by code or name (case-insensitive), or undefined. */
export async function findSegment(reader: WarehouseReader, key: string): Promise<Segment | undefined> {
  const row = await reader.one<SegmentRow>(
    `SELECT ${SEGMENT_COLUMNS} FROM ${SALIC_TABLES.projects} p
     WHERE p.segment IS NOT NULL AND (p.segment_code = $key OR lower(p.segment) = lower($key))
     GROUP BY p.segment ORDER BY "projects" DESC, p.segment LIMIT 1`,
    { key },
  );
  return row ? shapeSegment(row) : undefined;
}

/**
 * The distribution of every metric within one segment (stored statistics and histogram), with how many of the
 * segment's projects the metric could be computed for and how many fall outside the expected range.
 */
export async function segmentMetrics(
  reader: WarehouseReader,
  segment: Segment,
  mode: SalicMode,
  optional: SalicOptionalColumns = NO_OPTIONAL_COLUMNS,
): Promise<SegmentMetric[]> {
  const rows = await reader.all<
    StatsRow & {
      metric: string;
      title: string;
      description: string | null;
      weight: number;
      inScore: boolean;
      outliers: number;
      valid: number;
    }
  >(
    `WITH counts AS (
       SELECT m.metric, count(*) FILTER (WHERE m.valid AND m.is_outlier)::BIGINT AS outliers,
              count(*) FILTER (WHERE m.valid)::BIGINT AS valid, max(m.weight)::DOUBLE AS weight
       FROM ${SALIC_TABLES.metrics} m
       WHERE m.mode = $mode AND m.pronac IN (SELECT pronac FROM ${SALIC_TABLES.projects} WHERE segment = $segment)
       GROUP BY m.metric),
     seg AS (SELECT * FROM ${stats(reader)} WHERE mode = $mode AND segment IN ($segment, $code)),
     ids AS (SELECT metric FROM counts UNION SELECT metric FROM seg)
     SELECT ids.metric AS "metric", coalesce(d.title_pt, ids.metric) AS "title",
            d.description_pt AS "description", coalesce(c.weight, d.weight, 0)::DOUBLE AS "weight",
            (coalesce(d.in_score, true) AND coalesce(c.weight, d.weight, 0) > 0) AS "inScore",
            coalesce(c.outliers, 0)::BIGINT AS "outliers",
            coalesce(c.valid, 0)::BIGINT AS "valid", ${statsColumns(optional)}
     FROM ids LEFT JOIN counts c USING (metric) LEFT JOIN seg s USING (metric)
     LEFT JOIN ${definitions(reader)} d ON d.metric = ids.metric
     ORDER BY "inScore" DESC, "weight" DESC, ids.metric`,
    { mode, segment: segment.segment, code: segment.segmentCode },
  );
  return rows.map((r) => ({
    metric: r.metric,
    title: r.title,
    description: r.description,
    weight: r.weight,
    inScore: r.inScore,
    outliers: r.outliers,
    valid: r.valid,
    ...shapeStats(r),
  }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
