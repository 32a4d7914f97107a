// The CEAP expense types (subcotas) the generator emits, with labels copied from the real files and the
// volume/value model behind each. Shares of rows at scale 1 (per deputy-month ≈ 63 receipts):
//   999 flights ≈ 30% · 3 fuel ≈ 20% · 13 meals ≈ 10% · 122 taxi/toll/parking ≈ 7% · 1 office ≈ 7% ·
//   10 phone ≈ 5.5% · 11 postal ≈ 5% · 14 lodging ≈ 3% · 5 publicity ≈ 3% · 120 vehicle rental ≈ 1.5% ·
//   4 consulting ≈ 1% · 8 security, 12 publications, 123 ground transport, 137 courses < 1% each.
// Values are log-normal around the medians below (meals: per-restaurant medians around R$ 60).
// Labels follow Ano-2019 (e.g. 122 "SERVIÇO DE TÁXI, …", 14 is lodging); only 999 changed its label in the
// current vintage ("PASSAGEM AÉREA - SIGEPA" instead of "Emissão Bilhete Aéreo").

/** indTipoDocumento: 0 Nota Fiscal, 1 Recibo, 2 expense abroad, 4 NF-e. */
export type DocumentType = 0 | 1 | 2 | 4;

export interface SubquotaSpec {
  code: number;
  label: string;
  /** Label in the 'current' vintage when it differs. */
  labelCurrent?: string;
  /** Receipts per month for a deputy who uses this subquota (before the volume multiplier). */
  rate: number;
  /** Share of deputies who use it at all. */
  usage: number;
  /** Receipts per month of a leadership (they have no flights of their own). */
  leaderRate: number;
  medianCents: number;
  sigma: number;
  /** indTipoDocumento weights. */
  types: readonly (readonly [DocumentType, number])[];
  /** Base probability that the House refuses part of a claim (vlrGlosa > 0). */
  glosaBase: number;
  /** Debited directly by the House (tickets, phone, post): no lote, no Recibo effect on glosa. */
  houseDebited: boolean;
}

// prettier-ignore
export const SUBQUOTAS: readonly SubquotaSpec[] = [
  { ...spec(999, 'Emissão Bilhete Aéreo', 19.5, 0.99, 0, 65000, 0.55, [[0, 1]], 0, true), labelCurrent: 'PASSAGEM AÉREA - SIGEPA' },
  spec(3, 'COMBUSTÍVEIS E LUBRIFICANTES.', 14, 0.9, 5, 20000, 0.6, [[4, 75], [0, 21], [1, 4]], 0.022),
  spec(13, 'FORNECIMENTO DE ALIMENTAÇÃO DO PARLAMENTAR', 7.4, 0.85, 6, 6000, 0.45, [[4, 62], [0, 22], [1, 14], [2, 2]], 0.03),
  spec(122, 'SERVIÇO DE TÁXI, PEDÁGIO E ESTACIONAMENTO', 6, 0.75, 2, 2500, 0.9, [[4, 35], [0, 25], [1, 40]], 0.008),
  spec(1, 'MANUTENÇÃO DE ESCRITÓRIO DE APOIO À ATIVIDADE PARLAMENTAR', 4.6, 0.95, 6, 40000, 1.1, [[4, 50], [0, 25], [1, 25]], 0.13),
  spec(10, 'TELEFONIA', 3.8, 0.9, 1.5, 15000, 1.0, [[0, 80], [4, 20]], 0.17, true),
  spec(11, 'SERVIÇOS POSTAIS', 4.6, 0.7, 1, 6000, 1.1, [[1, 1]], 0.004, true),
  spec(14, 'HOSPEDAGEM ,EXCETO DO PARLAMENTAR NO DISTRITO FEDERAL.', 3.2, 0.6, 0.3, 30000, 0.6, [[4, 50], [0, 45], [2, 5]], 0.07),
  spec(5, 'DIVULGAÇÃO DA ATIVIDADE PARLAMENTAR.', 2.4, 0.65, 1, 300000, 0.9, [[4, 60], [0, 25], [1, 15]], 0.015),
  spec(120, 'LOCAÇÃO OU FRETAMENTO DE VEÍCULOS AUTOMOTORES', 1.7, 0.7, 0.5, 600000, 0.35, [[4, 60], [0, 30], [1, 10]], 0.03),
  spec(4, 'CONSULTORIAS, PESQUISAS E TRABALHOS TÉCNICOS.', 2, 0.3, 0.3, 600000, 0.7, [[4, 60], [0, 20], [1, 20]], 0.05),
  spec(8, 'SERVIÇO DE SEGURANÇA PRESTADO POR EMPRESA ESPECIALIZADA.', 1.6, 0.1, 0, 350000, 0.5, [[4, 70], [0, 30]], 0.03),
  spec(12, 'ASSINATURA DE PUBLICAÇÕES', 1.2, 0.22, 0.5, 15000, 0.8, [[4, 50], [0, 50]], 0.02),
  spec(123, 'PASSAGENS TERRESTRES, MARÍTIMAS OU FLUVIAIS', 1.2, 0.15, 0, 8000, 0.7, [[0, 50], [4, 30], [1, 20]], 0.02),
  spec(137, 'PARTICIPAÇÃO EM CURSO, PALESTRA OU EVENTO SIMILAR', 0.6, 0.1, 0.1, 120000, 0.7, [[4, 40], [0, 30], [1, 10], [2, 20]], 0.04),
];

/** numEspecificacaoSubCota / txtDescricaoEspecificacao of fuel rows (others use 0 and ''). */
export const FUEL_SPECIFICATIONS: readonly (readonly [number, string, number])[] = [
  [1, 'Veículos Automotores', 992],
  [3, 'Aeronaves', 5],
  [4, 'Sem especificações', 3],
];

/** Index of a subquota code in SUBQUOTAS. */
export function subquotaIndex(code: number): number {
  const i = SUBQUOTAS.findIndex((s) => s.code === code);
  if (i < 0) throw new RangeError(`synthetic ceap: unknown subquota ${code}`);
  return i;
}

export const SUB = {
  flight: subquotaIndex(999),
  fuel: subquotaIndex(3),
  meal: subquotaIndex(13),
  taxi: subquotaIndex(122),
  office: subquotaIndex(1),
  phone: subquotaIndex(10),
  postal: subquotaIndex(11),
  lodging: subquotaIndex(14),
  publicity: subquotaIndex(5),
  rental: subquotaIndex(120),
  consulting: subquotaIndex(4),
  security: subquotaIndex(8),
  publications: subquotaIndex(12),
  ground: subquotaIndex(123),
  course: subquotaIndex(137),
} as const;

function spec(
  code: number,
  label: string,
  rate: number,
  usage: number,
  leaderRate: number,
  medianCents: number,
  sigma: number,
  types: readonly (readonly [DocumentType, number])[],
  glosaBase: number,
  houseDebited = false,
): SubquotaSpec {
  return { code, label, rate, usage, leaderRate, medianCents, sigma, types, glosaBase, houseDebited };
}
