import { describe, expect, it } from 'vitest';
import { parseCeapHeader } from './ceap-header.js';

const CURRENT =
  'txNomeParlamentar;cpf;ideCadastro;nuCarteiraParlamentar;nuLegislatura;sgUF;sgPartido;codLegislatura;numSubCota;txtDescricao;numEspecificacaoSubCota;txtDescricaoEspecificacao;txtFornecedor;txtCNPJCPF;txtNumero;indTipoDocumento;datEmissao;vlrDocumento;vlrGlosa;vlrLiquido;numMes;numAno;numParcela;txtPassageiro;txtTrecho;numLote;numRessarcimento;datPagamentoRestituicao;vlrRestituicao;nuDeputadoId;ideDocumento;urlDocumento'.split(
    ';',
  );
const quoted = (cols: string[]) => cols.map((c) => `"${c}"`).join(';');
const bytes = (s: string, bom = true) =>
  Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(`${s}\n`)]);

describe('parseCeapHeader', () => {
  const vintages: [string, string[], string][] = [
    ['current (32)', CURRENT, 'current-32'],
    ['2020 (31)', CURRENT.filter((c) => c !== 'datPagamentoRestituicao'), '2020-31'],
    [
      '2019 (29)',
      CURRENT.filter((c) => !['cpf', 'urlDocumento', 'datPagamentoRestituicao'].includes(c)),
      '2019-29',
    ],
    ['2017 (30)', CURRENT.filter((c) => !['urlDocumento', 'datPagamentoRestituicao'].includes(c)), '2017-30'],
    [
      'May 2017 variant',
      CURRENT.filter((c) => !['urlDocumento', 'datPagamentoRestituicao'].includes(c)).map((c) =>
        c === 'ideCadastro' ? 'idecadastro' : c,
      ),
      '2017-05-variant',
    ],
  ];
  for (const [name, cols, vintage] of vintages) {
    it(`recognises the ${name} header`, () => {
      const h = parseCeapHeader(bytes(quoted(cols)), 'Ano.csv');
      expect(h.vintage).toBe(vintage);
      expect(h.names).toEqual(cols);
      expect(h.unknown).toEqual([]);
      expect(h.hasBom).toBe(true);
    });
  }
  it('maps a reordered, unquoted header by name and keeps unknown columns', () => {
    const cols = [...CURRENT].reverse().concat('colunaNova');
    const h = parseCeapHeader(bytes(cols.join(';'), false), 'x.csv');
    expect(h.quoted).toBe(false);
    expect(h.hasBom).toBe(false);
    expect(h.mapped[0]?.name).toBe('urlDocumento');
    expect(h.unknown).toEqual(['colunaNova']);
    expect(h.warnings[0]).toContain('colunaNova');
  });
  it('rejects duplicated columns', () => {
    expect(() => parseCeapHeader(bytes(quoted([...CURRENT, 'vlrLiquido'])), 'd.csv')).toThrow(
      'header repeats column(s) vlrLiquido',
    );
  });
});
