import { describe, expect, it } from 'vitest';
import { parseSalicHeader } from './salic-header.js';
import { salicDatasetOfFile, salicLakeSchema } from './salic-columns.js';
import { salicRowNumberExpression } from './salic-sql.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('parseSalicHeader', () => {
  it('maps columns by name case-insensitively, through quotes and a BOM, and lists unknown ones', () => {
    const h = parseSalicHeader(
      bytes('\uFEFF"pronac","CGCCPFMECENA",Extra,"Nome, com vírgula",CaptacaoReal\r\n1,2,3,4,5\r\n'),
      'captacoes.csv',
      'fundraising',
    );
    expect(h.hasBom).toBe(true);
    expect(h.names).toEqual(['pronac', 'CGCCPFMECENA', 'Extra', 'Nome, com vírgula', 'CaptacaoReal']);
    expect(h.aliases).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(h.mapped.map((c) => c?.lake)).toEqual([
      'pronac',
      'sponsor_document',
      undefined,
      undefined,
      'raised_cents',
    ]);
    expect(h.unknown).toEqual([2, 3]);
    expect(h.warnings).toEqual([
      'captacoes.csv: unknown column(s) kept in _extra: "Extra", "Nome, com vírgula"',
    ]);
  });

  it('reads the real unit-price sample header, whose first column has no name', () => {
    const h = parseSalicHeader(
      bytes(',Item,ValorUnitarioAprovado,Data,idPRONAC\n'),
      'sample.csv',
      'unit_prices',
    );
    expect(h.mapped.map((c) => c?.lake)).toEqual([
      'row_index',
      'item',
      'unit_price_cents',
      'date',
      'id_pronac',
    ]);
    expect(h.warnings).toEqual([]);
  });

  it('maps the optional analista column of projetos.csv, and accepts a header without it', () => {
    const base = 'PRONAC,nome,cgccpf,area,segmento';
    const withAnalyst = parseSalicHeader(bytes(`${base},Analista\n`), 'projetos.csv', 'projects');
    expect(withAnalyst.mapped.map((c) => c?.lake)).toEqual([
      'pronac',
      'name',
      'proponent_document',
      'area',
      'segment',
      'analyst',
    ]);
    expect(withAnalyst.warnings).toEqual([]);
    const without = parseSalicHeader(bytes(`${base}\n`), 'projetos.csv', 'projects');
    expect(without.mapped.some((c) => c?.lake === 'analyst')).toBe(false);
    expect(without.unknown).toEqual([]);
  });

  it('recognises staged meta columns only when allowed', () => {
    const text = bytes('codigo,nome,_source_row,_origin,_extra\n');
    expect(parseSalicHeader(text, 'areas.csv', 'areas', { allowMeta: true }).meta).toEqual({
      _source_row: 2,
      _origin: 3,
      _extra: 4,
    });
    expect(parseSalicHeader(text, 'areas.csv', 'areas').unknown).toEqual([2, 3, 4]);
  });

  const refused: [string, string, RegExp][] = [
    [
      'a missing required column',
      'PRONAC,NomeMecena\n',
      /captacoes\.csv: missing required columns CgcCpfMecena, CaptacaoReal; found 2 columns: "PRONAC", "NomeMecena"/,
    ],
    [
      'two names for one column',
      'PRONAC,pronac,CgcCpfMecena,CaptacaoReal\n',
      /columns "PRONAC" and "pronac" both map to PRONAC/,
    ],
    [
      'a tab-separated header',
      'PRONAC\tCgcCpfMecena\n',
      /no ',' separator \(found "\\t": wrong delimiter\?\)/,
    ],
    ['an unterminated quote', '"PRONAC,CgcCpfMecena\n', /no complete header line/],
  ];
  for (const [what, text, message] of refused) {
    it(`refuses ${what}`, () => {
      expect(() => parseSalicHeader(bytes(text), 'captacoes.csv', 'fundraising')).toThrow(message);
    });
  }
});

describe('salic columns', () => {
  it('recognises extract file names', () => {
    expect(salicDatasetOfFile('PLANILHA_APROVADA.csv')).toBe('budget_lines');
    expect(salicDatasetOfFile('valor_unitario_aprovado_sample.csv')).toBe('unit_prices');
    expect(salicDatasetOfFile('notas.csv')).toBeUndefined();
  });

  it('gives the lake schema of docs/formats/salic.md with money in cents and PRONAC as text', () => {
    const schema = salicLakeSchema('receipts');
    expect(schema.map((c) => c.name)).toEqual([
      'receipt_id',
      'budget_line_id',
      'pronac',
      'provider_document',
      'provider_name',
      'payment_type',
      'proof_number',
      'payment_date',
      'proven_cents',
      'source_row',
      '_origin',
      '_extra',
      '_input_sha256',
    ]);
    expect(schema.find((c) => c.name === 'pronac')?.type).toBe('VARCHAR');
    expect(schema.find((c) => c.name === 'proven_cents')?.type).toBe('BIGINT');
  });

  it('puts the optional analyst last among the project columns, as text', () => {
    const names = salicLakeSchema('projects').map((c) => c.name);
    expect(names.slice(-6)).toEqual([
      'other_sources_cents',
      'analyst',
      'source_row',
      '_origin',
      '_extra',
      '_input_sha256',
    ]);
    expect(salicLakeSchema('projects').find((c) => c.name === 'analyst')?.type).toBe('VARCHAR');
  });

  it('numbers rows around rejected records', () => {
    expect(salicRowNumberExpression([])).toBe('(_r + 1)');
    // Rejected records at rows 3 and 4: accepted record 1 is row 2, record 2 is row 5.
    expect(salicRowNumberExpression([3, 4])).toBe('(_r + 1 + list_count(list_filter([1, 1], a -> a < _r)))');
  });
});
