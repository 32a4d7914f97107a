// In-memory shape of one synthetic SALIC database before it is written: projects, proponents, providers and
// sponsors as objects (tens of thousands), budget lines and receipts as columns of typed arrays (millions at
// scale 5), money always in integer cents. Rows of one project are contiguous in both tables (`firstLine`,
// `firstReceipt`), in PRONAC order, so writers and checks walk them without indexes.
import type { Catalogue } from './catalogue.js';
import type { Places } from './places.js';

/** The metrics of the Salic-ML prior art that the planted anomalies target (DOMAIN.md §4.1). */
export const SALIC_METRICS = [
  'itens_orcamentarios',
  'valor_a_ser_comprovado',
  'comprovantes_acima_50',
  'novos_fornecedores',
  'comprovante_cheque',
  'comprovante_transferencia',
  'comprovante_saque',
  'comprovante_pagamento',
  'itens_comuns_e_incomuns',
  'preco_itens',
  'projetos_mesmo_proponente',
] as const;

export type SalicMetric = (typeof SALIC_METRICS)[number];

/** Bit of a metric in `Project.plants`. */
export function metricBit(metric: SalicMetric): number {
  return 1 << SALIC_METRICS.indexOf(metric);
}

/** Payment types of `tpFormaDePagamento`. */
export const PAYMENT_CHEQUE = 1;
export const PAYMENT_TRANSFER = 2;
export const PAYMENT_CASH = 3;

/** `FonteRecurso` values; index 1 writes an empty field (the default source). */
export const FUNDING_SOURCES = ['Incentivo Fiscal Federal', '', 'Recursos Próprios', 'Outras Fontes'];
/** True for the sources that enter the metrics (federal tax incentive, written or defaulted). */
export const isIncentive = (source: number): boolean => source <= 1;

export interface Proponent {
  doc: string;
  name: string;
  person: boolean;
  place: number;
  segment: number;
  projects: number[];
}

export interface Project {
  index: number;
  pronac: string;
  idPronac: number;
  /** Full year, e.g. 2013 (PRONAC starts with its last two digits). */
  year: number;
  name: string;
  proponent: number;
  segment: number;
  place: number;
  /** Days since 1970-01-01 (UTC). */
  proposalDay: number;
  startDay: number;
  endDay: number;
  executed: boolean;
  framing: string;
  status: string;
  /** Index into `SalicDatabase.analysts` of the analyst reviewing the accounts, −1 for none (analysts.ts). */
  analyst: number;
  /** Bit set of planted metrics (metricBit). */
  plants: number;
  firstLine: number;
  lineCount: number;
  firstReceipt: number;
  receiptCount: number;
  firstFund: number;
  fundCount: number;
  approvedCents: number;
  otherSourcesCents: number;
  requestedCents: number;
  raisedCents: number;
  provenCents: number;
}

export interface Provider {
  doc: string;
  name: string;
  kind: string;
  /** Created for one project only (a "new" provider by construction). */
  fresh: boolean;
  /** Pool group (kind × UF) of a pooled provider, −1 for fresh ones and collectors. */
  group: number;
}

export interface Sponsor {
  doc: string;
  name: string;
}

/** Approved budget lines (planilha aprovada), one column per field. */
export class LineTable {
  length = 0;
  id = new Float64Array(0);
  project = new Int32Array(0);
  item = new Int32Array(0);
  stage = new Uint8Array(0);
  place = new Int32Array(0);
  qty = new Int32Array(0);
  occ = new Int32Array(0);
  unitCents = new Float64Array(0);
  approvedCents = new Float64Array(0);
  source = new Uint8Array(0);

  constructor(capacity: number) {
    this.resize(Math.max(16, capacity));
  }

  /** Appends an empty row and returns its index. */
  push(): number {
    if (this.length === this.id.length) this.resize(this.length * 2);
    return this.length++;
  }

  private resize(n: number): void {
    this.id = grow(this.id, n);
    this.project = grow(this.project, n);
    this.item = grow(this.item, n);
    this.stage = grow(this.stage, n);
    this.place = grow(this.place, n);
    this.qty = grow(this.qty, n);
    this.occ = grow(this.occ, n);
    this.unitCents = grow(this.unitCents, n);
    this.approvedCents = grow(this.approvedCents, n);
    this.source = grow(this.source, n);
  }
}

/** Receipts: one row per (payment proof, budget line) pair. */
export class ReceiptTable {
  length = 0;
  proof = new Float64Array(0);
  line = new Int32Array(0);
  provider = new Int32Array(0);
  type = new Uint8Array(0);
  /** Number written on the proof, rendered per type (see csv-writers.ts). */
  number = new Float64Array(0);
  day = new Int32Array(0);
  cents = new Float64Array(0);

  constructor(capacity: number) {
    this.resize(Math.max(16, capacity));
  }

  push(): number {
    if (this.length === this.proof.length) this.resize(this.length * 2);
    return this.length++;
  }

  private resize(n: number): void {
    this.proof = grow(this.proof, n);
    this.line = grow(this.line, n);
    this.provider = grow(this.provider, n);
    this.type = grow(this.type, n);
    this.number = grow(this.number, n);
    this.day = grow(this.day, n);
    this.cents = grow(this.cents, n);
  }
}

/** Fundraising receipts (captações). */
export interface FundRow {
  sponsor: number;
  day: number;
  cents: number;
}

/** What a plant did, for the ground truth. */
export interface PlantNotes {
  /** Budget lines over 150%: line index → 'single' | 'sum'. */
  over150: Map<number, Map<number, 'single' | 'sum'>>;
  /** Shared proofs: project → [type, proof id][]. */
  sharedProofs: Map<number, [number, number][]>;
  /** Overpriced budget lines per project. */
  overpriced: Map<number, number[]>;
  /** Proponent plants: target project → the metrics planted on it. */
  proponentTargets: Map<number, SalicMetric[]>;
}

type Typed = Float64Array | Int32Array | Uint8Array;

function grow<T extends Typed>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a.subarray(0, Math.min(a.length, n)));
  return b;
}

/** Everything generated, ready for the writers and the ground truth. */
export interface SalicDatabase {
  catalogue: Catalogue;
  places: Places;
  projects: Project[];
  proponents: Proponent[];
  providers: Provider[];
  sponsors: Sponsor[];
  /** The reviewing analysts' names (`Project.analyst` indexes them). */
  analysts: string[];
  lines: LineTable;
  receipts: ReceiptTable;
  funds: FundRow[];
  notes: PlantNotes;
}
