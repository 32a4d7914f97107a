import { describe, expect, it } from 'vitest';
import { csvLine } from '../csv/index.js';
import {
  SalicCaptacaoSchema,
  SalicCodeNameSchema,
  SalicProjectSchema,
  SalicReceiptSchema,
  validateSalicItems,
} from './api-schemas.js';
import {
  salicCodeNameRow,
  salicFundraisingRow,
  salicPaymentTypeCode,
  salicProjectRow,
  salicReceiptRow,
  salicStagedHeader,
} from './api-mapping.js';
import { SALIC_STAGED_META } from './salic-header.js';

describe('salic api mapping', () => {
  it('maps payment labels to codes, accents and case ignored, passing unknown labels through', () => {
    const cases: [unknown, string | null][] = [
      ['Cheque', '1'],
      ['Transferencia Bancaria', '2'],
      ['TRANSFERÊNCIA  BANCÁRIA', '2'],
      ['Saque/Dinheiro', '3'],
      [2, '2'],
      ['Pix', 'Pix'],
      [null, null],
    ];
    for (const [label, code] of cases) expect(salicPaymentTypeCode(label)).toBe(code);
  });

  it('writes numbers in their exact shortest decimal form, never through cents arithmetic', () => {
    const cases: [number | undefined, string | null][] = [
      [4501.5, '4501.5'],
      [0.1, '0.1'],
      [240000.5, '240000.5'],
      [1e21, '1e+21'],
      [undefined, null],
    ];
    for (const [valor, text] of cases) {
      const captacao = SalicCaptacaoSchema.parse({ valor, cgccpf: '12.345.678/0001-90' });
      expect(salicFundraisingRow(captacao, '090123', 1, 'u')).toMatchObject({
        PRONAC: '090123',
        CaptacaoReal: text,
        CgcCpfMecena: '12.345.678/0001-90',
      });
    }
  });

  it('turns a listing record into a projetos.csv row, unknown fields in _extra, HAL links dropped', () => {
    const record = SalicProjectSchema.parse({
      PRONAC: '090123',
      nome: 'Circo',
      valor_aprovado: 75000,
      sinopse: 'Espetáculo',
      _links: { self: 'x' },
    });
    const row = salicProjectRow(record, 4, 'http://x/projetos/?offset=3');
    expect(row).toMatchObject({
      PRONAC: '090123',
      nome: 'Circo',
      valor_aprovado: '75000',
      UF: null,
      _source_row: '4',
      _origin: 'http://x/projetos/?offset=3',
    });
    expect(JSON.parse(row._extra ?? '{}')).toEqual({ sinopse: 'Espetáculo' });
  });

  it('maps no analyst: the public API has no such field, so analista is neither staged nor read', () => {
    expect(salicStagedHeader('projects')).not.toContain('analista');
    expect(salicStagedHeader('projects').slice(-4)).toEqual(['outras_fontes', ...SALIC_STAGED_META]);
    const record = SalicProjectSchema.parse({ PRONAC: '090123', nome: 'Circo', analista: 'Fulano' });
    const row = salicProjectRow(record, 1, 'http://x/projetos/');
    expect(row).not.toHaveProperty('analista');
    expect(JSON.parse(row._extra ?? '{}')).toEqual({ analista: 'Fulano' });
  });

  it('turns a payment into a comprovantes.csv row of its project', () => {
    const receipt = SalicReceiptSchema.parse({
      id_comprovante_pagamento: 501,
      id_planilha_aprovacao: '1001',
      cgccpf: '77.888.999/0001-81',
      tipo_forma_pagamento: 'Cheque',
      nr_comprovante: 850012,
      valor_pagamento: 3500,
    });
    expect(salicReceiptRow(receipt, '132955', 1, 'u')).toMatchObject({
      idComprovantePagamento: '501',
      idPlanilhaAprovacao: '1001',
      PRONAC: '132955',
      CgcCpfFornecedor: '77.888.999/0001-81',
      tpFormaDePagamento: '1',
      nrComprovante: '850012',
      VlComprovado: '3500',
      _extra: null,
    });
  });

  it('stages a row as one RFC 4180 line in the staged header order, as api-stage.ts writes it', () => {
    const item = SalicCodeNameSchema.parse({ codigo: 1, nome: 'Artes "Cênicas", circo\ne dança' });
    const row = salicCodeNameRow(item, 2, 'http://x/areas/');
    expect(salicStagedHeader('areas')).toEqual(['codigo', 'nome', ...SALIC_STAGED_META]);
    expect(
      csvLine(
        salicStagedHeader('areas').map((h) => row[h]),
        ',',
      ),
    ).toBe('"1","Artes ""Cênicas"", circo\ne dança","2","http://x/areas/",\n');
  });

  it('sets aside invalid items with the field, the value and the URL, keeping positions', () => {
    const { records, rejected } = validateSalicItems(
      SalicReceiptSchema,
      [{ valor_pagamento: 1 }, { valor_pagamento: true }, 'oops'],
      'http://x/projetos/1/',
      'relacao_pagamentos',
      1,
    );
    expect(records.map((r) => r.position)).toEqual([1]);
    expect(rejected.map((r) => [r.position, r.reason])).toEqual([
      [
        2,
        'salic api: relacao_pagamentos[1].valor_pagamento: expected number or string, got true (boolean) (at http://x/projetos/1/)',
      ],
      [3, 'salic api: relacao_pagamentos[2]: expected object, got "oops" (at http://x/projetos/1/)'],
    ]);
  });
});
