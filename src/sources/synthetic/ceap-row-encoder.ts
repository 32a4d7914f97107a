// Encodes expense rows as CSV bytes in one vintage's layout (ceap-format.ts). The requester columns, the
// subquota columns and supplier names are encoded once and copied; the remaining fields are written in
// the fixed order of TAIL_COLUMNS, which the constructor checks against the vintage's header.
import { ByteBuffer } from './byte-buffer.js';
import {
  CEAP_COLUMNS,
  CURRENT_COLUMNS,
  VINTAGE_STYLES,
  formatCeapDocument,
  type CeapColumn,
  type CeapVintage,
  type VintageStyle,
} from './ceap-format.js';
import type { Requester } from './deputies.js';
import { FUEL_SPECIFICATIONS, SUBQUOTAS } from './subquotas.js';
import type { Supplier } from './suppliers.js';
import type { ExpenseRow } from './year-context.js';

const TAIL_COLUMNS: readonly CeapColumn[] = CURRENT_COLUMNS.slice(CURRENT_COLUMNS.indexOf('txtFornecedor'));
const QUOTE = 34;
const SEMI = 59;
const NFE_URL = 'https://www.camara.leg.br/cota-parlamentar/nota-fiscal-eletronica?ideDocumentoFiscal=';
const PDF_URL = 'https://www.camara.leg.br/cota-parlamentar/documentos/publ/';

/** Writes the header and rows of one year in one vintage. */
export class CeapRowEncoder {
  private readonly style: VintageStyle;
  private readonly columns: readonly string[];
  private readonly requesterColumns: readonly string[];
  private readonly hasPaymentDate: boolean;
  private readonly hasUrl: boolean;
  private readonly yearText: string;
  private readonly requesterCache = new Map<Requester, Buffer>();
  private readonly subquotaCache = new Map<number, Buffer>();
  private readonly dayCache = new Map<number, string>();
  private readonly midnightCache = new Map<number, Buffer>();
  private readonly textCache = new Map<string, Buffer>();
  private readonly names: Buffer[];
  private readonly noName: Buffer;
  /** `;numAno;numParcela;` */
  private readonly yearFields: Buffer;
  /** `;datPagamentoRestituicao;vlrRestituicao;` plus the opening quote of nuDeputadoId. */
  private readonly refundFields: Buffer;

  constructor(
    readonly vintage: CeapVintage,
    year: number,
    suppliers: readonly Supplier[],
  ) {
    this.style = VINTAGE_STYLES[vintage];
    this.columns = CEAP_COLUMNS[vintage];
    this.yearText = String(year);
    this.names = suppliers.map((s) => Buffer.from(`${this.field(s.name)};`, 'utf8'));
    this.noName = Buffer.from(`${this.field('')};`);
    const quoted = this.style.quoted;
    this.yearFields = Buffer.from(quoted ? `;"${this.yearText}";"0";` : `;${this.yearText};0;`);
    const k = this.columns.indexOf('numSubCota');
    this.requesterColumns = this.columns.slice(0, k);
    const tail = this.columns.slice(k + 4);
    this.hasPaymentDate = tail.includes('datPagamentoRestituicao');
    this.hasUrl = tail.includes('urlDocumento');
    const expected = TAIL_COLUMNS.filter(
      (c) =>
        (c !== 'datPagamentoRestituicao' || this.hasPaymentDate) && (c !== 'urlDocumento' || this.hasUrl),
    );
    if (
      tail.join(';') !== expected.join(';') ||
      (!this.style.quoted && (this.hasPaymentDate || this.hasUrl))
    ) {
      throw new Error(`synthetic ceap: cannot encode vintage ${vintage} with columns ${tail.join(';')}`);
    }
    // No refunds are modelled: "" in quoted files, 0 in the 2017 ones.
    this.refundFields = Buffer.from(quoted ? (this.hasPaymentDate ? ';"";"";"' : ';"";"') : ';0;');
  }

  /** BOM (if the vintage has one) and header line. */
  header(): Buffer {
    const bom = this.style.bom ? '\uFEFF' : '';
    return Buffer.from(`${bom}${this.columns.map((c) => this.field(c)).join(';')}\n`, 'utf8');
  }

  /** One row as a string (for tests and debugging; files use encode()). */
  line(r: ExpenseRow): string {
    const out = new ByteBuffer(1024);
    this.encode(r, out);
    return out.take().toString('utf8');
  }

  /** Appends one row, with its LF. */
  encode(r: ExpenseRow, out: ByteBuffer): void {
    const quoted = this.style.quoted;
    const q = (): void => this.quote(out);
    out.bytes(this.requester(r.req));
    out.bytes(this.subquota(r));
    out.bytes(this.names[r.sup] ?? this.noName);
    q();
    out.ascii(formatCeapDocument(r.doc, r.mask, this.vintage));
    q();
    out.byte(SEMI);
    this.text(r.number, out);
    q();
    out.uint(r.type);
    q();
    out.byte(SEMI);
    q();
    if (r.secs === 0) out.bytes(this.midnight(r.day));
    else out.ascii(this.date(r.day, r.secs));
    q();
    this.moneyField(r.value, out);
    this.moneyField(r.glosa, out);
    this.moneyField(r.value - r.glosa, out);
    out.byte(SEMI);
    q();
    out.uint(r.month);
    q();
    out.bytes(this.yearFields);
    this.text(r.passenger, out);
    this.text(r.trecho, out);
    q();
    out.uint(r.lote);
    q();
    out.byte(SEMI);
    q();
    if (r.lote === 0) out.byte(48);
    else if (!quoted) out.uint(5000 + ((r.lote * 7 + r.month) % 1200)); // 2017 files: a refund batch number
    q();
    out.bytes(this.refundFields);
    out.uint(r.req.nuDeputadoId);
    q();
    out.byte(SEMI);
    q();
    out.uint(r.ide);
    q();
    if (this.hasUrl) {
      out.byte(SEMI);
      q();
      if (r.type === 4) out.ascii(NFE_URL);
      else {
        out.ascii(PDF_URL);
        out.uint(r.req.nuDeputadoId);
        out.ascii(`/${this.yearText}/`);
      }
      out.uint(r.ide);
      if (r.type !== 4) out.ascii('.pdf');
      q();
    }
    out.byte(10);
  }

  /** A free-text field followed by `;`: quoted/escaped as the vintage requires. */
  private text(v: string, out: ByteBuffer): void {
    let plain = true;
    for (let i = 0; i < v.length && plain; i++) {
      const c = v.charCodeAt(i);
      plain = c < 128 && c !== QUOTE && c !== SEMI && c !== 10 && c !== 13;
    }
    if (!plain) return out.bytes(this.encoded(`${this.field(v)};`));
    if (this.style.quoted) out.byte(QUOTE);
    out.ascii(v);
    if (this.style.quoted) out.byte(QUOTE);
    out.byte(SEMI);
  }

  private quote(out: ByteBuffer): void {
    if (this.style.quoted) out.byte(QUOTE);
  }

  /** `;` and a money field. */
  private moneyField(cents: number, out: ByteBuffer): void {
    out.byte(SEMI);
    this.quote(out);
    this.money(cents, out);
    this.quote(out);
  }

  private money(cents: number, out: ByteBuffer): void {
    const abs = Math.abs(cents);
    const frac = abs % 100;
    if (cents < 0) out.byte(45);
    out.uint(Math.floor(abs / 100));
    if (this.style.decimalComma) {
      out.byte(44);
      out.byte(48 + Math.floor(frac / 10));
      out.byte(48 + (frac % 10));
    } else if (frac !== 0) {
      out.byte(46);
      out.byte(48 + Math.floor(frac / 10));
      if (frac % 10 !== 0) out.byte(48 + (frac % 10));
    }
  }

  private requester(req: Requester): Buffer {
    let b = this.requesterCache.get(req);
    if (!b) {
      const fields = this.requesterColumns.map((c) => this.field(requesterValue(c, req)));
      b = Buffer.from(`${fields.join(';')};`, 'utf8');
      this.requesterCache.set(req, b);
    }
    return b;
  }

  private subquota(r: ExpenseRow): Buffer {
    const key = r.sub * 8 + r.spec + 1;
    let b = this.subquotaCache.get(key);
    if (!b) {
      const spec = SUBQUOTAS[r.sub];
      const label = (this.vintage === 'current' ? spec?.labelCurrent : undefined) ?? spec?.label ?? '';
      const fuel = FUEL_SPECIFICATIONS[r.spec];
      const fields = [String(spec?.code ?? ''), label, String(fuel?.[0] ?? 0), fuel?.[1] ?? ''];
      b = Buffer.from(`${fields.map((v) => this.field(v)).join(';')};`, 'utf8');
      this.subquotaCache.set(key, b);
    }
    return b;
  }

  private encoded(text: string): Buffer {
    let b = this.textCache.get(text);
    if (!b) {
      b = Buffer.from(text, 'utf8');
      if (this.textCache.size < 50_000) this.textCache.set(text, b);
    }
    return b;
  }

  private field(v: string): string {
    if (this.style.quoted) return `"${v.includes('"') ? v.replace(/"/g, '""') : v}"`;
    return /[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }

  private midnight(day: number): Buffer {
    let b = this.midnightCache.get(day);
    if (!b) {
      b = Buffer.from(this.date(day, 0), 'latin1');
      this.midnightCache.set(day, b);
    }
    return b;
  }

  private date(day: number, secs: number): string {
    let d = this.dayCache.get(day);
    if (d === undefined) {
      d = new Date(day * 86_400_000).toISOString().slice(0, 10) + this.style.dateSeparator;
      this.dayCache.set(day, d);
    }
    if (secs === 0) return `${d}00:00:00`;
    const hh = Math.floor(secs / 3600);
    const mm = Math.floor((secs % 3600) / 60);
    return `${d}${pad2(hh)}:${pad2(mm)}:${pad2(secs % 60)}`;
  }
}

function requesterValue(column: string, q: Requester): string {
  switch (column) {
    case 'txNomeParlamentar':
      return q.name;
    case 'cpf':
      return q.cpf;
    case 'ideCadastro':
    case 'idecadastro':
      return q.ideCadastro;
    case 'nuCarteiraParlamentar':
      return q.nuCarteiraParlamentar;
    case 'nuLegislatura':
      return q.nuLegislatura;
    case 'sgUF':
      return q.sgUF;
    case 'sgPartido':
      return q.sgPartido;
    default:
      return String(q.codLegislatura);
  }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
