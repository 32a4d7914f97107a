import { describe, expect, it } from 'vitest';
import { CeapRowEncoder } from './ceap-row-encoder.js';
import type { Requester } from './deputies.js';
import { SUB, SUBQUOTAS } from './subquotas.js';
import type { Supplier } from './suppliers.js';
import { epochDay, type ExpenseRow } from './year-context.js';

const deputy: Requester = {
  name: 'JÚLIA MARINHO',
  cpf: '',
  ideCadastro: '67312',
  nuCarteiraParlamentar: '34',
  nuLegislatura: '2023',
  sgUF: 'PA',
  sgPartido: 'PSC',
  codLegislatura: 57,
  nuDeputadoId: 3054,
  isLeadership: false,
  homeUf: 'PA',
  propensity: new Float64Array(SUBQUOTAS.length),
};

const supplier: Supplier = {
  name: 'RESTAURANTE "SABOR DO CERRADO" LTDA',
  doc: '03713903000108',
  category: 'restaurant',
  uf: 'DF',
  priceCents: 6000,
  numberStyle: 0,
  numberBase: 1,
  numberStride: 1,
  numberGap: 0,
};

const meal: ExpenseRow = {
  req: deputy,
  sub: SUB.meal,
  spec: -1,
  sup: 0,
  doc: '03713903000108',
  number: '693',
  type: 4,
  day: epochDay(2025, 1, 16),
  secs: 0,
  value: 11130,
  glosa: 1000,
  month: 1,
  passenger: '',
  trecho: '',
  lote: 1554246,
  ide: 6738121,
  mask: 95,
  anomaly: '',
};

describe('CeapRowEncoder', () => {
  it('writes a current row: every field quoted, misplaced mask, point decimals, NF-e url', () => {
    const line = new CeapRowEncoder('current', 2025, [supplier]).line(meal);
    expect(line).toBe(
      '"JÚLIA MARINHO";"";"67312";"34";"2023";"PA";"PSC";"57";"13";"FORNECIMENTO DE ALIMENTAÇÃO DO PARLAMENTAR";' +
        '"0";"";"RESTAURANTE ""SABOR DO CERRADO"" LTDA";"037.139.030/0010-8";"693";"4";"2025-01-16T00:00:00";' +
        '"111.3";"10";"101.3";"1";"2025";"0";"";"";"1554246";"";"";"";"3054";"6738121";' +
        '"https://www.camara.leg.br/cota-parlamentar/nota-fiscal-eletronica?ideDocumentoFiscal=6738121"\n',
    );
  });

  it('writes a 2017-comma row: unquoted unless needed, proper mask, decimal commas, space in dates', () => {
    const row: ExpenseRow = { ...meal, type: 0, value: -32055, glosa: 0, secs: 14 * 3600 + 23 * 60 + 59 };
    const line = new CeapRowEncoder('2017-comma', 2017, [supplier]).line(row);
    expect(line).toBe(
      'JÚLIA MARINHO;;67312;34;2023;PA;PSC;57;13;FORNECIMENTO DE ALIMENTAÇÃO DO PARLAMENTAR;0;;' +
        '"RESTAURANTE ""SABOR DO CERRADO"" LTDA";03.713.903/0001-08;693;0;2025-01-16 14:23:59;' +
        `-320,55;0,00;-320,55;1;2017;0;;;1554246;${5000 + ((1554246 * 7 + 1) % 1200)};0;3054;6738121\n`,
    );
  });

  it('writes a 2019 flight row without cpf and url, with the old flight label and "0" refund batch', () => {
    const flight: ExpenseRow = {
      ...meal,
      sub: SUB.flight,
      type: 0,
      number: 'Bilhete: 2442978381',
      passenger: 'JÚLIA MARINHO',
      trecho: 'BSB/BEL',
      lote: 0,
      glosa: 0,
      value: 108849,
    };
    const line = new CeapRowEncoder('2019', 2019, [supplier]).line(flight);
    expect(line).toBe(
      '"JÚLIA MARINHO";"67312";"34";"2023";"PA";"PSC";"57";"999";"Emissão Bilhete Aéreo";"0";"";' +
        '"RESTAURANTE ""SABOR DO CERRADO"" LTDA";"037.139.030/0010-8";"Bilhete: 2442978381";"0";' +
        '"2025-01-16T00:00:00";"1088.49";"0";"1088.49";"1";"2019";"0";"JÚLIA MARINHO";"BSB/BEL";"0";"0";"";' +
        '"3054";"6738121"\n',
    );
  });
});
