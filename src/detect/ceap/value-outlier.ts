// Value outlier: a receipt worth many times what the same supplier usually bills in the same subquota. Robust
// statistics (median / MAD) on ln(value) per (subquota, supplier, accounting year); a group smaller than the
// floor (default 30 receipts) falls back to the whole subquota that year, and the explanation says so
// (`peerGroup.fallback`). Only the high side is flagged. Left out: meals (subquota 13, covered by
// meal_price_outlier) and rows with nothing paid or negative values (vlrDocumento or vlrLiquido ≤ 0: flight
// ticket compensations, franked phone lines). The value is the receipt's (vlrDocumento), as in
// meal_price_outlier: a partial glosa lowers what was paid, not what was billed. The supplier is its document;
// without one (foreign receipts, some post rows), its upper-cased name.
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

export interface ValueOutlierOptions {
  /** Cut-off in robust z-scores: flagged when ln(value) > median + k · 1.4826 · MAD. */
  k: number;
  /** Least receipts of a (subquota, supplier, year) group to use its own statistics; else the subquota's that year. */
  minGroupSize: number;
  /**
   * Floor of the robust σ of ln(value): with k = 4 and 0.2, nothing under e^0.8 ≈ 2.2× the median is flagged,
   * even for a supplier that bills one fixed amount (MAD = 0) or rounds most values (fuel "R$ 100,00").
   */
  minLogScale: number;
  /** Histogram bins of the peer distribution in the explanation. */
  bins: number;
}

/**
 * Defaults. k = 4: receipts more than e^(4σ) times their group's median (≈ 9× for σ = 0.55, flight tickets;
 * ≈ 5× for σ = 0.4). Receipts of one supplier spread wider and with heavier tails than a restaurant's prices, and
 * the fallback groups mix suppliers, so the cut-off sits above meal_price_outlier's 3. Demo data (~400k rows):
 * without planted value outliers k = 4 flags 0.048% of the rows (k = 3.5: 0.11%, k = 3: 0.28%); with them
 * (9–27× the pair median) precision 0.996 and recall 1.0 (k = 3.5: 0.969 / 1.0; k = 3: 0.80 / 1.0).
 */
export const VALUE_OUTLIER_DEFAULTS: Readonly<ValueOutlierOptions> = {
  k: 4,
  minGroupSize: 30,
  minLogScale: 0.2,
  bins: 20,
};

const ID = 'value_outlier';

/** A peer group: subquota, supplier, accounting year. */
const SUPPLIER_KEYS = ['subquota', 'supplier_id', 'year'];

/**
 * An exact integer id of the supplier, so that groups hash and join on integers (2–3× faster than on text at
 * 5M rows): a document of 1–16 digits → digits × 100 + its length (CPF 11 digits and a CNPJ with leading zeros
 * stay apart); no document → a negative 62-bit hash of the upper-cased name (foreign receipts).
 */
const SUPPLIER_ID_SQL = `coalesce(
    CASE WHEN length(supplier_document) BETWEEN 1 AND 16 THEN TRY_CAST(supplier_document AS BIGINT) * 100 + length(supplier_document) END,
    -1 - (hash(upper(trim(coalesce(supplier_name, '')))) >> 2)::BIGINT)`;

/** The value outlier detector with `options` over the defaults. */
export function createValueOutlier(options: Partial<ValueOutlierOptions> = {}): Detector {
  const o: ValueOutlierOptions = { ...VALUE_OUTLIER_DEFAULTS, ...options };
  return {
    id: ID,
    title: 'Receipt value far above the supplier’s usual',
    titlePt: 'Valor muito acima do usual do fornecedor',
    descriptionPt: 'Recibos com valor muito acima do usual daquele fornecedor naquela subcota.',
    methodPt:
      `Estatística robusta (mediana e MAD do logaritmo do valor) por subcota, fornecedor e ano, com ao menos ` +
      `${o.minGroupSize} recibos; senão, toda a subcota no ano. Sinaliza acima de mediana + ` +
      `${String(o.k).replace('.', ',')} × 1,4826 × MAD. Refeições ficam de fora (há um detector próprio).`,
    description:
      'Receipts (meals excluded) worth many times what the same supplier usually bills in the same subquota ' +
      'that year (or, for suppliers with few receipts, many times the usual value of the subquota that year).',
    method:
      `Receipts of every subquota but 13 (meals) with positive vlrDocumento and vlrLiquido. Per (numSubCota, ` +
      `supplier document — or name when there is none —, accounting year) with at least ${o.minGroupSize} ` +
      `receipts, else per (numSubCota, year) when that has at least ${o.minGroupSize}, on ln(vlrDocumento in ` +
      `cents): σ = 1.4826 × MAD (1.2533 × mean absolute deviation when MAD is 0; at least ${o.minLogScale}); ` +
      `flagged when vlrDocumento in cents > floor(exp(median + ${o.k} × σ)) (high side only). Severity = 0.5 + ` +
      `0.5 × (z − ${o.k}) / ${o.k}, capped at 1, z = (ln(value) − median) / σ.`,
    explanationFields: [
      'text',
      'observed',
      'threshold',
      'peerGroup',
      'distribution',
      'method',
      'receiptUrl',
      'subquota',
      'subquotaDescription',
      'supplierDocument',
      'supplierName',
      'year',
      'issueDate',
      'netCents',
      'glosaCents',
      'peer',
      'supplierReceipts',
      'medianCents',
      'ratioToMedian',
      'robustZ',
      'k',
      'sigma',
    ],
    async run({ db, flagTable }) {
      await db.run(`INSERT INTO ${flagTable}\n${valueOutlierSql(o)}`);
    },
  };
}

/** The detector with the default options. */
export const valueOutlier: Detector = createValueOutlier();

function valueOutlierSql(o: ValueOutlierOptions): string {
  const scale = robustScaleSql('mad', 'mean_ad', o.minLogScale);
  const document = sqlDocumentMask('supplier_document');
  const supplier = `coalesce(nullif(trim(supplier_name), ''), 'fornecedor sem nome') || coalesce(' (' || ${document} || ')', '')`;
  const subquotaPt = `rtrim(lower(coalesce(subquota_description, 'subcota ' || subquota)), '. ')`;
  const int = sqlIntBr;
  const ratio = sqlDecimalBr('exp(log_value - median)', 1);
  const kPt = String(o.k).replace('.', ',');
  const ownGroup = `'dos ' || ${int('n')} || ' recibos desse fornecedor nessa subcota em ' || year`;
  const wideGroup = `'dos ' || ${int('n')} || ' recibos dessa subcota em ' || year || ', de todos os fornecedores'`;
  const fallback = `'o fornecedor tem só ' || ${int('supplier_n')} || ' recibo(s) dessa subcota em ' || year
    || ', menos que os ${o.minGroupSize} necessários para usar o próprio histórico; por isso a comparação é com todos os recibos da subcota no ano'`;
  const bins = (from: string, keys: string[], ranges: string) =>
    histogramSql({ from, keys, value: 'log_value', ranges, bins: o.bins, edge: (x) => `round(exp(${x}))` });
  return `
    WITH base AS MATERIALIZED (
      SELECT reimbursement_id, subquota, year, ${SUPPLIER_ID_SQL} AS supplier_id, document_cents, ln(document_cents) AS log_value
      FROM marts.reimbursements
      WHERE subquota <> 13 AND document_cents > 0 AND net_cents > 0
    ),
    -- Every (subquota, supplier, year) group: its size, and its median for those big enough to use it.
    groups AS MATERIALIZED (
      ${groupCentersSql({ from: 'base', keys: SUPPLIER_KEYS, value: 'log_value', median: 'ln(median(document_cents))' })}
    ),
    own_groups AS MATERIALIZED (SELECT * FROM groups WHERE n >= ${o.minGroupSize}),
    by_supplier AS MATERIALIZED (
      SELECT *, ${scale} AS sigma, floor(exp(median + ${o.k} * ${scale}))::BIGINT AS threshold_cents
      FROM (${groupSpreadSql({ from: 'base', centers: 'own_groups', keys: SUPPLIER_KEYS, value: 'log_value' })})
    ),
    by_subquota AS MATERIALIZED (
      SELECT *, ${scale} AS sigma, floor(exp(median + ${o.k} * ${scale}))::BIGINT AS threshold_cents
      FROM (${robustStatsSql({ from: 'base', keys: ['subquota', 'year'], value: 'log_value', median: 'ln(median(document_cents))' })})
      WHERE n >= ${o.minGroupSize}
    ),
    own_flags AS (
      SELECT b.*, TRUE AS own_group, s.n, s.median, s.mad, s.lo, s.hi, s.sigma, s.threshold_cents
      FROM base b JOIN by_supplier s USING (subquota, supplier_id, year)
      WHERE b.document_cents > s.threshold_cents
    ),
    -- The others: rows above their subquota's threshold (few), kept (in flags) when their group is small.
    subquota_flags AS (
      SELECT b.*, FALSE AS own_group, w.n, w.median, w.mad, w.lo, w.hi, w.sigma, w.threshold_cents
      FROM base b JOIN by_subquota w USING (subquota, year)
      WHERE b.document_cents > w.threshold_cents
    ),
    flags AS MATERIALIZED (
      SELECT f.*, g.n AS supplier_n, (f.log_value - f.median) / f.sigma AS z
      FROM (SELECT * FROM own_flags UNION ALL BY NAME SELECT * FROM subquota_flags) f
      JOIN groups g USING (subquota, supplier_id, year)
      WHERE f.own_group = (g.n >= ${o.minGroupSize})
    ),
    supplier_bins AS (
      ${bins('base', SUPPLIER_KEYS, '(SELECT DISTINCT subquota, supplier_id, year, lo, hi FROM flags WHERE own_group)')}
    ),
    subquota_bins AS (
      ${bins('base', ['subquota', 'year'], '(SELECT DISTINCT subquota, year, lo, hi FROM flags WHERE NOT own_group)')}
    )
    SELECT reimbursement_id, '${ID}', least(1.0, 0.5 + 0.5 * (z - ${o.k}) / ${o.k}),
      ${explanationSql({
        text: `'Recibo de ' || ${sqlBrl('document_cents')} || ' em ' || ${subquotaPt} || ' de ' || ${supplier}
          || coalesce(', emitido em ' || strftime(issue_date, '%d/%m/%Y'), '') || ': ' || ${ratio}
          || ' vezes a mediana de ' || ${sqlBrl('exp(median)')} || ' ' || CASE WHEN own_group THEN ${ownGroup} ELSE ${wideGroup} END
          || ', acima do limite estatístico de ' || ${sqlBrl('threshold_cents')} || ' (mediana + ${kPt} desvios robustos, em escala logarítmica)'
          || CASE WHEN own_group THEN '' ELSE '; o fornecedor tem só ' || ${int('supplier_n')} || ' recibo(s) dessa subcota no ano, pouco para compará-lo com o próprio histórico' END
          || CASE WHEN glosa_cents > 0 THEN '. Foram reembolsados ' || ${sqlBrl('net_cents')} || ' (glosa de ' || ${sqlBrl('glosa_cents')} || ')' ELSE '' END
          || '.'`,
        observed: { label: 'valor do recibo (vlrDocumento)', value: 'document_cents', unit: 'cents' },
        threshold: {
          label: `mediana do grupo × exp(${String(o.k).replace('.', ',')} × 1,4826 × MAD), em escala logarítmica`,
          value: 'threshold_cents',
          unit: 'cents',
        },
        peerGroup: peerGroupSql({
          description: `CASE WHEN own_group THEN 'recibos de ' || ${subquotaPt} || ' de ' || ${supplier} || ' em ' || year
            ELSE 'recibos de ' || ${subquotaPt} || ' de todos os fornecedores em ' || year END`,
          n: 'n',
          median: 'round(median, 6)',
          mad: 'round(mad, 6)',
          fallback: `CASE WHEN own_group THEN NULL ELSE ${fallback} END`,
          logScale: true,
        }),
        distribution: `json_object('bins', bins, 'logScale', true)`,
        method: `robust z-score of ln(receipt value) among the supplier's receipts of the subquota and year (at least ${o.minGroupSize}), else among the subquota's receipts of the year; flagged above median + ${o.k} × 1.4826 × MAD`,
        receiptUrl: 'receipt_url',
        details: {
          subquota: 'subquota',
          subquotaDescription: 'subquota_description',
          supplierDocument: 'supplier_document',
          supplierName: 'supplier_name',
          year: 'year',
          issueDate: `strftime(issue_date, '%Y-%m-%d')`,
          netCents: 'net_cents',
          glosaCents: 'glosa_cents',
          peer: `CASE WHEN own_group THEN 'supplier' ELSE 'subquota' END`,
          supplierReceipts: 'supplier_n',
          medianCents: 'round(exp(median))::BIGINT',
          ratioToMedian: 'round(exp(log_value - median), 2)',
          robustZ: 'round(z, 3)',
          k: String(o.k),
          sigma: 'round(sigma, 6)',
        },
      })}
    FROM (
      SELECT f.*, coalesce(sb.bins, wb.bins) AS bins, m.subquota_description, m.supplier_document, m.supplier_name,
             m.issue_date, m.net_cents, m.glosa_cents, m.receipt_url
      FROM flags f
      JOIN marts.reimbursements m USING (reimbursement_id)
      LEFT JOIN supplier_bins sb
        ON f.own_group AND sb.subquota = f.subquota AND sb.supplier_id = f.supplier_id AND sb.year = f.year
      LEFT JOIN subquota_bins wb ON NOT f.own_group AND wb.subquota = f.subquota AND wb.year = f.year
    ) f`;
}
