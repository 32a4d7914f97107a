// The pool of suppliers (fornecedores) claims are paid to: companies with valid CNPJs (restaurants, hotels, gas
// stations, airlines, car rentals, …), individuals with valid CPFs (Recibo rows: drivers, landlords,
// consultants), the House's placeholders on phone/post rows (`00000000000001` "CELULAR FUNCIONAL",
// `00000000000007` Correios; first 12 digits zero, not a real CNPJ) and foreign suppliers without a document.
// Brasília (DF) suppliers serve every deputy; the others serve deputies of their own UF. Popularity within a
// group is Zipf-like, so a few restaurants see hundreds of deputies, as in the real data. About 15% of gas
// stations/restaurants are branches of a chain (same root, branch 0002, 0003, …).
// txtNumero comes from a per-supplier, per-year counter, so a (supplier, number) pair never repeats by chance:
// every repeated receipt in the output is a planted duplicate (15% of individuals' receipts say "S/N" or
// alike instead of a number: not an identifier).
import { Rng, cnpjCheckDigits, cpfCheckDigits } from '../../core/index.js';
import { mixSeed } from './deputies.js';
import { UF_SEATS } from './geo.js';
import { companyName, personName } from './names.js';

export type SupplierCategory =
  | 'restaurant'
  | 'hotel'
  | 'fuel'
  | 'airline'
  | 'rental'
  | 'office'
  | 'telecom'
  | 'parking'
  | 'media'
  | 'consulting'
  | 'security'
  | 'events'
  | 'publisher'
  | 'bus'
  | 'person'
  | 'phone-placeholder'
  | 'postal'
  | 'abroad';

export interface Supplier {
  name: string;
  /** 14 digits (CNPJ), 11 (CPF) or '' (abroad, some post rows). */
  doc: string;
  category: SupplierCategory;
  /** '' = national (serves everyone). */
  uf: string;
  /** Usual meal price for restaurants/hotels, in cents. */
  priceCents: number;
  numberStyle: number;
  numberBase: number;
  /** Documents the supplier issues per year (to everyone): how far its numbering moves from year to year. */
  numberStride: number;
  numberGap: number;
}

/** Digits of the placeholder documents the House writes on phone and post rows. */
export const PLACEHOLDER_DOCS = ['00000000000001', '00000000000007'] as const;

/** True for the House's placeholder documents (first 12 digits zero). */
export function isPlaceholderDoc(digits: string): boolean {
  return digits.length === 14 && digits.startsWith('000000000000');
}

// [category, suppliers in DF, fixed per other UF, extra per seat of that UF]
// prettier-ignore
const LOCAL: readonly (readonly [SupplierCategory, number, number, number])[] = [
  ['restaurant', 90, 6, 0.34], ['hotel', 8, 3, 0.12], ['fuel', 40, 5, 0.5], ['rental', 6, 2, 0.1],
  ['office', 20, 4, 0.25], ['parking', 15, 2, 0.1], ['media', 6, 3, 0.2], ['consulting', 10, 1, 0.1],
  ['security', 3, 1, 0.05], ['events', 8, 0, 0.02], ['bus', 0, 2, 0], ['person', 30, 10, 0.5],
];
// prettier-ignore
const NATIONAL: readonly (readonly [SupplierCategory, string, number])[] = [
  ['airline', 'Cia Aérea - GOL', 40], ['airline', 'Cia Aérea - LATAM', 35], ['airline', 'Cia Aérea - AZUL', 24],
  ['airline', 'Cia Aérea - PASSAREDO', 1], ['telecom', 'TELEFÔNICA BRASIL S.A.', 35], ['telecom', 'CLARO S.A.', 30],
  ['telecom', 'TIM S.A.', 20], ['telecom', 'Telefônica Brasil S. A. VIVO', 10], ['telecom', 'OI MÓVEL S.A.', 5],
  ['rental', 'LOCALIZA RENT A CAR S/A', 20], ['rental', 'MOVIDA LOCAÇÃO DE VEÍCULOS S.A.', 10],
  ['rental', 'UNIDAS LOCADORA S.A.', 8], ['parking', 'CONCESSIONÁRIA DA RODOVIA PRESIDENTE DUTRA S/A', 5],
  ['parking', 'SEM PARAR INSTITUIÇÃO DE PAGAMENTO LTDA', 12], ['parking', 'ESTAPAR ESTACIONAMENTOS S/A', 6],
  ['publisher', 'EDITORA GLOBO S/A', 10], ['publisher', 'FOLHA DA MANHÃ S/A', 8], ['publisher', 'S/A O ESTADO DE S. PAULO', 6],
  ['publisher', 'EDITORA ABRIL S.A.', 4], ['events', 'ESCOLA NACIONAL DE GESTÃO PÚBLICA LTDA', 3],
];
// prettier-ignore
const POSTAL = ['CORREIOS - SEDEX CONVENCIONAL', 'CORREIOS - ENCOMENDA PAC', 'CORREIOS - CARTA COMERCIAL', 'CORREIOS - SEDEX 10'];
// prettier-ignore
const ABROAD = [
  'HOTEL MARRIOTT MIAMI', 'RESTAURANT LE PETIT PARIS', 'LISBOA PLAZA HOTEL', 'TRATTORIA ROMA', 'HOTEL NH MADRID',
  'NEW YORK DELI', 'STARBUCKS WASHINGTON DC', 'HILTON BUENOS AIRES', 'CAFE TORTONI', 'BEIJING HOTEL',
];

/** Suppliers of one category in one UF ('' = national), with cumulative popularity for weighted picks. */
export interface SupplierGroup {
  id: number;
  members: number[];
  cumulative: number[];
}

/** Suppliers with grouping by (category, UF) and the per-year txtNumero counters. */
export class SupplierPool {
  readonly all: Supplier[] = [];
  private readonly groups = new Map<SupplierCategory, Map<string, SupplierGroup>>();
  private groupCount = 0;
  private readonly usedRoots = new Set<string>();
  private readonly weights: number[] = [];
  private counters = new Float64Array(0);
  private strideScale = 1;
  private year = 0;

  constructor(seed: number) {
    const rng = new Rng(mixSeed(seed, 0x5099));
    for (const [category, name, weight] of NATIONAL)
      this.add(rng, { category, uf: '', name, weight, person: false });
    this.add(rng, {
      category: 'phone-placeholder',
      uf: '',
      name: 'CELULAR FUNCIONAL',
      weight: 1,
      doc: PLACEHOLDER_DOCS[0],
    });
    POSTAL.forEach((name, i) =>
      this.add(rng, { category: 'postal', uf: '', name, weight: 4 - i, doc: PLACEHOLDER_DOCS[1] }),
    );
    this.add(rng, { category: 'postal', uf: '', name: 'CORREIOS - CARTA SIMPLES', weight: 0.5, doc: '' });
    ABROAD.forEach((name) => this.add(rng, { category: 'abroad', uf: '', name, weight: 1, doc: '' }));
    for (const [uf, seats] of UF_SEATS) {
      for (const [category, inDf, fixed, perSeat] of LOCAL) {
        const n = uf === 'DF' ? inDf : Math.round(fixed + perSeat * seats);
        for (let k = 0; k < n; k++) {
          const chain = (category === 'fuel' || category === 'restaurant') && k > 0 && rng.chance(0.15);
          const person = category === 'person';
          const name = person
            ? personName(rng)
            : chain
              ? (this.all.at(-1)?.name ?? '')
              : companyName(rng, category);
          this.add(rng, { category, uf, name, weight: 1 / Math.pow(k + 1, 0.9), person, chain });
        }
      }
    }
    for (const byUf of this.groups.values()) {
      for (const group of byUf.values()) {
        let acc = 0;
        group.cumulative = group.members.map((i) => (acc += this.weightOf(i)));
      }
    }
  }

  /** Restarts the txtNumero counters for a year (numbers stay unique across years). */
  startYear(year: number, scale: number): void {
    this.year = year;
    this.strideScale = Math.max(1, Math.ceil(scale));
    this.counters = new Float64Array(this.all.length).fill(-1);
  }

  /** The group of a category in a UF, falling back to the national group, then to DF. */
  group(category: SupplierCategory, uf: string): SupplierGroup {
    const byUf = this.groups.get(category);
    const group = byUf?.get(uf) ?? byUf?.get('') ?? byUf?.get('DF');
    if (!group) throw new RangeError(`synthetic ceap: no supplier of category ${category}`);
    return group;
  }

  /** A supplier of a group, drawn by popularity. */
  pick(rng: Rng, group: SupplierGroup): number {
    const total = group.cumulative[group.cumulative.length - 1] ?? 0;
    const r = rng.next() * total;
    let lo = 0;
    let hi = group.members.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((group.cumulative[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return group.members[lo] ?? 0;
  }

  /** The next txtNumero of a supplier, written in its usual style. */
  nextNumber(rng: Rng, index: number): string {
    const s = this.all[index];
    if (!s) throw new RangeError(`synthetic ceap: no supplier ${index}`);
    let n = this.counters[index] ?? -1;
    // Individuals number their receipts from 1 each year; companies keep one sequence across years.
    if (n < 0)
      n =
        s.numberStyle === 6
          ? s.numberBase
          : s.numberBase + (this.year - 2008) * s.numberStride * this.strideScale;
    n += 1 + rng.int(0, s.numberGap);
    this.counters[index] = n;
    return formatNumber(s.numberStyle, n);
  }

  private weightOf(index: number): number {
    return this.weights[index] ?? 1;
  }

  private add(
    rng: Rng,
    o: {
      category: SupplierCategory;
      uf: string;
      name: string;
      weight: number;
      person?: boolean;
      chain?: boolean;
      doc?: string;
    },
  ): void {
    const doc = o.doc ?? (o.person ? this.cpf(rng) : this.cnpj(rng, o.chain === true));
    const price =
      o.category === 'restaurant'
        ? rng.logNormal(6000, 0.35)
        : o.category === 'hotel'
          ? rng.logNormal(9000, 0.3)
          : 0;
    const style = o.person
      ? 6
      : o.category === 'airline'
        ? 7
        : o.category === 'postal'
          ? 8
          : rng.weightedIndex([60, 10, 8, 5, 7, 10]);
    const index = this.all.length;
    this.all.push({
      name: o.name,
      doc,
      category: o.category,
      uf: o.uf,
      priceCents: Math.round(price),
      numberStyle: style,
      numberBase:
        style === 7
          ? 2_400_000_000 + rng.int(0, 99_999_999)
          : style === 6
            ? rng.int(0, 50)
            : Math.round(100 * 5000 ** rng.next()),
      numberStride: style === 7 ? 5_000_000 : Math.round(100_000 * 10 ** rng.next()),
      numberGap: style === 7 || style === 6 ? 0 : rng.int(0, 12),
    });
    this.weights.push(o.weight);
    let byUf = this.groups.get(o.category);
    if (!byUf) this.groups.set(o.category, (byUf = new Map()));
    let group = byUf.get(o.uf);
    if (!group) byUf.set(o.uf, (group = { id: this.groupCount++, members: [], cumulative: [] }));
    group.members.push(index);
  }

  private cnpj(rng: Rng, chain: boolean): string {
    const prev = this.all.at(-1)?.doc ?? '';
    if (chain && prev.length === 14) {
      const branch = String(Number(prev.slice(8, 12)) + 1).padStart(4, '0');
      const base = prev.slice(0, 8) + branch;
      return base + cnpjCheckDigits(base);
    }
    let root = String(rng.int(0, 99_999_999)).padStart(8, '0');
    while (this.usedRoots.has(root) || /^0{7}/.test(root))
      root = String(rng.int(0, 99_999_999)).padStart(8, '0');
    this.usedRoots.add(root);
    const base = `${root}0001`;
    return base + cnpjCheckDigits(base);
  }

  private cpf(rng: Rng): string {
    const base = String(rng.int(1_000_000, 999_999_999)).padStart(9, '0');
    return base + cpfCheckDigits(base);
  }
}

function formatNumber(style: number, n: number): string {
  const digits = String(n);
  switch (style) {
    case 1:
      return digits.padStart(8, '0');
    case 2:
      return digits.padStart(9, '0');
    case 3:
      return digits.padStart(12, '0');
    case 4:
      return digits.length > 3 ? `${digits.slice(0, -3)}.${digits.slice(-3)}` : digits;
    case 7:
      return `Bilhete: ${digits}`;
    case 8:
      return `RSP : ${digits}`;
    default:
      return digits;
  }
}
