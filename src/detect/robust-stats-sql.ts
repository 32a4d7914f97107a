// Robust statistics per group, in DuckDB SQL, for statistical detectors (ARCHITECTURE.md "Detect and learn":
// median/MAD by default, usually on log scale): per-group n, median, MAD and mean absolute deviation in two
// aggregation passes (no per-row subqueries), the robust scale used to turn a deviation into a z-score, and
// equal-width histograms of a group's values for the dashboard (`Explanation.distribution`).

/** 1.4826 · MAD estimates σ for normal data (1 / Φ⁻¹(3/4)); robust z = (x − median) / (1.4826 · MAD). */
export const MAD_TO_SIGMA = 1.4826;

/** √(π/2) · mean absolute deviation estimates σ for normal data; used when over half the group is one value. */
export const MEAN_AD_TO_SIGMA = 1.2533;

export interface GroupCentersSqlOptions {
  /** Relation (table or CTE name) with one row per observation. */
  from: string;
  /** Group-key columns of `from`; must not be NULL (NULL keys would not join back). Integer keys are fastest. */
  keys: readonly string[];
  /** Numeric column of `from` the statistics are computed on (e.g. `log_value`). */
  value: string;
  /**
   * Aggregate giving the group's median on the `value` scale; default `median(value)`. With value = ln(cents),
   * `ln(median(cents))` is the same for odd n (for even n the middle pair is averaged in cents rather than in
   * logs) and about twice as fast: DuckDB selects medians of integers faster than of doubles.
   */
  median?: string;
  /** Extra aggregates over the group's rows, each with its alias, e.g. `count(DISTINCT deputy_id) AS deputies`. */
  aggregates?: readonly string[];
}

/**
 * First pass, one row per group: the keys, `n`, `median`, `lo`/`hi` (min/max of `value`) and the extra
 * aggregates. Materialise it when it also serves as the groups' sizes.
 * @example groupCentersSql({ from: 'base', keys: ['year'], value: 'log_value' })
 */
export function groupCentersSql(o: GroupCentersSqlOptions): string {
  const cols = [
    o.keys.join(', '),
    'count(*) AS n',
    `${o.median ?? `median(${o.value})`} AS median`,
    `min(${o.value}) AS lo`,
    `max(${o.value}) AS hi`,
    ...(o.aggregates ?? []),
  ];
  return `SELECT ${cols.join(', ')} FROM ${o.from} GROUP BY ${o.keys.join(', ')}`;
}

export interface GroupSpreadSqlOptions {
  /** Relation with one row per observation. */
  from: string;
  /**
   * Relation with one row per group: a CTE or table holding a `groupCentersSql` result (read twice, so not an
   * inline subquery), possibly filtered to the groups needed.
   */
  centers: string;
  keys: readonly string[];
  value: string;
}

/**
 * Second pass, one row per group of `centers` (groups absent from it are skipped, so filter `centers` to
 * save work): every column of `centers` plus `mad` (raw median absolute deviation from the median) and
 * `mean_ad` (mean absolute deviation from the median).
 */
export function groupSpreadSql(o: GroupSpreadSqlOptions): string {
  const on = o.keys.map((k) => `d.${k} = c.${k}`).join(' AND ');
  return `SELECT c.*, s.mad, s.mean_ad
    FROM ${o.centers} c
    JOIN (SELECT ${o.keys.map((k) => `c.${k}`).join(', ')},
                 median(abs(d.${o.value} - c.median)) AS mad,
                 -- exact decimal sum: a float sum depends on the (parallel) order rows arrive in
                 CAST(avg(CAST(abs(d.${o.value} - c.median) AS DECIMAL(18, 12))) AS DOUBLE) AS mean_ad
          FROM ${o.from} d JOIN ${o.centers} c ON ${on}
          GROUP BY ${o.keys.map((k) => `c.${k}`).join(', ')}) s
      ON ${o.keys.map((k) => `s.${k} = c.${k}`).join(' AND ')}`;
}

/**
 * Both passes, one row per group: keys, `n`, `median`, `lo`, `hi`, extra aggregates, `mad`, `mean_ad`.
 * @example robustStatsSql({ from: 'base', keys: ['subquota', 'year'], value: 'log_value' })
 */
export function robustStatsSql(o: GroupCentersSqlOptions): string {
  return `WITH centers AS MATERIALIZED (${groupCentersSql(o)})
    ${groupSpreadSql({ from: o.from, centers: 'centers', keys: o.keys, value: o.value })}`;
}

/**
 * The robust scale (σ estimate) of a group from its `mad` and `mean_ad` columns: 1.4826 · MAD, or
 * 1.2533 · mean absolute deviation when MAD is 0 (over half the group is one value), never below `floor`
 * (so that a group of identical prices does not flag a one-cent difference).
 */
export function robustScaleSql(mad: string, meanAd: string, floor: number): string {
  return `greatest(CASE WHEN ${mad} > 0 THEN ${MAD_TO_SIGMA} * ${mad} ELSE ${MEAN_AD_TO_SIGMA} * coalesce(${meanAd}, 0) END, ${floor})`;
}

export interface HistogramSqlOptions {
  /** Relation with one row per observation (the same `from` the statistics came from). */
  from: string;
  /** Group keys, present in both `from` and `ranges`. */
  keys: readonly string[];
  /** Numeric column of `from` (same scale as `lo`/`hi`). */
  value: string;
  /** Relation with one row per group to draw: the keys plus `lo` and `hi` (bins span [lo, hi]). */
  ranges: string;
  bins: number;
  /** Maps a bin edge on the `value` scale to the unit shown (e.g. `(x) => \`round(exp(${x}))\`` for log cents). */
  edge?: (x: string) => string;
}

/**
 * A SELECT with one row per group of `ranges`: the keys and `bins`, a JSON array of `bins` objects
 * {from, to, count} of equal width on the `value` scale over [lo, hi] (the last bin includes hi; empty bins
 * are kept, so the array always has `bins` entries).
 */
export function histogramSql(o: HistogramSqlOptions): string {
  const edge = o.edge ?? ((x: string) => x);
  const on = (a: string, b: string) => o.keys.map((k) => `${a}.${k} = ${b}.${k}`).join(' AND ');
  const width = `(g.hi - g.lo) / ${o.bins}`;
  const binOf = `CASE WHEN g.hi > g.lo THEN least(${o.bins - 1}, greatest(0, floor((d.${o.value} - g.lo) / (g.hi - g.lo) * ${o.bins})))::INTEGER ELSE 0 END`;
  return `SELECT ${o.keys.map((k) => `g.${k}`).join(', ')},
      to_json(list({'from': ${edge(`(g.lo + b.i * ${width})`)}, 'to': ${edge(`(g.lo + (b.i + 1) * ${width})`)}, 'count': coalesce(c.cnt, 0)} ORDER BY b.i)) AS bins
    FROM ${o.ranges} g
    CROSS JOIN (SELECT range::INTEGER AS i FROM range(${o.bins})) b
    LEFT JOIN (
      SELECT ${o.keys.map((k) => `g.${k}`).join(', ')}, ${binOf} AS i, count(*) AS cnt
      FROM ${o.from} d JOIN ${o.ranges} g ON ${on('d', 'g')}
      GROUP BY ALL
    ) c ON ${on('c', 'g')} AND c.i = b.i
    GROUP BY ${o.keys.map((k) => `g.${k}`).join(', ')}`;
}
