// Writes the four detect.salic_* tables from the run's temp tables, in one transaction (readers never see half a
// run): metric rows with the standard explanation (src/detect/explanation.ts shape), the ranked backlog with
// both scores and each metric's contribution, the segment statistics with histograms, the definitions.
// Table and column names are the contract with the API and the dashboard.
import { quoteLiteral, type Db } from '../../core/index.js';
import { salicDefinitionRows, salicTotalWeight } from './definitions.js';
import type { SalicMetricOptions } from './options.js';
import { modesSql } from './family.js';
import { T, backSql, binCountsSql, histogramJsonSql } from './peer-stats.js';
import { salicBandSql } from './score.js';
import { orderedListSql, sortedValuesSql } from './sql-lists.js';

export interface WriteSalicTablesOptions {
  runId: string;
  now: Date;
  options: SalicMetricOptions;
  /** Metrics decided by the peer statistics (their segment statistics come from the peer groups). */
  peerMetrics: readonly string[];
}

/** Runs one step, timed by the caller when it wants to. */
export type TimedStep = (step: string, fn: () => Promise<void>) => Promise<void>;

/** Replaces detect.salic_metric_definitions, salic_metrics, salic_projects and salic_segment_stats. */
export async function writeSalicTables(
  db: Db,
  w: WriteSalicTablesOptions,
  timed: TimedStep = (_step, fn) => fn(),
): Promise<void> {
  const defs = salicDefinitionRows(w.options);
  const lit = (v: string | number | boolean) =>
    typeof v === 'string' ? quoteLiteral(v) : typeof v === 'number' ? `${v}::DOUBLE` : String(v);
  const defRows = defs.map(
    (d) =>
      `(${[d.metric, d.title_pt, d.description_pt, d.method_pt, d.method_parity_pt, d.method_en, d.method_parity_en, d.weight, d.weight_parity, d.in_score, d.in_score_parity, d.unit, d.side, d.observed_label].map(lit).join(', ')})`,
  );
  await db.run(`CREATE OR REPLACE TEMP TABLE salic_defs AS SELECT * FROM (VALUES ${defRows.join(', ')})
    t(metric, title_pt, description_pt, method_pt, method_parity_pt, method_en, method_parity_en, weight,
      weight_parity, in_score, in_score_parity, unit, side, observed_label)`);
  const run = `${quoteLiteral(w.runId)} AS run_id, ${quoteLiteral(w.now.toISOString())}::TIMESTAMP AS computed_at`;
  const peerList = w.peerMetrics.length ? w.peerMetrics.map(quoteLiteral).join(', ') : `''`;
  const bins = w.options.bins;
  // Same formula as scoreSql (score.ts), per mode, inside one aggregate.
  const modeScore = (mode: 'robust' | 'parity') =>
    `round(10 * coalesce(sum(w.weight) FILTER (WHERE r.mode = '${mode}' AND r.is_outlier AND w.in_score), 0) / ${salicTotalWeight(mode)}, 1)`;
  // The metrics that make the score (outliers of the score's metrics), largest contribution first; they add up
  // to the score before rounding.
  const contributions = (mode: 'robust' | 'parity') =>
    orderedListSql(
      `{'metric': r.metric, 'weight': w.weight, 'contribution': round(10 * w.weight / w.total, 3)}`,
      ['-w.weight', 'r.metric'],
      `r.mode = '${mode}' AND w.in_score AND r.is_outlier`,
    );
  await db.run('CREATE SCHEMA IF NOT EXISTS detect');
  await db.run('BEGIN TRANSACTION');
  try {
    await db.run(`CREATE OR REPLACE TABLE detect.salic_metric_definitions AS
      SELECT metric, title_pt, description_pt, method_pt, method_parity_pt, method_en, method_parity_en, weight,
             weight_parity, in_score, in_score_parity, unit, side, observed_label
      FROM salic_defs ORDER BY in_score DESC, weight DESC, metric`);

    await timed('table salic_metrics', () =>
      db.run(`CREATE OR REPLACE TABLE detect.salic_metrics AS
      SELECT r.pronac, r.metric, r.mode, r.value, r.is_outlier, r.valid, r.expected_min, r.expected_max,
             r.threshold, r.deviation,
             CASE r.mode WHEN 'robust' THEN d.weight ELSE d.weight_parity END AS weight,
             r.details,
             json_object(
               'text', r.text,
               'observed', json_object('label', d.observed_label, 'value', r.value, 'unit', d.unit),
               'threshold', json_object('label', CASE d.side WHEN 'high' THEN 'limite superior esperado'
                                                 ELSE 'limite inferior esperado' END,
                                        'value', r.threshold, 'unit', d.unit),
               'peerGroup', r.peer,
               'method', CASE r.mode WHEN 'robust' THEN d.method_en ELSE d.method_parity_en END,
               'receiptUrl', NULL) AS explanation,
             ${run}
      FROM ${T.results} r JOIN salic_defs d USING (metric)
      -- Stored in PRONAC order: the API reads one project's rows, which then sit in one row group (its min/max
      -- skips the others) and one vector, instead of being decompressed from all of them (issue #4).
      ORDER BY r.pronac, r.mode, r.metric`),
    );

    await timed('table salic_projects', () =>
      db.run(`CREATE OR REPLACE TABLE detect.salic_projects AS
      WITH per AS (
        -- One pass over the metric rows: both scores, counts, coverage, admissibility and contributions.
        SELECT r.pronac,
          ${modeScore('robust')} AS complexity,
          ${modeScore('parity')} AS complexity_parity,
          count(*) FILTER (WHERE r.mode = 'robust' AND r.is_outlier AND w.in_score)::INTEGER AS outlier_count,
          count(*) FILTER (WHERE r.mode = 'parity' AND r.is_outlier AND w.in_score)::INTEGER AS outlier_count_parity,
          round(coalesce(sum(w.weight) FILTER (WHERE r.mode = 'robust' AND r.valid AND w.in_score), 0)
                / ${salicTotalWeight('robust')}, 4) AS coverage,
          max(r.value) FILTER (WHERE r.metric = 'itens_comuns_e_incomuns' AND r.mode = 'robust') AS admissibility,
          coalesce(bool_or(r.is_outlier) FILTER (WHERE r.metric = 'itens_comuns_e_incomuns' AND r.mode = 'robust'), false)
            AS admissibility_is_outlier,
          max(r.value) FILTER (WHERE r.metric = 'itens_comuns_e_incomuns' AND r.mode = 'parity') AS admissibility_parity,
          ${contributions('robust')} AS contributions,
          ${contributions('parity')} AS contributions_parity
        FROM ${T.results} r JOIN salic_weights w ON w.metric = r.metric AND w.mode = r.mode
        GROUP BY r.pronac
      ),
      scored AS (
        SELECT m.pronac, m.name, m.area, m.segment, m.segment_code, m.uf, m.city, m.year, m.proponent_name,
               m.proponent_document_masked, m.analyst, m.status, m.approved_cents,
               m.raised_total_cents AS raised_cents, m.proven_cents,
               coalesce(per.complexity, 0)::DOUBLE AS complexity,
               coalesce(per.complexity_parity, 0)::DOUBLE AS complexity_parity,
               coalesce(per.outlier_count, 0) AS outlier_count,
               coalesce(per.outlier_count_parity, 0) AS outlier_count_parity,
               per.admissibility, coalesce(per.admissibility_is_outlier, false) AS admissibility_is_outlier,
               per.admissibility_parity,
               coalesce(to_json(per.contributions), '[]'::JSON) AS contributions,
               coalesce(to_json(per.contributions_parity), '[]'::JSON) AS contributions_parity,
               coalesce(per.coverage, 0) AS coverage,
               b.executed OR b.accounts_due AS in_backlog, m.budget_lines, m.receipts, m.data_source
        FROM marts.salic_projects m
        JOIN ${T.projects} b USING (pronac)
        LEFT JOIN per USING (pronac)
      )
      SELECT *, ${salicBandSql('complexity')} AS band, ${salicBandSql('complexity_parity')} AS band_parity,
             row_number() OVER (ORDER BY complexity DESC, outlier_count DESC, complexity_parity DESC,
                                approved_cents DESC NULLS LAST, pronac)::INTEGER AS rank,
             ${run}
      FROM scored ORDER BY rank`),
    );

    const robustHist = histogramJsonSql('ct', 'lo_t', 'hi_t', bins, (x) => backSql(x, 'med_d'));
    const linearHist = histogramJsonSql('cv', 'lo', 'hi', bins);
    await timed('table salic_segment_stats', () =>
      db.run(`CREATE OR REPLACE TABLE detect.salic_segment_stats AS
      WITH codes AS (SELECT segment, min(segment_code) AS segment_code FROM marts.salic_projects GROUP BY segment),
      -- Histograms once per peer group actually used (many segments may share their area's or everyone's).
      used AS (SELECT DISTINCT metric, obs_mode, level, key, scale FROM ${T.peer} WHERE n IS NOT NULL),
      counted AS (
        SELECT g.*, u.scale, ${binCountsSql('g.lt', 'g.lo_t', 'g.hi_t', bins)} AS ct,
               ${binCountsSql('g.lv', 'g.lo', 'g.hi', bins)} AS cv
        FROM ${T.groups} g JOIN used u USING (metric, obs_mode, level, key)
      ),
      hist AS (
        SELECT c.metric, c.obs_mode, c.level, c.key, m.mode,
               CASE m.mode WHEN 'robust' THEN ${robustHist} ELSE ${linearHist} END AS histogram
        FROM counted c CROSS JOIN ${modesSql()} m
        WHERE c.obs_mode IN ('*', m.mode)
      ),
      peer AS (
        SELECT p.segment, p.area, p.metric, m.mode, p.level, p.n,
               round(p.mean, 6) AS mean, round(p.std, 6) AS std, round(p.median, 6) AS median,
               round(CASE m.mode WHEN 'robust' THEN p.mad_t ELSE p.mad END, 6) AS mad,
               CASE WHEN m.mode = 'robust' THEN p.scale ELSE 'linear' END AS scale,
               round(CASE m.mode WHEN 'robust' THEN p.robust_min ELSE p.parity_min END, 6) AS lower,
               round(CASE m.mode WHEN 'robust' THEN p.robust_max ELSE p.parity_max END, 6) AS upper,
               p.fallback, h.histogram
        FROM ${T.peer} p CROSS JOIN ${modesSql()} m
        JOIN hist h ON h.metric = p.metric AND h.obs_mode = p.obs_mode AND h.level = p.level AND h.key = p.key
          AND h.mode = m.mode
        WHERE p.obs_mode IN ('*', m.mode) AND p.n IS NOT NULL
      ),
      rule_values AS (
        SELECT p.segment, r.metric, r.mode, count(*)::INTEGER AS n, ${sortedValuesSql('r.value')} AS lv,
               min(r.expected_min) AS min_lo, max(r.expected_min) AS max_lo,
               min(r.expected_max) AS min_hi, max(r.expected_max) AS max_hi
        FROM ${T.results} r JOIN ${T.projects} p USING (pronac)
        WHERE r.valid AND r.metric NOT IN (${peerList})
        GROUP BY ALL
      ),
      rule_centred AS (
        SELECT *, list_median(lv) AS med, ${binCountsSql('lv', 'lv[1]', 'lv[-1]', bins)} AS cv FROM rule_values
      ),
      rule AS (
        SELECT v.segment, s.area, v.metric, v.mode, 'segment' AS level, v.n,
               round(list_avg(lv), 6) AS mean, round(list_stddev_samp(lv), 6) AS std,
               round(med, 6) AS median,
               round(list_median(list_transform(lv, x -> abs(x - med))), 6) AS mad,
               'linear' AS scale,
               CASE WHEN min_lo = max_lo THEN min_lo END AS lower, CASE WHEN min_hi = max_hi THEN min_hi END AS upper,
               NULL::VARCHAR AS fallback,
               ${histogramJsonSql('cv', 'lv[1]', 'lv[-1]', bins)} AS histogram
        FROM rule_centred v JOIN ${T.segments} s USING (segment)
      )
      SELECT x.segment, c.segment_code, x.area, x.metric, x.mode, x.level, x.n, x.mean, x.std, x.median, x.mad,
             x.scale, x.lower, x.upper, x.fallback, x.histogram, ${run}
      FROM (SELECT * FROM peer UNION ALL BY NAME SELECT * FROM rule) x
      LEFT JOIN codes c USING (segment)
      ORDER BY x.segment, x.metric, x.mode`),
    );
    await db.run('COMMIT');
  } catch (error) {
    await db.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
