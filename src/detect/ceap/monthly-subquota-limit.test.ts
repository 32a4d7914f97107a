import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot, quoteLiteral, type Db } from '../../core/index.js';
import { monthlySubquotaLimit, monthlySubquotaLimitParity } from './monthly-subquota-limit.js';
import { flagIds, runDetectorOn } from '../../../test/helpers/detector-fixture.js';

interface Receipt {
  id: string;
  deputy?: number;
  year: number;
  month: number;
  subquota: number;
  /** Value as written in the file, e.g. "111.3". */
  value: string;
  issued?: string | null;
  doc?: number;
  line: number;
}

async function setup(db: Db, receipts: Receipt[]) {
  const seeds = path.join(packageRoot(), 'seeds', 'ceap_subquota_limits.csv');
  await db.run(`CREATE SCHEMA seeds; CREATE SCHEMA marts;
    CREATE TABLE seeds.ceap_subquota_limits AS SELECT * FROM read_csv(${quoteLiteral(seeds)}, header = true,
      types = {'valid_from': 'VARCHAR', 'valid_to': 'VARCHAR'});
    CREATE TABLE marts.reimbursements (reimbursement_id VARCHAR, deputy_id BIGINT, deputy_name VARCHAR, year INTEGER,
      month INTEGER, subquota INTEGER, subquota_description VARCHAR, issued_at TIMESTAMP, document_id BIGINT,
      source_year INTEGER, source_line BIGINT, net_cents BIGINT, receipt_url VARCHAR)`);
  for (const r of receipts) {
    await db.run(
      `INSERT INTO marts.reimbursements VALUES ($id, $deputy, 'FULANO', $year, $month, $subquota, 'COMBUSTÍVEIS E LUBRIFICANTES.',
        $issued::TIMESTAMP, $doc, $year, $line, CAST(round(CAST($value AS DECIMAL(14,2)) * 100) AS BIGINT), NULL)`,
      {
        id: r.id,
        deputy: r.deputy ?? 1,
        year: r.year,
        month: r.month,
        subquota: r.subquota,
        issued: r.issued === undefined ? `${r.year}-${String(r.month).padStart(2, '0')}-10` : r.issued,
        doc: r.doc ?? r.line,
        line: r.line,
        value: r.value,
      },
    );
  }
}

async function flagged(receipts: Receipt[], mode: 'default' | 'parity') {
  return runDetectorOn(
    (db) => setup(db, receipts),
    mode === 'parity' ? monthlySubquotaLimitParity : monthlySubquotaLimit,
  );
}

const ids = flagIds;
const both = ['default', 'parity'] as const;

describe('monthly subquota limit', () => {
  for (const mode of both) {
    describe(`${mode} mode`, () => {
      it('flags every receipt past the limit, not the ones before it', async () => {
        // Fuel (3) limit from 2015-09: R$ 6.000,00.
        const rows = await flagged(
          [
            { id: 'a', year: 2019, month: 5, subquota: 3, value: '3000', issued: '2019-05-01', line: 2 },
            { id: 'b', year: 2019, month: 5, subquota: 3, value: '2500', issued: '2019-05-02', line: 3 },
            { id: 'c', year: 2019, month: 5, subquota: 3, value: '600', issued: '2019-05-03', line: 4 },
            { id: 'd', year: 2019, month: 5, subquota: 3, value: '10', issued: '2019-05-04', line: 5 },
          ],
          mode,
        );
        expect(ids(rows)).toEqual(['c', 'd']);
        const c = rows[0]?.explanation;
        expect(c).toMatchObject({
          limitCents: 600000,
          runningTotalCents: 610000,
          excessCents: 10000,
          rank: 3,
          receiptsInMonth: 4,
        });
        expect(c?.window).toEqual({ from: '2015-09', to: null });
        expect(c?.observed).toEqual({
          label: 'acumulado do mês até este recibo',
          value: 610000,
          unit: 'cents',
        });
      });

      it('does not flag a month exactly at the limit', async () => {
        const rows = await flagged(
          [
            { id: 'a', year: 2019, month: 1, subquota: 3, value: '4000', line: 2 },
            { id: 'b', year: 2019, month: 1, subquota: 3, value: '2000', line: 3 },
          ],
          mode,
        );
        expect(rows).toEqual([]);
      });

      it('applies the limit in force in the accounting month at window boundaries', async () => {
        // Fuel: R$ 4.500 until 2015-03, R$ 4.900 in 2015-04..2015-08. R$ 4.600 passes the first, not the second.
        const rows = await flagged(
          [
            { id: 'mar', year: 2015, month: 3, subquota: 3, value: '4600', line: 2 },
            { id: 'apr', year: 2015, month: 4, subquota: 3, value: '4600', line: 3 },
            { id: 'aug', year: 2015, month: 8, subquota: 3, value: '4950', line: 4 },
            { id: 'sep', year: 2015, month: 9, subquota: 3, value: '4950', line: 5 },
          ],
          mode,
        );
        expect(ids(rows)).toEqual(['aug', 'mar']);
        expect(rows.find((r) => r.id === 'mar')?.explanation.window).toEqual({
          from: '2009-07',
          to: '2015-03',
        });
      });

      it('does not add up different months, subquotas or requesters, nor subquotas without a limit', async () => {
        const rows = await flagged(
          [
            { id: 'jan', year: 2019, month: 1, subquota: 3, value: '5000', line: 2 },
            { id: 'feb', year: 2019, month: 2, subquota: 3, value: '5000', issued: '2019-01-30', line: 3 },
            { id: 'taxi', year: 2019, month: 1, subquota: 122, value: '2000', line: 4 },
            { id: 'other', deputy: 2, year: 2019, month: 1, subquota: 3, value: '5000', line: 5 },
            { id: 'meal', year: 2019, month: 1, subquota: 13, value: '90000', line: 6 },
          ],
          mode,
        );
        expect(rows).toEqual([]);
      });

      it('starts the vehicle-rental limit in 2013-12 and nothing before', async () => {
        const rows = await flagged(
          [
            { id: 'nov', year: 2013, month: 11, subquota: 120, value: '20000', line: 2 },
            { id: 'dec', year: 2013, month: 12, subquota: 120, value: '10000.01', line: 3 },
          ],
          mode,
        );
        expect(ids(rows)).toEqual(['dec']);
      });
    });
  }

  it('breaks ties on the issue date by document id (default) or by file order (parity)', async () => {
    const receipts: Receipt[] = [
      {
        id: 'first',
        year: 2019,
        month: 1,
        subquota: 3,
        value: '5000',
        issued: '2019-01-05',
        doc: 1,
        line: 2,
      },
      {
        id: 'late-doc',
        year: 2019,
        month: 1,
        subquota: 3,
        value: '900',
        issued: '2019-01-10',
        doc: 9,
        line: 3,
      },
      {
        id: 'early-doc',
        year: 2019,
        month: 1,
        subquota: 3,
        value: '900',
        issued: '2019-01-10',
        doc: 5,
        line: 4,
      },
    ];
    // Running totals: 5000, then the tie. Default orders doc 5 before doc 9; parity keeps file order.
    expect(ids(await flagged(receipts, 'default'))).toEqual(['late-doc']);
    expect(ids(await flagged(receipts, 'parity'))).toEqual(['early-doc']);
  });

  it('puts receipts without an issue date last in both modes', async () => {
    const receipts: Receipt[] = [
      { id: 'nodate', year: 2019, month: 1, subquota: 3, value: '1000', issued: null, line: 2 },
      { id: 'dated', year: 2019, month: 1, subquota: 3, value: '5500', issued: '2019-01-20', line: 3 },
    ];
    for (const mode of both) expect(ids(await flagged(receipts, mode))).toEqual(['nodate']);
  });

  it('parity truncates float cents like int(net_value * 100): a month 1 cent over the limit in exact cents is at the limit in parity', async () => {
    // 4.35 * 100 = 434.99999999999994 in floating point → int() gives 434 (Python and JS agree): one cent lost.
    const receipts: Receipt[] = [
      { id: 'a', year: 2019, month: 1, subquota: 3, value: '5995.66', issued: '2019-01-01', line: 2 },
      { id: 'b', year: 2019, month: 1, subquota: 3, value: '4.35', issued: '2019-01-02', line: 3 },
    ];
    // Exact: 599566 + 435 = 600001 > 600000 → flagged. Parity: int(5995.66*100) = 599566, int(4.35*100) = 434 → 600000.
    expect(Math.trunc(5995.66 * 100)).toBe(599566);
    expect(Math.trunc(4.35 * 100)).toBe(434);
    expect(ids(await flagged(receipts, 'default'))).toEqual(['b']);
    expect(ids(await flagged(receipts, 'parity'))).toEqual([]);
  });
});
