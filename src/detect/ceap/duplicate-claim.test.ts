import { describe, expect, it } from 'vitest';
import { stripDocumentMask, type Db } from '../../core/index.js';
import { EXPLANATION_KEYS } from '../explanation.js';
import { duplicateClaim } from './duplicate-claim.js';
import { flagIds, runDetectorOn } from '../../../test/helpers/detector-fixture.js';

interface Line {
  id: string;
  deputy?: number;
  month?: number;
  /** txtCNPJCPF as written. */
  doc?: string | null;
  number?: string | null;
  cents?: number;
  issued?: string | null;
  /** ideDocumento; 0 = paid by the House. */
  docId?: number;
  installment?: number;
}

const COLUMNS = `reimbursement_id VARCHAR, deputy_id BIGINT, deputy_name VARCHAR, year INTEGER, month INTEGER,
  subquota INTEGER, subquota_description VARCHAR, supplier_name VARCHAR, supplier_document_raw VARCHAR,
  supplier_document VARCHAR, supplier_document_kind VARCHAR, document_type INTEGER, document_number VARCHAR,
  document_id BIGINT, installment INTEGER, issue_date DATE, net_cents BIGINT, receipt_url VARCHAR, source_line BIGINT`;

const NAMES: Record<number, string> = { 1: 'ANA LIMA', 2: 'BRUNO COSTA', 3: 'CARLA DIAS' };
const CNPJ = '11.222.333/0001-81';

async function setup(db: Db, lines: Line[]): Promise<void> {
  await db.run(`CREATE SCHEMA marts; CREATE TABLE marts.reimbursements (${COLUMNS})`);
  for (const [i, l] of lines.entries()) {
    const raw = l.doc === undefined ? CNPJ : l.doc;
    const digits = raw === null ? '' : stripDocumentMask(raw);
    const deputy = l.deputy ?? 1;
    const docId = l.docId ?? 5000 + i;
    await db.run(
      `INSERT INTO marts.reimbursements VALUES ($id, $deputy, $name, 2024, $month, 3, 'COMBUSTÍVEIS E LUBRIFICANTES.',
        'POSTO BOA VIAGEM LTDA', $raw, $digits, $kind, 4, $number, $doc_id, $installment, $issued::DATE, $cents,
        $url, $line)`,
      {
        id: l.id,
        deputy,
        name: NAMES[deputy] ?? `DEPUTADO ${deputy}`,
        month: l.month ?? 1,
        raw,
        digits: digits === '' ? null : digits,
        kind: digits.length === 14 ? 'cnpj' : digits.length === 11 ? 'cpf' : 'other',
        number: l.number === undefined ? '4711' : l.number,
        doc_id: docId,
        installment: l.installment ?? 0,
        issued: l.issued === undefined ? '2024-01-10' : l.issued,
        cents: l.cents ?? 15000,
        url:
          docId > 0
            ? `https://www.camara.leg.br/cota-parlamentar/documentos/publ/${deputy}/2024/${docId}.pdf`
            : null,
        line: i + 2,
      },
    );
  }
}

async function flagged(lines: Line[]) {
  return runDetectorOn((db) => setup(db, lines), duplicateClaim);
}

const ids = flagIds;

describe('duplicate claim', () => {
  it('flags both copies of a receipt claimed by two deputies, listing the other copy', async () => {
    const rows = await flagged([
      { id: 'a', deputy: 1, month: 1 },
      { id: 'b', deputy: 2, month: 2, doc: '11222333000181' },
      { id: 'other-number', deputy: 1, number: '4712' },
    ]);
    expect(ids(rows)).toEqual(['a', 'b']);
    const a = rows[0];
    expect(a?.severity).toBe(0.8);
    expect(a?.explanation).toMatchObject({
      matchedBy: ['same_receipt'],
      claims: 2,
      copies: 2,
      otherCopiesTotal: 1,
      key: {
        supplierDocument: '11222333000181',
        documentNumber: '4711',
        netCents: 15000,
        issueDate: '2024-01-10',
      },
      otherCopies: [
        {
          reimbursementId: 'b',
          deputyId: 2,
          deputyName: 'BRUNO COSTA',
          month: '2024-02',
          installment: 0,
          netCents: 15000,
        },
      ],
      observed: { label: 'vezes que o mesmo comprovante foi apresentado', value: 2, unit: 'count' },
      threshold: { label: 'apresentações permitidas por comprovante', value: 1, unit: 'count' },
      peerGroup: null,
    });
    expect(a?.explanation.text).toBe(
      'Comprovante apresentado 2 vezes (mesmo fornecedor POSTO BOA VIAGEM LTDA (CNPJ 11.222.333/0001-81), mesmo ' +
        'número 4711, mesmo valor R$ 150,00 e mesma data de emissão 10/01/2024): este reembolso, em 01/2024 por ' +
        'ANA LIMA, e também em 02/2024 por BRUNO COSTA (reembolso b).',
    );
  });

  it('flags a receipt claimed again by the same deputy in a later month, and all three of a triple', async () => {
    const rows = await flagged([
      { id: 'jan', month: 1 },
      { id: 'mar', month: 3 },
      { id: 'apr', deputy: 3, month: 4 },
    ]);
    expect(ids(rows)).toEqual(['apr', 'jan', 'mar']);
    for (const r of rows) {
      expect(r.severity).toBe(1);
      expect(r.explanation.claims).toBe(3);
      expect(r.explanation.otherCopies.map((o: any) => o.reimbursementId)).toEqual(
        ['jan', 'mar', 'apr'].filter((id) => id !== r.id),
      );
    }
  });

  it('compares receipt numbers as written (no reduction to digits)', async () => {
    const rows = await flagged([
      { id: 'a', number: 'NF 123' },
      { id: 'b', number: 'NF 123', deputy: 2 },
      { id: 'c', number: '000777' },
      { id: 'd', number: '777', deputy: 2 },
    ]);
    expect(ids(rows)).toEqual(['a', 'b']);
  });

  it('ignores receipt numbers without a meaningful digit ("S/N", "sn", "0") and House placeholders', async () => {
    const noNumber = ['S/N', 's/n', 'sn', 'SN', '0', '000', '', null];
    const lines: Line[] = [];
    for (const [i, number] of noNumber.entries()) {
      lines.push({ id: `n${i}a`, number, deputy: 1 }, { id: `n${i}b`, number, deputy: 2 });
    }
    lines.push(
      { id: 'post-a', doc: '000.000.000/0000-7', number: '77', deputy: 1 },
      { id: 'post-b', doc: '00000000000007', number: '77', deputy: 2 },
      { id: 'nodoc-a', doc: null, number: '78', deputy: 1 },
      { id: 'nodoc-b', doc: null, number: '78', deputy: 2 },
    );
    expect(await flagged(lines)).toEqual([]);
  });

  it('does not match different values, issue dates or suppliers, nor zero and negative values', async () => {
    const rows = await flagged([
      { id: 'a', cents: 15000 },
      { id: 'b', cents: 15001, deputy: 2 },
      { id: 'c', issued: '2024-01-11', deputy: 2 },
      { id: 'd', doc: '03.713.903/0001-08', deputy: 2 },
      { id: 'zero-a', number: '9', cents: 0 },
      { id: 'zero-b', number: '9', cents: 0, deputy: 2 },
      { id: 'neg-a', number: '10', cents: -500 },
      { id: 'neg-b', number: '10', cents: -500, deputy: 2 },
    ]);
    expect(rows).toEqual([]);
  });

  it('does not flag installments of one payment (same ideDocumento, numParcela > 0), even of equal value', async () => {
    const rows = await flagged([
      { id: 'p1', docId: 900, installment: 1, month: 1 },
      { id: 'p2', docId: 900, installment: 2, month: 2 },
      { id: 'p3', docId: 900, installment: 3, month: 3 },
    ]);
    expect(rows).toEqual([]);
  });

  it('flags an installment-paid receipt claimed again under another document, counting the installments once', async () => {
    const rows = await flagged([
      { id: 'p1', docId: 900, installment: 1, month: 1 },
      { id: 'p2', docId: 900, installment: 2, month: 2 },
      { id: 'copy', docId: 901, deputy: 2, month: 2 },
    ]);
    expect(ids(rows)).toEqual(['copy', 'p1', 'p2']);
    const copy = rows[0];
    expect(copy?.explanation.claims).toBe(2);
    expect(copy?.explanation.copies).toBe(3);
    expect(copy?.explanation.text).toContain('(reembolso p1, parcela 1)');
  });

  it('flags the same ideDocumento claimed by two deputies, or by one deputy in two months without installments', async () => {
    const rows = await flagged([
      // Different numbers and values: only the document id links them.
      { id: 'dep-a', docId: 700, deputy: 1, number: '1', cents: 100 },
      { id: 'dep-b', docId: 700, deputy: 2, number: '2', cents: 200 },
      { id: 'mon-a', docId: 800, month: 1, number: '3', cents: 300 },
      { id: 'mon-b', docId: 800, month: 5, number: '4', cents: 400 },
      // Same deputy and month, numParcela 0: one claim written twice, not a re-claim.
      { id: 'line-a', docId: 600, month: 2, number: '5', cents: 500 },
      { id: 'line-b', docId: 600, month: 2, number: '6', cents: 600 },
      // ideDocumento 0 = paid by the House: not an id.
      { id: 'house-a', docId: 0, number: '7', cents: 700 },
      { id: 'house-b', docId: 0, deputy: 2, number: '8', cents: 800 },
    ]);
    expect(ids(rows)).toEqual(['dep-a', 'dep-b', 'mon-a', 'mon-b']);
    const depA = rows[0];
    expect(depA?.explanation.matchedBy).toEqual(['same_document_id']);
    expect(depA?.explanation.text).toContain('mesmo ideDocumento 700');
    expect(depA?.severity).toBe(0.8);
  });

  it('does not confuse neighbouring ideDocumento (same block of 8) with a repeated one', async () => {
    const lines: Line[] = Array.from({ length: 8 }, (_, i) => ({
      id: `n${i}`,
      docId: 64 + i,
      deputy: 1 + i,
      number: String(100 + i),
    }));
    expect(await flagged(lines)).toEqual([]);
    const rows = await flagged([...lines, { id: 'dup', docId: 71, deputy: 9, number: '999' }]);
    expect(ids(rows)).toEqual(['dup', 'n7']);
  });

  it('reports both keys when a copy matches on the receipt and on the ideDocumento', async () => {
    const rows = await flagged([
      { id: 'a', docId: 300, deputy: 1 },
      { id: 'b', docId: 300, deputy: 2 },
    ]);
    expect(ids(rows)).toEqual(['a', 'b']);
    expect(rows[0]?.explanation.matchedBy).toEqual(['same_receipt', 'same_document_id']);
    expect(rows[0]?.explanation.claims).toBe(2);
  });

  it('counts the union of both keys for a row in a receipt group and a document group', async () => {
    const rows = await flagged([
      { id: 'a', docId: 1, deputy: 1 },
      { id: 'b', docId: 2, deputy: 2 },
      { id: 'c', docId: 1, deputy: 3, number: '999', cents: 1 },
    ]);
    expect(ids(rows)).toEqual(['a', 'b', 'c']);
    const [a, b, c] = rows;
    expect(a?.explanation).toMatchObject({ claims: 3, copies: 3, otherCopiesTotal: 2 });
    expect(a?.explanation.matchedBy).toEqual(['same_receipt', 'same_document_id']);
    expect(a?.explanation.otherCopies.map((o: any) => o.reimbursementId)).toEqual(['b', 'c']);
    expect(b?.explanation).toMatchObject({ claims: 2, copies: 2, matchedBy: ['same_receipt'] });
    expect(c?.explanation).toMatchObject({ claims: 2, copies: 2, matchedBy: ['same_document_id'] });
  });

  it('lists at most 20 other copies but counts them all', async () => {
    const lines: Line[] = Array.from({ length: 30 }, (_, i) => ({
      id: `c${String(i).padStart(2, '0')}`,
      deputy: 100 + i,
    }));
    const rows = await flagged(lines);
    expect(rows).toHaveLength(30);
    const first = rows[0]?.explanation;
    expect(first).toMatchObject({ claims: 30, copies: 30, otherCopiesTotal: 29 });
    expect(first?.otherCopies).toHaveLength(20);
    expect(first?.text).toContain('e mais 26 cópia(s).');
    expect(rows[0]?.severity).toBe(1);
  });

  it('is deterministic and every flag carries the standard explanation keys and its declared fields', async () => {
    const lines: Line[] = [
      { id: 'x', deputy: 2, month: 4 },
      { id: 'y', deputy: 1, month: 3 },
      { id: 'z', deputy: 3, month: 3 },
      { id: 'd1', docId: 42, deputy: 1, number: '5', cents: 5 },
      { id: 'd2', docId: 42, deputy: 3, number: '6', cents: 6 },
    ];
    const first = await flagged(lines);
    const second = await flagged([...lines].reverse());
    expect(ids(first)).toEqual(['d1', 'd2', 'x', 'y', 'z']);
    // Document ids default to the insertion index, so compare what does not depend on them.
    const strip = (rows: typeof first) =>
      rows.map((r) => ({ id: r.id, severity: r.severity, others: r.explanation.otherCopies.length }));
    expect(strip(second)).toEqual(strip(first));
    expect(await flagged(lines)).toEqual(first);
    for (const r of first) {
      for (const key of [...EXPLANATION_KEYS, ...duplicateClaim.explanationFields]) {
        expect(r.explanation, `${r.id}: ${key}`).toHaveProperty(key);
      }
      expect(r.explanation.text).toMatch(/\.$/);
    }
  });
});
