// Hardin's meal_price_outlier against the prior art's rule ("Rosie", DOMAIN.md §4.2) on the prior art's own test
// cases (../shared/data/real/peer-fixtures/meal_price_outlier_cases.csv, read in place, never copied). The prior
// art is re-implemented here faithfully: meal receipts of 14-digit recipients, hotels excluded by
// /hote(?:(?:ls?)|is)/ on the lower-cased, accent-stripped name; per recipient the mean and the population std
// of net_value, the distinct applicants and the receipts; recipients with > 3 applicants and > 20 receipts are
// flagged above mean + 3·std; the others above the threshold (mean + 4·std, averaged over the cluster) of the
// KMeans(3) cluster of known recipients nearest to their (mean, std). KMeans is unseeded in the prior art, so
// that branch is compared only where it is deterministic: with exactly three known recipients, each is its own
// cluster. docs/detectors/meal-price-outlier.md explains each difference found here.
import { describe, expect, it } from 'vitest';
import { quoteLiteral, withDb, type Db } from '../../src/core/index.js';
import { mealPriceOutlier } from '../../src/detect/ceap/meal-price-outlier.js';
import { hasReal, realFile, realTitle } from '../helpers/shared-data.js';

const FIXTURE = 'peer-fixtures/meal_price_outlier_cases.csv';

interface Case {
  /** 0-based row of the fixture (the prior art's tests address rows by this index). */
  row: number;
  applicantId: string;
  category: string;
  recipientId: string;
  recipient: string;
  /** In reais, as in the fixture. */
  netValue: number;
}

interface PriorArtVerdict {
  outlier: boolean;
  /** 'known' (own mean + 3·std), 'cluster' (nearest known recipient's mean + 4·std) or 'not applicable'. */
  branch: 'known' | 'cluster' | 'not applicable';
  threshold: number | null;
}

const HOTEL = /hote(?:(?:ls?)|is)/;

/** Python's `unicodedata.normalize('NFKD', s.lower()).encode('ASCII', 'ignore').decode()`. */
function normalize(s: string): string {
  return [...s.toLowerCase().normalize('NFKD')].filter((ch) => ch.charCodeAt(0) < 128).join('');
}

function applicable(c: Case): boolean {
  return c.category === 'Meal' && c.recipientId.length === 14 && !HOTEL.test(normalize(c.recipient));
}

/** The prior art's rule on `cases` (fit and predict on the same data, as its tests do). */
function priorArt(cases: Case[]): PriorArtVerdict[] {
  const byRecipient = new Map<string, Case[]>();
  for (const c of cases.filter(applicable))
    byRecipient.set(c.recipientId, [...(byRecipient.get(c.recipientId) ?? []), c]);
  const stats = new Map(
    [...byRecipient].map(([id, rows]) => {
      const values = rows.map((r) => r.netValue);
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length); // np.std: ddof = 0
      const known = new Set(rows.map((r) => r.applicantId)).size > 3 && rows.length > 20;
      return [id, { mean, std, known }] as const;
    }),
  );
  const known = [...stats.values()].filter((s) => s.known);
  if (known.length !== 3)
    throw new Error(`KMeans(3) over ${known.length} known recipients is not deterministic`);
  return cases.map((c) => {
    const s = stats.get(c.recipientId);
    if (!applicable(c) || !s) return { outlier: false, branch: 'not applicable', threshold: null };
    if (s.known) {
      const threshold = s.mean + 3 * s.std;
      return { outlier: c.netValue > threshold, branch: 'known', threshold };
    }
    // Three known recipients, three clusters: each cluster is one recipient, its centre that recipient's (mean, std).
    const nearest = known.reduce((a, b) =>
      (b.mean - s.mean) ** 2 + (b.std - s.std) ** 2 < (a.mean - s.mean) ** 2 + (a.std - s.std) ** 2 ? b : a,
    );
    const threshold = nearest.mean + 4 * nearest.std;
    return { outlier: c.netValue > threshold, branch: 'cluster', threshold };
  });
}

async function readCases(db: Db): Promise<Case[]> {
  const rows = await db.all<Record<string, string | null>>(
    `SELECT * FROM read_csv(${quoteLiteral(realFile(FIXTURE))}, header = true, all_varchar = true)`,
  );
  return rows.map((r, row) => ({
    row,
    applicantId: r.applicant_id ?? '',
    category: r.category ?? '',
    recipientId: r.recipient_id ?? '',
    recipient: r.recipient ?? '',
    netValue: Number(r.net_value),
  }));
}

/** Hardin's detector over the cases as CEAP rows of one year: Meal → subquota 13, values in cents. */
async function hardinFlags(db: Db, cases: Case[]): Promise<Map<number, Record<string, any>>> {
  await db.run(`CREATE SCHEMA IF NOT EXISTS marts;
    CREATE OR REPLACE TABLE marts.reimbursements (reimbursement_id VARCHAR, deputy_id BIGINT, year INTEGER, subquota INTEGER,
      supplier_name VARCHAR, supplier_document VARCHAR, supplier_document_kind VARCHAR, issue_date DATE,
      document_cents BIGINT, net_cents BIGINT, glosa_cents BIGINT, receipt_url VARCHAR)`);
  const values = cases.map((c) => {
    const kind = /^\d{14}$/.test(c.recipientId) ? 'cnpj' : /^\d{11}$/.test(c.recipientId) ? 'cpf' : 'other';
    const cents = Math.round(c.netValue * 100);
    return `('row${c.row}', ${Number(c.applicantId)}, 2016, ${c.category === 'Meal' ? 13 : 999}, ${quoteLiteral(c.recipient)},
      ${quoteLiteral(c.recipientId)}, '${kind}', NULL, ${cents}, ${cents}, 0, NULL)`;
  });
  await db.run(`INSERT INTO marts.reimbursements VALUES ${values.join(',\n')}`);
  await db.run(
    `CREATE OR REPLACE TEMP TABLE flags (reimbursement_id VARCHAR, detector VARCHAR, severity DOUBLE, explanation JSON)`,
  );
  await mealPriceOutlier.run({ db, runId: 'prior-art', flagTable: 'flags' });
  const rows = await db.all<{ id: string; e: string }>(
    `SELECT reimbursement_id AS id, CAST(explanation AS VARCHAR) AS e FROM flags`,
  );
  return new Map(rows.map((r) => [Number(r.id.slice(3)), JSON.parse(r.e) as Record<string, any>]));
}

interface Difference {
  row: number;
  recipient: string;
  netValue: number;
  priorArt: string;
  hardin: string;
}

function differences(
  cases: Case[],
  prior: PriorArtVerdict[],
  hardin: Map<number, Record<string, any>>,
): Difference[] {
  return cases.flatMap((c, i) => {
    const p = prior[i] as PriorArtVerdict;
    const h = hardin.get(c.row);
    if (p.outlier === (h !== undefined)) return [];
    return [
      {
        row: c.row,
        recipient: c.recipient,
        netValue: c.netValue,
        priorArt: p.outlier ? `outlier (${p.branch}, > ${p.threshold?.toFixed(2)})` : `inlier (${p.branch})`,
        hardin: h ? `flagged (${h.peer}, > ${(h.threshold.value / 100).toFixed(2)})` : 'not flagged',
      },
    ];
  });
}

describe.skipIf(!hasReal(FIXTURE))(
  realTitle("meal price outlier vs the prior art's rule on its test cases", FIXTURE),
  () => {
    it('the re-implemented prior art meets the prior art’s own expectations on the fixture', async () => {
      await withDb(async (db) => {
        const cases = await readCases(db);
        expect(cases).toHaveLength(82);
        const prior = priorArt(cases);
        const verdict = (row: number) => prior[row] as PriorArtVerdict;
        expect(verdict(0)).toMatchObject({ outlier: false, branch: 'not applicable' }); // a CPF
        for (const row of [1, 2, 3, 4, 5, 6])
          expect(verdict(row)).toMatchObject({ outlier: false, branch: 'not applicable' }); // hotels, incl. "X hotéis"
        for (const row of [79, 80])
          expect(verdict(row)).toMatchObject({ outlier: false, branch: 'not applicable' }); // flight tickets
        expect(verdict(29)).toMatchObject({ outlier: true, branch: 'known' }); // A Restaurant, R$ 900
        expect(verdict(78)).toMatchObject({ outlier: true, branch: 'cluster' }); // GOL's only meal, R$ 400
        expect(verdict(81)).toMatchObject({ outlier: false, branch: 'cluster' }); // a nameless recipient, R$ 42
        expect(prior.filter((p) => p.outlier)).toHaveLength(2);
      });
    });

    it('agrees with the prior art on every case but the clustered one (documented)', async () => {
      await withDb(async (db) => {
        const cases = await readCases(db);
        const prior = priorArt(cases);
        const hardin = await hardinFlags(db, cases);
        expect([...hardin.keys()].sort((a, b) => a - b)).toEqual([29]);
        expect(hardin.get(29)).toMatchObject({ peer: 'supplier', supplierReceipts: 29, supplierDeputies: 4 });
        const diff = differences(cases, prior, hardin);
        // Row 78: GOL's single meal (R$ 400, one applicant). The prior art puts GOL in the KMeans cluster of
        // C Restaurant (nearest (mean, std)) and flags it above 350 + 4 × 6.90 = R$ 377,60. Hardin compares a
        // supplier without history with all company meals of the year, where R$ 400 is ordinary.
        expect(diff).toEqual([
          {
            row: 78,
            recipient: 'GOL',
            netValue: 400,
            priorArt: 'outlier (cluster, > 377.60)',
            hardin: 'not flagged',
          },
        ]);
        expect(hardin.get(29)?.peerGroup.fallback).toBeNull();
        // Row 29 (R$ 900): the prior art's threshold is 82.86 + 3 × 155.22 = R$ 548,52; Hardin's, with more than
        // half of A's receipts at R$ 50 (MAD 0, σ = 1.2533 × mean absolute deviation = 0.4036), R$ 167,82.
        expect(prior[29]?.threshold).toBeCloseTo(548.52, 2);
        expect(hardin.get(29)?.threshold.value).toBe(16_782);
      });
    });

    it('is not masked by a second outlier of the same restaurant, unlike mean + 3·std (derived case)', async () => {
      await withDb(async (db) => {
        const cases = await readCases(db);
        // One more A Restaurant receipt of R$ 500: it inflates the mean and std the prior art uses.
        const extra: Case = { ...(cases[29] as Case), row: cases.length, applicantId: '222', netValue: 500 };
        const all = [...cases, extra];
        const prior = priorArt(all);
        const hardin = await hardinFlags(db, all);
        expect(prior[29]).toMatchObject({ outlier: true, branch: 'known' });
        expect(prior[extra.row]).toMatchObject({ outlier: false, branch: 'known' });
        expect([...hardin.keys()].sort((a, b) => a - b)).toEqual([29, extra.row]);
      });
    });

    it('does not flag small deviations where prices barely vary, unlike mean + 3·std (derived case)', async () => {
      await withDb(async (db) => {
        const cases = await readCases(db);
        // B Restaurant charges R$ 150 on 17 of 21 receipts (std R$ 6,90). One more receipt of R$ 200 or R$ 280.
        const b = cases.find((c) => c.recipient === 'B Restaurant') as Case;
        for (const [netValue, priorArtFlags, hardinExpects] of [
          [200, true, false],
          [280, true, true],
        ] as const) {
          const extra: Case = { ...b, row: cases.length, applicantId: '111', netValue };
          const all = [...cases, extra];
          const prior = priorArt(all);
          const hardin = await hardinFlags(db, all);
          expect(prior[extra.row]).toMatchObject({ outlier: priorArtFlags, branch: 'known' });
          expect(hardin.has(extra.row)).toBe(hardinExpects);
          // Hardin: median R$ 150, MAD 0 and σ at its floor 0.2, so the threshold is 150 × e^0.6 = R$ 273,31.
          if (hardinExpects)
            expect(hardin.get(extra.row)).toMatchObject({ sigma: 0.2, threshold: { value: 27_331 } });
        }
      });
    });
  },
);
