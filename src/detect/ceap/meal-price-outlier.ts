// Meal price outlier (DOMAIN.md §4.2, prior art "Rosie" meal_price_outlier, made deterministic and robust):
// meal receipts (subquota 13) from companies (14-digit CNPJ, hotels excluded by name) priced far above what
// that restaurant usually charges. The price is the receipt's value (vlrDocumento): a partial glosa lowers
// what was paid, not what the meal cost. Rows with nothing paid (vlrDocumento or vlrLiquido ≤ 0) are left out.
// Statistics are robust (median / MAD) on ln(value) per accounting year (prices drift with inflation):
// - a supplier with enough history in the year (by default, as the prior art: more than 20 receipts from more
//   than 3 requesters) is compared with its own receipts of that year;
// - any other supplier is compared with every company meal receipt of that year (hotels excluded), and the
//   explanation says so (`peerGroup.fallback`). The prior art clustered the known suppliers with an unseeded
//   KMeans there; a stated, wider peer group is deterministic and can be checked by hand.
// Flagged when value > floor(exp(median + k · σ)), σ = 1.4826 · MAD of ln(value) (robust-stats-sql.ts: MAD = 0
// and the σ floor). docs/detectors/meal-price-outlier.md compares this rule with the prior art's.
import type { Detector } from '../detector.js';
import { explanationSql, peerGroupSql } from '../explanation.js';
import {
  groupCentersSql,
  groupSpreadSql,
  histogramSql,
  robustScaleSql,
  robustStatsSql,
} from '../robust-stats-sql.js';
import { sqlBrl, sqlIntBr, sqlDecimalBr, sqlDocumentMask } from '../sql-format.js';

/**
 * Supplier names that mark a hotel or other lodging (meals there are often room service / half board, priced
 * unlike restaurants; the prior art excluded `hote(l|is)`): matched on the upper-cased, accent-stripped name.
 * HOTEL (also HOTELS, HOTELARIA, APART-HOTEL), HOTEIS/HOTÉIS, POUSADA, HOSTEL, ALBERGUE, HOSPEDARIA/HOSPEDAGEM,
 * RESORT, MOTEL (word start), FLAT and INN (whole words).
 */
export const HOTEL_NAME_PATTERN =
  'HOTE(L|IS)|POUSADA|HOSTEL|ALBERGUE|HOSPEDA(RIA|GEM)|RESORT|\\bMOTEL|\\bFLAT\\b|\\bINN\\b';

export interface MealPriceOutlierOptions {
  /** A supplier is judged on its own history when it has more than this many receipts in the year (prior art: 20). */
  receiptsAbove: number;
  /** …and those receipts come from more than this many distinct requesters (prior art: 3). */
  deputiesAbove: number;
  /** Cut-off in robust z-scores: flagged when ln(value) > median + k · 1.4826 · MAD. */
  k: number;
  /**
   * Floor of the robust σ of ln(value): with k = 3 and 0.2, nothing under e^0.6 ≈ 1.8× the median is flagged,
   * even where most receipts have one price (MAD = 0).
   */
  minLogScale: number;
  /** Receipts the year-wide fallback group needs; with fewer, suppliers without enough history are not judged. */
  minFallbackReceipts: number;
  /** Histogram bins of the peer distribution in the explanation. */
  bins: number;
}

/**
 * Defaults. k = 3 is the prior art's "3 standard deviations" made robust: on log scale, more than e^(3σ) times
 * the supplier's median (with a typical restaurant σ ≈ 0.45, about 3.9× its median; a normal tail of 0.13%).
 * On the demo data (planted meals at 5–15× the restaurant's median; normal ones never above 4×) k = 3 gives
 * precision 0.974 / recall 0.994; Iglewicz & Hoaglin's 3.5 gives 0.994–0.997 / 0.94–0.95 (σ estimated from
 * 21–50 receipts is noisy), k = 2.5 gives 0.87–0.89 / 1.0.
 */
export const MEAL_PRICE_OUTLIER_DEFAULTS: Readonly<MealPriceOutlierOptions> = {
  receiptsAbove: 20,
  deputiesAbove: 3,
  k: 3,
  minLogScale: 0.2,
  minFallbackReceipts: 30,
  bins: 20,
};

const ID = 'meal_price_outlier';
const KEYS = ['supplier_id', 'year'];

/** The meal price outlier detector with `options` over the defaults. */
export function createMealPriceOutlier(options: Partial<MealPriceOutlierOptions> = {}): Detector {
  const o: MealPriceOutlierOptions = { ...MEAL_PRICE_OUTLIER_DEFAULTS, ...options };
  const history = historyRule(o);
  return {
    id: ID,
    title: 'Meal price far above the usual',
    titlePt: 'Refeição muito acima do preço usual',
    descriptionPt: 'Recibos de refeição com preço muito acima do usual do restaurante.',
    methodPt:
      `Estatística robusta (mediana e MAD do logaritmo do valor) dos recibos do próprio fornecedor no ano, quando ` +
      `ele tem mais de ${o.receiptsAbove} recibos de mais de ${o.deputiesAbove} requerentes; senão, de todas as ` +
      `refeições de empresas no ano. Sinaliza acima de mediana + ${String(o.k).replace('.', ',')} × 1,4826 × MAD. ` +
      `Hotéis ficam de fora.`,
    description:
      'Meal receipts (subquota 13) from companies, hotels excluded, priced far above what the same restaurant ' +
      'usually charges (or, for restaurants with little history, far above the meals of that year).',
    method:
      `Meal receipts (numSubCota 13) with a 14-digit CNPJ and positive vlrDocumento and vlrLiquido, excluding ` +
      `suppliers whose name matches ${HOTEL_NAME_PATTERN} (upper case, accents stripped). Per accounting year, ` +
      `on ln(vlrDocumento in cents): ` +
      `suppliers with ${history} that year are compared with their own receipts; the others with all those ` +
      `meal receipts of the year (at least ${o.minFallbackReceipts}). σ = 1.4826 × MAD (1.2533 × mean absolute ` +
      `deviation when MAD is 0; at least ${o.minLogScale}); flagged when vlrDocumento in cents > floor(exp(median + ` +
      `${o.k} × σ)). Severity = 0.5 + 0.5 × (z − ${o.k}) / ${o.k}, capped at 1, z = (ln(value) − median) / σ.`,
    explanationFields: [
      'text',
      'observed',
      'threshold',
      'peerGroup',
      'distribution',
      'method',
      'receiptUrl',
      'supplierDocument',
      'supplierName',
      'year',
      'issueDate',
      'netCents',
      'glosaCents',
      'peer',
      'supplierReceipts',
      'supplierDeputies',
      'medianCents',
      'ratioToMedian',
      'robustZ',
      'k',
      'sigma',
    ],
    async run({ db, flagTable }) {
      await db.run(`INSERT INTO ${flagTable}\n${mealPriceOutlierSql(o)}`);
    },
  };
}

/** The detector with the default options. */
export const mealPriceOutlier: Detector = createMealPriceOutlier();

function historyRule(o: MealPriceOutlierOptions): string {
  return `more than ${o.receiptsAbove} receipts from more than ${o.deputiesAbove} requesters`;
}

function mealPriceOutlierSql(o: MealPriceOutlierOptions): string {
  const history = historyRule(o);
  const scale = robustScaleSql('mad', 'mean_ad', o.minLogScale);
  const ownHistory = `n > ${o.receiptsAbove} AND deputies > ${o.deputiesAbove}`;
  const cnpj = sqlDocumentMask('supplier_document');
  const supplier = `coalesce(nullif(trim(supplier_name), ''), 'fornecedor sem nome') || ' (' || ${cnpj} || ')'`;
  const int = sqlIntBr;
  const ratio = sqlDecimalBr('exp(log_value - median)', 1);
  const kPt = String(o.k).replace('.', ',');
  const ownGroup = `'dos ' || ${int('supplier_n')} || ' recibos de refeição desse fornecedor em ' || year || ' (' || ${int('supplier_deputies')} || ' requerentes)'`;
  const yearGroup = `'dos ' || ${int('n')} || ' recibos de refeição de empresas em ' || year || ' (hotéis excluídos)'`;
  const fallback = `'o fornecedor tem só ' || ${int('supplier_n')} || ' recibo(s) de refeição de ' || ${int('supplier_deputies')}
    || ' requerente(s) em ' || year || '; o histórico próprio exige mais de ${o.receiptsAbove} recibos de mais de ${o.deputiesAbove} requerentes, por isso a comparação é com todos os recibos de refeição de empresas do ano (hotéis excluídos)'`;
  const bins = (from: string, keys: string[], ranges: string) =>
    histogramSql({ from, keys, value: 'log_value', ranges, bins: o.bins, edge: (x) => `round(exp(${x}))` });
  return `
    WITH base AS MATERIALIZED (
      SELECT reimbursement_id, deputy_id, year, TRY_CAST(supplier_document AS BIGINT) AS supplier_id, document_cents,
             ln(document_cents) AS log_value
      FROM marts.reimbursements
      WHERE subquota = 13 AND supplier_document_kind = 'cnpj' AND regexp_full_match(supplier_document, '[0-9]{14}')
        AND document_cents > 0 AND net_cents > 0
        AND NOT regexp_matches(strip_accents(upper(coalesce(supplier_name, ''))), '${HOTEL_NAME_PATTERN}')
    ),
    -- Every (supplier, year): its size, requesters and median; the spread only for suppliers with history.
    groups AS MATERIALIZED (
      ${groupCentersSql({ from: 'base', keys: KEYS, value: 'log_value', median: 'ln(median(document_cents))', aggregates: ['count(DISTINCT deputy_id) AS deputies'] })}
    ),
    own_groups AS MATERIALIZED (SELECT * FROM groups WHERE ${ownHistory}),
    by_supplier AS MATERIALIZED (
      SELECT *, ${scale} AS sigma, floor(exp(median + ${o.k} * ${scale}))::BIGINT AS threshold_cents
      FROM (${groupSpreadSql({ from: 'base', centers: 'own_groups', keys: KEYS, value: 'log_value' })})
    ),
    by_year AS MATERIALIZED (
      SELECT *, ${scale} AS sigma, floor(exp(median + ${o.k} * ${scale}))::BIGINT AS threshold_cents
      FROM (${robustStatsSql({ from: 'base', keys: ['year'], value: 'log_value', median: 'ln(median(document_cents))' })})
      WHERE n >= ${o.minFallbackReceipts}
    ),
    own_flags AS (
      SELECT b.*, TRUE AS own_history, s.n, s.median, s.mad, s.lo, s.hi, s.sigma, s.threshold_cents
      FROM base b JOIN by_supplier s USING (supplier_id, year)
      WHERE b.document_cents > s.threshold_cents
    ),
    -- The others: rows above the year's threshold (few), kept (in flags) when their supplier lacks history.
    year_flags AS (
      SELECT b.*, FALSE AS own_history, y.n, y.median, y.mad, y.lo, y.hi, y.sigma, y.threshold_cents
      FROM base b JOIN by_year y USING (year)
      WHERE b.document_cents > y.threshold_cents
    ),
    flags AS MATERIALIZED (
      SELECT f.*, g.n AS supplier_n, g.deputies AS supplier_deputies, (f.log_value - f.median) / f.sigma AS z
      FROM (SELECT * FROM own_flags UNION ALL BY NAME SELECT * FROM year_flags) f
      JOIN groups g USING (supplier_id, year)
      WHERE f.own_history = (g.n > ${o.receiptsAbove} AND g.deputies > ${o.deputiesAbove})
    ),
    supplier_bins AS (
      ${bins('base', KEYS, '(SELECT DISTINCT supplier_id, year, lo, hi FROM flags WHERE own_history)')}
    ),
    year_bins AS (
      ${bins('base', ['year'], '(SELECT DISTINCT year, lo, hi FROM flags WHERE NOT own_history)')}
    )
    SELECT reimbursement_id, '${ID}', least(1.0, 0.5 + 0.5 * (z - ${o.k}) / ${o.k}),
      ${explanationSql({
        text: `'Recibo de refeição de ' || ${sqlBrl('document_cents')} || ' de ' || ${supplier}
          || coalesce(', emitido em ' || strftime(issue_date, '%d/%m/%Y'), '') || ': ' || ${ratio}
          || ' vezes a mediana de ' || ${sqlBrl('exp(median)')} || ' ' || CASE WHEN own_history THEN ${ownGroup} ELSE ${yearGroup} END
          || ', acima do limite estatístico de ' || ${sqlBrl('threshold_cents')} || ' (mediana + ${kPt} desvios robustos, em escala logarítmica)'
          || CASE WHEN own_history THEN '' ELSE '; o fornecedor tem só ' || ${int('supplier_n')} || ' recibo(s) de '
               || ${int('supplier_deputies')} || ' requerente(s) no ano, pouco para compará-lo com o próprio histórico' END
          || CASE WHEN glosa_cents > 0 THEN '. Foram reembolsados ' || ${sqlBrl('net_cents')} || ' (glosa de ' || ${sqlBrl('glosa_cents')} || ')' ELSE '' END
          || '.'`,
        observed: {
          label: 'valor do recibo de refeição (vlrDocumento)',
          value: 'document_cents',
          unit: 'cents',
        },
        threshold: {
          label: `mediana do grupo × exp(${String(o.k).replace('.', ',')} × 1,4826 × MAD), em escala logarítmica`,
          value: 'threshold_cents',
          unit: 'cents',
        },
        peerGroup: peerGroupSql({
          description: `CASE WHEN own_history THEN 'recibos de refeição de ' || ${supplier} || ' em ' || year
            ELSE 'recibos de refeição de empresas (hotéis excluídos) em ' || year END`,
          n: 'n',
          median: 'round(median, 6)',
          mad: 'round(mad, 6)',
          fallback: `CASE WHEN own_history THEN NULL ELSE ${fallback} END`,
          logScale: true,
        }),
        distribution: `json_object('bins', bins, 'logScale', true)`,
        method: `robust z-score of ln(receipt value) among the supplier's meals of the year (${history}), else among all company meals of the year; flagged above median + ${o.k} × 1.4826 × MAD`,
        receiptUrl: 'receipt_url',
        details: {
          supplierDocument: 'supplier_document',
          supplierName: 'supplier_name',
          year: 'year',
          issueDate: `strftime(issue_date, '%Y-%m-%d')`,
          netCents: 'net_cents',
          glosaCents: 'glosa_cents',
          peer: `CASE WHEN own_history THEN 'supplier' ELSE 'year' END`,
          supplierReceipts: 'supplier_n',
          supplierDeputies: 'supplier_deputies',
          medianCents: 'round(exp(median))::BIGINT',
          ratioToMedian: 'round(exp(log_value - median), 2)',
          robustZ: 'round(z, 3)',
          k: String(o.k),
          sigma: 'round(sigma, 6)',
        },
      })}
    FROM (
      SELECT f.*, coalesce(sb.bins, yb.bins) AS bins, m.supplier_document, m.supplier_name, m.issue_date, m.net_cents,
             m.glosa_cents, m.receipt_url
      FROM flags f
      JOIN marts.reimbursements m USING (reimbursement_id)
      LEFT JOIN supplier_bins sb ON f.own_history AND sb.supplier_id = f.supplier_id AND sb.year = f.year
      LEFT JOIN year_bins yb ON NOT f.own_history AND yb.year = f.year
    ) f`;
}
