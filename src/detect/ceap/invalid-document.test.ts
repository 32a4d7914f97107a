import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Rng,
  cnpjCheckDigits,
  cpfCheckDigits,
  isValidCnpj,
  isValidCpf,
  packageRoot,
  stripDocumentMask,
  type Db,
} from '../../core/index.js';
import { loadProject, renderModelSql } from '../../warehouse/index.js';
import { EXPLANATION_KEYS } from '../explanation.js';
import { invalidCnpjCpf } from './invalid-document.js';
import { flagIds, runDetectorOn } from '../../../test/helpers/detector-fixture.js';

interface Line {
  id: string;
  /** txtCNPJCPF as written; null = empty. */
  doc: string | null;
  type?: number;
  supplier?: string;
}

const COLUMNS = `reimbursement_id VARCHAR, deputy_id BIGINT, deputy_name VARCHAR, year INTEGER, month INTEGER,
  subquota INTEGER, subquota_description VARCHAR, supplier_name VARCHAR, supplier_document_raw VARCHAR,
  supplier_document VARCHAR, supplier_document_kind VARCHAR, document_type INTEGER, document_number VARCHAR,
  document_id BIGINT, installment INTEGER, issue_date DATE, net_cents BIGINT, receipt_url VARCHAR, source_line BIGINT`;

/** A document id that depends on the line's id only (not on insertion order). */
const idNumber = (id: string) => [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_000, 7);

/** marts.reimbursements as the staging model shapes it, and marts.suppliers from the real model SQL. */
async function setup(db: Db, lines: Line[]): Promise<void> {
  await db.run(`CREATE SCHEMA marts; CREATE TABLE marts.reimbursements (${COLUMNS})`);
  for (const [i, l] of lines.entries()) {
    const docId = idNumber(l.id);
    const digits = l.doc === null ? '' : stripDocumentMask(l.doc);
    await db.run(
      `INSERT INTO marts.reimbursements VALUES ($id, 7, 'FULANA DE TAL', 2024, 3, 1, 'MANUTENÇÃO DE ESCRITÓRIO',
        $supplier, $raw, $digits, $kind, $type, '1234', $doc_id, 0, DATE '2024-03-05', 12345, $url, $line)`,
      {
        id: l.id,
        supplier: l.supplier ?? 'PAPELARIA CENTRAL LTDA',
        raw: l.doc,
        digits: digits === '' ? null : digits,
        kind: digits.length === 14 ? 'cnpj' : digits.length === 11 ? 'cpf' : 'other',
        type: l.type ?? 0,
        doc_id: docId,
        url: `https://www.camara.leg.br/cota-parlamentar/documentos/publ/7/2024/${docId}.pdf`,
        line: i + 2,
      },
    );
  }
  const root = packageRoot();
  const { value: project } = await loadProject(path.join(root, 'models'), path.join(root, 'seeds'));
  await db.run(`CREATE TABLE marts.suppliers AS ${renderModelSql(project, 'suppliers', '/nonexistent')}`);
}

async function flagged(lines: Line[]) {
  return runDetectorOn((db) => setup(db, lines), invalidCnpjCpf);
}

const ids = flagIds;

describe('invalid CNPJ/CPF', () => {
  it('flags wrong check digits on Nota Fiscal, Recibo and NF-e, never on an expense abroad', async () => {
    expect(isValidCnpj('11222333000181')).toBe(true);
    const rows = await flagged([
      { id: 'nf-ok', doc: '11.222.333/0001-81', type: 0 },
      { id: 'nf-bad', doc: '11.222.333/0001-82', type: 0 },
      { id: 'recibo-bad', doc: '11.222.333/0001-82', type: 1 },
      { id: 'nfe-bad', doc: '11222333000182', type: 4 },
      { id: 'nfe-ok', doc: '11222333000181', type: 4 },
      { id: 'abroad-bad', doc: '11222333000182', type: 2 },
    ]);
    expect(ids(rows)).toEqual(['nf-bad', 'nfe-bad', 'recibo-bad']);
    const nfe = rows.find((r) => r.id === 'nfe-bad');
    expect(nfe?.severity).toBe(0.7);
    expect(nfe?.explanation).toMatchObject({
      reason: 'check_digits',
      documentKind: 'cnpj',
      documentRaw: '11222333000182',
      documentDigits: '11222333000182',
      foundCheckDigits: '82',
      expectedCheckDigits: '81',
      documentType: 4,
      documentTypeLabel: 'nota_fiscal_eletronica',
      observed: { label: 'dígitos verificadores encontrados', value: 82, unit: 'none' },
      threshold: { label: 'dígitos verificadores esperados (módulo 11)', value: 81, unit: 'none' },
      peerGroup: null,
    });
    expect(nfe?.explanation.text).toContain('termina em 82');
    expect(nfe?.explanation.text).toContain('são 81');
    expect(nfe?.explanation.text).toContain('R$ 123,45');
    expect(nfe?.explanation.text).toContain('05/03/2024');
  });

  it('strips misplaced masks and keeps the document as written in the explanation', async () => {
    expect(isValidCnpj('03713903000108')).toBe(true);
    const rows = await flagged([
      { id: 'masked-ok', doc: '037.139.030/0010-8' },
      { id: 'masked-bad', doc: '037.139.030/0010-9' },
    ]);
    expect(ids(rows)).toEqual(['masked-bad']);
    expect(rows[0]?.explanation).toMatchObject({
      documentRaw: '037.139.030/0010-9',
      documentDigits: '03713903000109',
      foundCheckDigits: '09',
      expectedCheckDigits: '08',
    });
  });

  it('checks CPFs (11 digits) on receipts from individuals', async () => {
    expect(isValidCpf('52998224725')).toBe(true);
    const rows = await flagged([
      { id: 'cpf-ok', doc: '529.982.247-25', type: 1 },
      { id: 'cpf-bad', doc: '529.982.247-24', type: 1 },
    ]);
    expect(ids(rows)).toEqual(['cpf-bad']);
    expect(rows[0]?.explanation).toMatchObject({
      documentKind: 'cpf',
      foundCheckDigits: '24',
      expectedCheckDigits: '25',
    });
    expect(rows[0]?.explanation.text).toMatch(/^O CPF do fornecedor/);
  });

  it('skips empty documents and the House placeholders (first 12 digits zero, all zeros)', async () => {
    const rows = await flagged([
      { id: 'phone', doc: '000.000.000/0000-1', type: 0, supplier: 'CELULAR FUNCIONAL' },
      { id: 'post', doc: '00.000.000/0000-07', type: 1, supplier: 'CORREIOS - SEDEX 10' },
      { id: 'post-plain', doc: '00000000000007', type: 4 },
      { id: 'zeros', doc: '00000000000000', type: 0 },
      { id: 'empty', doc: null, type: 1 },
      { id: 'dash', doc: '-', type: 1 },
    ]);
    expect(rows).toEqual([]);
  });

  it('flags one digit repeated and wrong lengths, the latter with a lower severity', async () => {
    const rows = await flagged([
      { id: 'repeated', doc: '11.111.111/1111-11' },
      { id: 'short', doc: '3713903000108' },
    ]);
    expect(ids(rows)).toEqual(['repeated', 'short']);
    const [repeated, short] = rows;
    expect(repeated?.severity).toBe(0.7);
    expect(repeated?.explanation.reason).toBe('repeated_digits');
    expect(repeated?.explanation.text).toContain('um só dígito repetido');
    expect(short?.severity).toBe(0.5);
    expect(short?.explanation).toMatchObject({
      reason: 'length',
      documentKind: 'other',
      digitCount: 13,
      foundCheckDigits: null,
      expectedCheckDigits: null,
      observed: { label: 'dígitos no documento do fornecedor', value: 13, unit: 'count' },
      threshold: { value: 14, unit: 'count' },
    });
    expect(short?.explanation.text).toContain('tem 13 dígitos');
  });

  it('computes the same expected check digits as src/core for random typos', async () => {
    const rng = new Rng(11);
    const lines: Line[] = [];
    const expected = new Map<string, string>();
    for (let i = 0; i < 60; i++) {
      const cnpj = i % 2 === 0;
      const base = cnpj
        ? String(rng.int(1, 99_999_999)).padStart(8, '0') + String(rng.int(1, 9999)).padStart(4, '0')
        : String(rng.int(1_000_000, 999_999_999)).padStart(9, '0');
      const good = cnpj ? cnpjCheckDigits(base) : cpfCheckDigits(base);
      const bad = String((Number(good) + 1 + rng.int(0, 97)) % 100).padStart(2, '0');
      lines.push({ id: `r${String(i).padStart(2, '0')}`, doc: base + bad, type: i % 3 === 2 ? 4 : i % 3 });
      expected.set(`r${String(i).padStart(2, '0')}`, good);
    }
    const rows = await flagged(lines);
    expect(rows).toHaveLength(60);
    for (const r of rows) expect(r.explanation.expectedCheckDigits).toBe(expected.get(r.id));
  });

  it('is deterministic and every flag carries the standard explanation keys and its declared fields', async () => {
    const lines: Line[] = [
      { id: 'b', doc: '11.222.333/0001-82', type: 1 },
      { id: 'a', doc: '529.982.247-24', type: 4 },
      { id: 'c', doc: '123456789', type: 0 },
    ];
    const first = await flagged(lines);
    const second = await flagged([...lines].reverse());
    expect(second).toEqual(first);
    expect(first).toHaveLength(3);
    for (const r of first) {
      for (const key of [...EXPLANATION_KEYS, ...invalidCnpjCpf.explanationFields]) {
        expect(r.explanation, `${r.id}: ${key}`).toHaveProperty(key);
      }
      expect(r.explanation.receiptUrl).toMatch(/^https:\/\//);
      expect(r.explanation.text).toMatch(/\.$/);
    }
  });
});
