// How a CEAP row is written in each file vintage (the formats our parser ingests; DOMAIN.md §1.1):
// - 'current' (32 columns) and '2020' (31, no datPagamentoRestituicao): UTF-8 BOM, every field quoted.
// - '2019' (29: no cpf, datPagamentoRestituicao, urlDocumento): same quoting; every txtCNPJCPF has the
//   misplaced mask of the real Ano-2019 file (`037.139.030/0010-8`, CPFs `123.456.789/01  -`).
// - '2017' (30: cpf but no datPagamentoRestituicao/urlDocumento): no BOM, unquoted (a field is quoted only
//   when it holds `;` or `"`), dates `2017-04-26 00:00:00`; '2017-comma' also writes `idecadastro` and
//   decimal commas ("111,30").
// Money: decimal point, no thousands separator, no trailing zeros ("111.3", "1500", "-320.55").
// txtCNPJCPF: current/2020 70% bare digits, 15% proper mask, 15% misplaced mask; 2017 80% digits, 20% proper.

export type CeapVintage = 'current' | '2020' | '2019' | '2017' | '2017-comma';

export const CEAP_VINTAGES: readonly CeapVintage[] = ['current', '2020', '2019', '2017', '2017-comma'];

export const CURRENT_COLUMNS = [
  'txNomeParlamentar',
  'cpf',
  'ideCadastro',
  'nuCarteiraParlamentar',
  'nuLegislatura',
  'sgUF',
  'sgPartido',
  'codLegislatura',
  'numSubCota',
  'txtDescricao',
  'numEspecificacaoSubCota',
  'txtDescricaoEspecificacao',
  'txtFornecedor',
  'txtCNPJCPF',
  'txtNumero',
  'indTipoDocumento',
  'datEmissao',
  'vlrDocumento',
  'vlrGlosa',
  'vlrLiquido',
  'numMes',
  'numAno',
  'numParcela',
  'txtPassageiro',
  'txtTrecho',
  'numLote',
  'numRessarcimento',
  'datPagamentoRestituicao',
  'vlrRestituicao',
  'nuDeputadoId',
  'ideDocumento',
  'urlDocumento',
] as const;

export type CeapColumn = (typeof CURRENT_COLUMNS)[number];

const without = (...drop: CeapColumn[]): CeapColumn[] => CURRENT_COLUMNS.filter((c) => !drop.includes(c));

/** Header columns per vintage (the '2017-comma' header spells `idecadastro`). */
export const CEAP_COLUMNS: Readonly<Record<CeapVintage, readonly string[]>> = {
  current: CURRENT_COLUMNS,
  '2020': without('datPagamentoRestituicao'),
  '2019': without('cpf', 'datPagamentoRestituicao', 'urlDocumento'),
  '2017': without('datPagamentoRestituicao', 'urlDocumento'),
  '2017-comma': without('datPagamentoRestituicao', 'urlDocumento').map((c) =>
    c === 'ideCadastro' ? 'idecadastro' : c,
  ),
};

export interface VintageStyle {
  quoted: boolean;
  bom: boolean;
  dateSeparator: string;
  decimalComma: boolean;
  /** Shares (of 100) of bare digits and proper masks; the rest uses the misplaced mask. */
  bareShare: number;
  properShare: number;
}

/** Quoting, BOM, date and decimal conventions of each vintage. */
export const VINTAGE_STYLES: Readonly<Record<CeapVintage, VintageStyle>> = {
  current: {
    quoted: true,
    bom: true,
    dateSeparator: 'T',
    decimalComma: false,
    bareShare: 70,
    properShare: 15,
  },
  '2020': {
    quoted: true,
    bom: true,
    dateSeparator: 'T',
    decimalComma: false,
    bareShare: 70,
    properShare: 15,
  },
  '2019': { quoted: true, bom: true, dateSeparator: 'T', decimalComma: false, bareShare: 0, properShare: 0 },
  '2017': {
    quoted: false,
    bom: false,
    dateSeparator: ' ',
    decimalComma: false,
    bareShare: 80,
    properShare: 20,
  },
  '2017-comma': {
    quoted: false,
    bom: false,
    dateSeparator: ' ',
    decimalComma: true,
    bareShare: 80,
    properShare: 20,
  },
};

/** Formats cents: 11130 → "111.3", 150000 → "1500", -32055 → "-320.55"; with comma: "111,30". */
export function formatCeapMoney(cents: number, decimalComma = false): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  if (decimalComma) return `${sign}${whole},${frac < 10 ? '0' : ''}${frac}`;
  if (frac === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${frac % 10 === 0 ? frac / 10 : frac < 10 ? `0${frac}` : frac}`;
}

/** Writes a document's digits as bare digits, its proper mask, or the misplaced mask (roll 0–99). */
export function formatCeapDocument(digits: string, roll: number, vintage: CeapVintage): string {
  const style = VINTAGE_STYLES[vintage];
  if (digits === '' || roll < style.bareShare) return digits;
  const d = digits;
  if (roll < style.bareShare + style.properShare) {
    if (d.length === 14)
      return `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-${d.slice(12)}`;
    return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;
  }
  if (d.length === 14)
    return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}/${d.slice(9, 13)}-${d.slice(13)}`;
  return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}/${d.slice(9)}  -`;
}
