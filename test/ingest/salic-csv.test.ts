import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withDb } from '../../src/core/index.js';
import { ingestSalic, ingestSalicExtracts } from '../../src/pipelines/ingest-salic.js';
import { REPO_ROOT } from '../helpers/shared-data.js';
import { makeTempDir, removeDir } from '../helpers/tmp.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/salic');
const fixture = (name: string) => path.join(FIXTURES, name);

async function lake(home: string, dataset: string, columns: string, order = 'source_row') {
  const glob = path.join(home, `lake/raw/salic/${dataset}/*/*.parquet`);
  return withDb((db) =>
    db.all<Record<string, unknown>>(
      `SELECT ${columns} FROM read_parquet('${glob}', hive_partitioning = true) ORDER BY ${order}`,
    ),
  );
}

async function quarantine(home: string, dataset: string) {
  const glob = path.join(home, `lake/quarantine/salic/${dataset}/*.parquet`);
  return withDb((db) =>
    db.all<{ _line: number; _reason: string }>(
      `SELECT _line, _reason FROM read_parquet('${glob}') ORDER BY _line`,
    ),
  );
}

describe('ingestSalic on CSV extracts', () => {
  let home: string;
  beforeEach(async () => {
    home = await makeTempDir();
  });
  afterEach(async () => removeDir(home));

  async function write(name: string, content: string | Buffer) {
    const file = path.join(home, name);
    await fs.writeFile(file, content);
    return file;
  }

  it('loads projetos.csv into canonical columns, keeping PRONAC a string with its leading zero', async () => {
    const result = await ingestSalic({ home, dataset: 'projects', file: fixture('projetos.csv') });
    expect(result).toMatchObject({
      status: 'written',
      dataset: 'projects',
      partition: { key: 'source', value: 'extract' },
      rows: 3,
      quarantined: 0,
      version: 1,
    });
    const rows = await lake(
      home,
      'projects',
      `pronac, typeof(pronac) AS t, id_pronac, name, proponent_document, segment, CAST(start_date AS VARCHAR) AS start,
       approved_cents, raised_cents, other_sources_cents, source_row, _origin, source`,
    );
    expect(rows[1]).toEqual({
      pronac: '090123',
      t: 'VARCHAR',
      id_pronac: 112345,
      name: 'Circo na Praça',
      proponent_document: '12345678909',
      segment: 'Circo',
      start: '2009-05-10',
      approved_cents: 7_500_000,
      raised_cents: 7_500_000,
      other_sources_cents: 500_050,
      source_row: 3,
      _origin: 'projetos.csv',
      source: 'extract',
    });
    expect(rows.map((r) => r.name)).toEqual([
      'Festival de Música Popular, edição 2014',
      'Circo na Praça',
      'Livro "Memórias do Sertão"',
    ]);
    expect(rows[0]?.proponent_document).toBe('11222333000181');
    expect(rows[2]?.other_sources_cents).toBeNull();
  });

  it('reads the optional analista column into analyst, trimmed, empty → NULL, quotes and accents kept', async () => {
    const lines = (await fs.readFile(fixture('projetos.csv'), 'utf8')).trimEnd().split('\n');
    const analysts = ['ANALISTA', '  Juliana Moura Tavares ', '', '"Conceição D\'Ávila, Jr."'];
    const text = lines.map((l, i) => `${l},${analysts[i]}`).join('\n');
    const result = await ingestSalic({
      home,
      dataset: 'projects',
      file: await write('projetos.csv', text),
    });
    expect(result).toMatchObject({ rows: 3, quarantined: 0, warnings: [] });
    const rows = await lake(home, 'projects', 'pronac, analyst, typeof(analyst) AS t, _extra');
    expect(rows).toEqual([
      { pronac: '132955', analyst: 'Juliana Moura Tavares', t: 'VARCHAR', _extra: null },
      { pronac: '090123', analyst: null, t: 'VARCHAR', _extra: null },
      { pronac: '171234', analyst: "Conceição D'Ávila, Jr.", t: 'VARCHAR', _extra: null },
    ]);
  });

  it('gives analyst NULL when the extract has no analista column (older extracts keep working)', async () => {
    const header = (await fs.readFile(fixture('projetos.csv'), 'utf8')).split('\n')[0] ?? '';
    expect(header.toLowerCase()).not.toContain('analista');
    const result = await ingestSalic({ home, dataset: 'projects', file: fixture('projetos.csv') });
    expect(result).toMatchObject({ rows: 3, quarantined: 0, warnings: [] });
    const rows = await lake(home, 'projects', 'analyst, typeof(analyst) AS t');
    expect(rows).toEqual(Array.from({ length: 3 }, () => ({ analyst: null, t: 'VARCHAR' })));
  });

  it('loads the budget sheet with defaults: occurrences 1, federal incentive, total = qty × occ × unit price', async () => {
    const result = await ingestSalic({
      home,
      dataset: 'budget_lines',
      file: fixture('planilha_aprovada.csv'),
    });
    expect(result).toMatchObject({ rows: 5, quarantined: 0 });
    expect(result.warnings).toContain(
      'column VlUnitarioAprovado: 1 value(s) with more than 2 decimal places rounded to the cent (half away from zero)',
    );
    const rows = await lake(
      home,
      'budget_lines',
      `budget_line_id, pronac, item, CAST(quantity AS VARCHAR) AS qty, CAST(occurrences AS VARCHAR) AS occ,
       unit_price_cents, approved_cents, funding_source, CAST(budget_date AS VARCHAR) AS d`,
    );
    expect(rows.map((r) => [r.budget_line_id, r.unit_price_cents, r.approved_cents])).toEqual([
      [1001, 35_000, 700_000],
      [1002, 150_050, 450_150],
      [1003, 250_000, 1_000_000],
      [1004, 40_000, 40_000],
      [1005, 120_033, 180_050],
    ]);
    expect(rows[1]).toMatchObject({
      item: 'Locação de equipamentos de luz (torres, mesas, racks)',
      funding_source: 'Incentivo Fiscal Federal',
    });
    expect(rows[2]).toMatchObject({ occ: '1.0000', d: '2014-01-15 00:00:00' });
    expect(rows[3]).toMatchObject({ pronac: '090123', funding_source: 'Recursos próprios' });
  });

  it('loads receipts and fundraising with documents as digits and payment types 1-3', async () => {
    const receipts = await ingestSalic({ home, dataset: 'receipts', file: fixture('comprovantes.csv') });
    const fundraising = await ingestSalic({ home, dataset: 'fundraising', file: fixture('captacoes.csv') });
    expect([receipts.rows, fundraising.rows]).toEqual([4, 3]);
    const r = await lake(
      home,
      'receipts',
      'receipt_id, budget_line_id, provider_document, provider_name, payment_type, proof_number, proven_cents',
    );
    expect(r.map((x) => [x.receipt_id, x.budget_line_id, x.payment_type, x.proven_cents])).toEqual([
      [501, 1001, 2, 350_000],
      [501, 1002, 2, 450_150],
      [502, 1003, 3, 1_000_000],
      [503, 1004, 1, 40_000],
    ]);
    expect(r[0]?.provider_document).toBe('77888999000181');
    expect(r[2]).toMatchObject({ provider_name: 'Silva, João', proof_number: null });
    expect(r[3]?.proof_number).toBe('000457');
    const f = await lake(home, 'fundraising', 'pronac, sponsor_document, raised_cents');
    expect(f.map((x) => x.raised_cents)).toEqual([10_000_000, 8_000_000, 7_500_000]);
    expect(f[2]).toMatchObject({ pronac: '090123', sponsor_document: '98765432000198' });
  });

  it('reads a file with a BOM and CRLF line ends exactly like the plain one', async () => {
    const plain = await fs.readFile(fixture('planilha_aprovada.csv'), 'utf8');
    const file = await write('planilha_aprovada.csv', `\uFEFF${plain.replace(/\n/g, '\r\n')}`);
    const result = await ingestSalic({ home, dataset: 'budget_lines', file });
    expect(result).toMatchObject({ rows: 5, quarantined: 0 });
    const rows = await lake(home, 'budget_lines', 'budget_line_id, item, funding_source, approved_cents');
    expect(rows.map((r) => r.funding_source)).toEqual([
      'Incentivo Fiscal Federal',
      'Incentivo Fiscal Federal',
      'Incentivo Fiscal Federal',
      'Recursos próprios',
      'Incentivo Fiscal Federal',
    ]);
    expect(rows[1]?.item).toBe('Locação de equipamentos de luz (torres, mesas, racks)');
  });

  it('maps headers case-insensitively, keeps an unknown column in _extra and warns about it', async () => {
    const lines = (await fs.readFile(fixture('captacoes.csv'), 'utf8')).trimEnd().split('\n');
    const mixed = lines
      .map((l, i) => (i === 0 ? `${l.toLowerCase()},Observacao` : `${l},"obs ${i}, ok"`))
      .join('\n');
    const result = await ingestSalic({
      home,
      dataset: 'fundraising',
      file: await write('captacoes.csv', mixed),
    });
    expect(result.rows).toBe(3);
    expect(result.warnings).toContain('captacoes.csv: unknown column(s) kept in _extra: "Observacao"');
    const rows = await lake(home, 'fundraising', 'raised_cents, _extra');
    expect(JSON.parse(String(rows[0]?._extra))).toEqual({ Observacao: 'obs 1, ok' });
  });

  it('refuses a file missing a required column, naming the file and the column, and writes nothing', async () => {
    const text = (await fs.readFile(fixture('planilha_aprovada.csv'), 'utf8')).replace(
      'VlUnitarioAprovado',
      'ValorUnitario',
    );
    const file = await write('planilha_aprovada.csv', text);
    await expect(ingestSalic({ home, dataset: 'budget_lines', file })).rejects.toMatchObject({
      code: 'SCHEMA',
      message: expect.stringMatching(
        /^salic budget_lines: planilha_aprovada\.csv: missing required column VlUnitarioAprovado; found 13 columns/,
      ),
    });
    await expect(fs.readdir(path.join(home, 'lake/raw'))).rejects.toThrow();
  });

  it('quarantines bad rows with their row number and reason, and loads the others', async () => {
    const header = (await fs.readFile(fixture('planilha_aprovada.csv'), 'utf8')).split('\n')[0];
    const body = [
      '2001,132955,2,Técnico de som,,SP,,2,1,350.00,,2014-01-15,', // row 2: fine
      '2002,132955,2,Técnico de som,,SP,,2,1,12;3x,,2014-01-15,', // row 3: not a number
      '2003,,2,Técnico de som,,SP,,2,1,350,,2014-01-15,', // row 4: empty PRONAC
      '2004,132955,2,Técnico de som,,SP,,-1,1,350,,2014-01-15,', // row 5: negative quantity
      '2005,132955,2,Técnico de som,,SP,,1,1,350,,15/01/2014,', // row 6: unparseable date
      '2006,13295A,2,"Item ""com"" aspas, e vírgula",,SP,,1,1,350,,2014-01-15,', // row 7: PRONAC not digits
      '2001,132955,2,Técnico de som,,SP,,1,1,350,,2014-01-15,', // row 8: duplicate id
      '2007,132955,2,Técnico de som,,SP,,1,1,350,,2014-01-15,,extra', // row 9: too many fields
      '2008,132955,2,"Técnico de som",,SP,,1,1,350,,2014-01-15,', // row 10: fine
    ];
    const file = await write('planilha_aprovada.csv', `${header}\n${body.join('\n')}\n`);
    const result = await ingestSalic({ home, dataset: 'budget_lines', file });
    expect(result).toMatchObject({ rows: 2, quarantined: 7 });
    const expected = [
      { _line: 3, _reason: 'column VlUnitarioAprovado: "12;3x" is not a number' },
      { _line: 4, _reason: 'column PRONAC: is empty (required)' },
      { _line: 5, _reason: 'column QtdeAprovada: "-1" is negative' },
      {
        _line: 6,
        _reason: 'column DataProjeto: "15/01/2014" is not a date (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)',
      },
      { _line: 7, _reason: 'column PRONAC: "13295A" is not a PRONAC (digits only)' },
      { _line: 8, _reason: 'duplicate budget_line_id 2001 (first at row 2)' },
    ];
    const q = await quarantine(home, 'budget_lines');
    expect(q.slice(0, 6)).toEqual(expected);
    expect(q[6]?._line).toBe(9);
    expect(q[6]?._reason).toMatch(/^malformed record: too many columns/);
    expect(result.quarantineSamples.map((s) => s.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    const rows = await lake(home, 'budget_lines', 'budget_line_id, source_row');
    expect(rows).toEqual([
      { budget_line_id: 2001, source_row: 2 },
      { budget_line_id: 2008, source_row: 10 },
    ]);
  });

  it('quarantines a bad payment type, a document that is not a CPF/CNPJ and an empty value', async () => {
    const text = (await fs.readFile(fixture('comprovantes.csv'), 'utf8'))
      .replace(',2,TED-000123,2014-04-02,3500.00', ',4,TED-000123,2014-04-02,3500.00')
      .replace('98765432100', '9876543')
      .replace('2009-06-01 00:00:00,400.00', '2009-06-01 00:00:00,');
    const result = await ingestSalic({
      home,
      dataset: 'receipts',
      file: await write('comprovantes.csv', text),
    });
    expect(result).toMatchObject({ rows: 1, quarantined: 3 });
    expect(await quarantine(home, 'receipts')).toEqual([
      {
        _line: 2,
        _reason:
          'column tpFormaDePagamento: "4" is not a payment type (1 cheque, 2 bank transfer, 3 cash withdrawal)',
      },
      {
        _line: 4,
        _reason: 'column CgcCpfFornecedor: "9876543" is not a CPF (11 digits) or CNPJ (14 digits)',
      },
      { _line: 5, _reason: 'column VlComprovado: is empty (required)' },
    ]);
  });

  it('is a no-op on the same file and writes a new version when the file changes', async () => {
    const first = await ingestSalic({ home, dataset: 'fundraising', file: fixture('captacoes.csv') });
    const again = await ingestSalic({ home, dataset: 'fundraising', file: fixture('captacoes.csv') });
    expect(again).toMatchObject({ status: 'unchanged', version: 1, rows: 3, runId: first.runId });
    expect(again.warnings.at(-1)).toMatch(/^same input as version 1/);
    const manifests = path.join(home, 'lake/raw/salic/fundraising/_manifests');
    expect(await fs.readdir(manifests)).toHaveLength(1);
    const changed = (await fs.readFile(fixture('captacoes.csv'), 'utf8')).replace('80000', '80000.01');
    const second = await ingestSalic({
      home,
      dataset: 'fundraising',
      file: await write('captacoes.csv', changed),
    });
    expect(second).toMatchObject({ status: 'written', version: 2 });
    const rows = await lake(home, 'fundraising', 'raised_cents');
    expect(rows.map((r) => r.raised_cents)).toEqual([10_000_000, 8_000_001, 7_500_000]);
  });

  const fatal: [string, string, RegExp][] = [
    ['an empty file', '', /salic fundraising: captacoes\.csv is empty/],
    [
      'a semicolon-delimited file',
      'PRONAC;CgcCpfMecena;CaptacaoReal\n1;2;3\n',
      /no ',' separator \(found ";": wrong delimiter\?\)/,
    ],
    ['a header without rows', 'PRONAC,CgcCpfMecena,CaptacaoReal\n', /has a header but no data rows/],
  ];
  for (const [what, content, message] of fatal) {
    it(`refuses ${what} with a clear message and leaves no staging behind`, async () => {
      const file = await write('captacoes.csv', content);
      await expect(ingestSalic({ home, dataset: 'fundraising', file })).rejects.toThrow(message);
      expect(await fs.readdir(path.join(home, 'lake/_staging')).catch(() => [])).toEqual([]);
    });
  }

  it('marks extracts found beside the generator ground truth as synthetic, and ignores that file', async () => {
    const dir = path.join(home, 'generated');
    await fs.mkdir(dir);
    await fs.copyFile(fixture('captacoes.csv'), path.join(dir, 'captacoes.csv'));
    await fs.writeFile(path.join(dir, 'salic-ground-truth.csv'), 'pronac,metric,detail\n');
    const { results, ignored } = await ingestSalicExtracts({ home, dir });
    expect(results.map((r) => [r.dataset, r.input.synthetic])).toEqual([['fundraising', true]]);
    expect(ignored).toEqual(['salic-ground-truth.csv']);
  });

  it('ingests every known extract of a folder, projects first, and says which are missing', async () => {
    const { results, missing, ignored } = await ingestSalicExtracts({ home, dir: FIXTURES });
    expect(results.map((r) => [r.dataset, r.rows])).toEqual([
      ['projects', 3],
      ['budget_lines', 5],
      ['receipts', 4],
      ['fundraising', 3],
    ]);
    expect(missing).toEqual(['valor_unitario_aprovado.csv']);
    expect(ignored).toEqual([]);
    expect(results.every((r) => r.input.synthetic === undefined)).toBe(true);
    await expect(ingestSalicExtracts({ home, dir: path.join(FIXTURES, 'api') })).rejects.toThrow(
      /no SALIC extract in .*api: expected one of projetos\.csv, planilha_aprovada\.csv/,
    );
  });
});
