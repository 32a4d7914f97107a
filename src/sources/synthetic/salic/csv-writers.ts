// Writes the four SALIC extracts exactly as docs/formats/salic.md describes them: `,` separator, RFC 4180
// quoting only where needed (names with commas or quotes), UTF-8 without BOM, LF line ends, decimal point
// with two decimals for money, ISO dates (DataProjeto with a time of day, as database extracts write it).
// Rows go through a ByteBuffer in ~1 MB chunks; repeated text (item names, places, provider names) is encoded
// once. Files are written under a `.partial` name and renamed when complete.
import { closeSync, openSync, writeSync } from 'node:fs';
import fs from 'node:fs/promises';
import { ByteBuffer } from '../byte-buffer.js';
import { STAGES } from './catalogue.js';
import { FUNDING_SOURCES, type Project, type SalicDatabase } from './model.js';
import { AREAS, SEGMENTS } from './segments.js';

export const PROJECT_COLUMNS = [
  'PRONAC',
  'id_pronac',
  'ano_projeto',
  'nome',
  'cgccpf',
  'proponente',
  'area',
  'segmento',
  'cod_segmento',
  'UF',
  'municipio',
  'data_inicio',
  'data_termino',
  'situacao',
  'mecanismo',
  'enquadramento',
  'valor_solicitado',
  'valor_aprovado',
  'valor_captado',
  'valor_proposta',
  'outras_fontes',
  'analista',
] as const;
export const BUDGET_LINE_COLUMNS = [
  'idPlanilhaAprovacao',
  'PRONAC',
  'idPlanilhaItens',
  'Item',
  'Etapa',
  'UfItem',
  'MunicipioItem',
  'QtdeAprovada',
  'OcorrenciaAprovada',
  'VlUnitarioAprovado',
  'VlAprovado',
  'DataProjeto',
  'FonteRecurso',
] as const;
export const RECEIPT_COLUMNS = [
  'idComprovantePagamento',
  'idPlanilhaAprovacao',
  'PRONAC',
  'CgcCpfFornecedor',
  'NomeFornecedor',
  'tpFormaDePagamento',
  'nrComprovante',
  'DtPagamento',
  'VlComprovado',
] as const;
export const FUNDRAISING_COLUMNS = [
  'PRONAC',
  'CgcCpfMecena',
  'NomeMecena',
  'DtRecibo',
  'CaptacaoReal',
] as const;

const FLUSH_BYTES = 1 << 20;
const COMMA = 44;
const NEWLINE = 10;
const DAY_MS = 86_400_000;

/** RFC 4180: quote a field that holds a comma, quote or line break, doubling its quotes. */
export function csvQuote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes projetos.csv; returns the number of data rows. */
export async function writeProjects(db: SalicDatabase, target: string): Promise<number> {
  const text = new TextCache();
  return writeCsv(target, PROJECT_COLUMNS, (out, flush) => {
    for (const p of db.projects) {
      const owner = db.proponents[p.proponent];
      const segment = SEGMENTS[p.segment];
      const place = db.places.places[p.place];
      out.ascii(p.pronac);
      out.byte(COMMA);
      num(out, p.idPronac);
      out.byte(COMMA);
      out.ascii(p.pronac.slice(0, 2));
      out.byte(COMMA);
      out.utf8(csvQuote(p.name));
      out.byte(COMMA);
      out.ascii(owner?.doc ?? '');
      out.byte(COMMA);
      out.utf8(csvQuote(owner?.name ?? ''));
      out.byte(COMMA);
      out.bytes(text.get(AREAS.find((a) => a.tag === segment?.area)?.name ?? ''));
      out.byte(COMMA);
      out.bytes(text.get(segment?.name ?? ''));
      out.byte(COMMA);
      out.ascii(segment?.code ?? '');
      out.byte(COMMA);
      out.ascii(place?.uf ?? '');
      out.byte(COMMA);
      out.bytes(text.get(place?.city ?? ''));
      out.byte(COMMA);
      out.bytes(text.date(p.startDay));
      out.byte(COMMA);
      out.bytes(text.date(p.endDay));
      out.byte(COMMA);
      out.bytes(text.get(p.status));
      out.byte(COMMA);
      out.ascii('Mecenato');
      out.byte(COMMA);
      out.ascii(p.framing);
      out.byte(COMMA);
      money(out, p.requestedCents);
      out.byte(COMMA);
      money(out, p.approvedCents);
      out.byte(COMMA);
      money(out, p.raisedCents);
      out.byte(COMMA);
      money(out, p.requestedCents + p.otherSourcesCents);
      out.byte(COMMA);
      money(out, p.otherSourcesCents);
      out.byte(COMMA);
      if (p.analyst >= 0) out.bytes(text.get(db.analysts[p.analyst] ?? ''));
      out.byte(NEWLINE);
      flush();
    }
    return db.projects.length;
  });
}

/** Writes planilha_aprovada.csv; returns the number of data rows. */
export async function writeBudgetLines(db: SalicDatabase, target: string): Promise<number> {
  const { lines, catalogue, places } = db;
  const text = new TextCache();
  // Pre-encoded "idPlanilhaItens,Item,", "Etapa,", "UfItem,MunicipioItem," and ",FonteRecurso\n".
  const items = catalogue.items.map((i) => text.encode(i.name, `${i.id},`, ','));
  const stages = STAGES.map((s) => text.encode(s, '', ','));
  const sources = FUNDING_SOURCES.map((s) => text.encode(s, ',', '\n'));
  const where = places.places.map((p) => text.encode(p.city, `${p.uf},`, ','));
  return writeCsv(target, BUDGET_LINE_COLUMNS, (out, flush) => {
    for (const p of db.projects) {
      const stamp = text.get(budgetStamp(p));
      for (let i = p.firstLine; i < p.firstLine + p.lineCount; i++) {
        num(out, lines.id[i] ?? 0);
        out.byte(COMMA);
        out.ascii(p.pronac);
        out.byte(COMMA);
        out.bytes(items[lines.item[i] ?? 0] as Uint8Array);
        out.bytes(stages[lines.stage[i] ?? 0] as Uint8Array);
        out.bytes(where[lines.place[i] ?? 0] as Uint8Array);
        num(out, lines.qty[i] ?? 0);
        out.byte(COMMA);
        num(out, lines.occ[i] ?? 0);
        out.byte(COMMA);
        money(out, lines.unitCents[i] ?? 0);
        out.byte(COMMA);
        money(out, lines.approvedCents[i] ?? 0);
        out.byte(COMMA);
        out.bytes(stamp);
        out.bytes(sources[lines.source[i] ?? 0] as Uint8Array);
      }
      flush();
    }
    return lines.length;
  });
}

/** Writes comprovantes.csv (per project, by proof id then budget line id); returns the number of data rows. */
export async function writeReceipts(db: SalicDatabase, target: string): Promise<number> {
  const { receipts, lines, providers } = db;
  const text = new TextCache();
  // "doc,name" of each provider, encoded on first use.
  const party: (Uint8Array | undefined)[] = new Array(providers.length);
  const key = (r: number): number =>
    (receipts.proof[r] ?? 0) * 4_294_967_296 + (lines.id[receipts.line[r] ?? 0] ?? 0);
  return writeCsv(target, RECEIPT_COLUMNS, (out, flush) => {
    for (const p of db.projects) {
      const order = Array.from({ length: p.receiptCount }, (_, k) => p.firstReceipt + k);
      let sorted = true;
      for (let k = 1; k < order.length && sorted; k++)
        sorted = key(order[k - 1] as number) < key(order[k] as number);
      if (!sorted) order.sort((a, b) => key(a) - key(b));
      for (const r of order) {
        const v = receipts.provider[r] ?? 0;
        const type = receipts.type[r] ?? 2;
        num(out, receipts.proof[r] ?? 0);
        out.byte(COMMA);
        num(out, lines.id[receipts.line[r] ?? 0] ?? 0);
        out.byte(COMMA);
        out.ascii(p.pronac);
        out.byte(COMMA);
        out.bytes((party[v] ??= partyBytes(text, providers[v])));
        out.byte(COMMA);
        out.byte(48 + type);
        out.byte(COMMA);
        const n = receipts.number[r] ?? 0;
        if (type === 1) for (let d = 100_000; d > n && d > 1; d /= 10) out.byte(48);
        num(out, n);
        out.byte(COMMA);
        out.bytes(text.date(receipts.day[r] ?? 0));
        out.byte(COMMA);
        money(out, receipts.cents[r] ?? 0);
        out.byte(NEWLINE);
      }
      flush();
    }
    return receipts.length;
  });
}

function partyBytes(text: TextCache, who: { doc: string; name: string } | undefined): Uint8Array {
  return text.encode(who?.name ?? '', `${who?.doc ?? ''},`);
}

/** Writes captacoes.csv; returns the number of data rows. */
export async function writeFundraising(db: SalicDatabase, target: string): Promise<number> {
  const text = new TextCache();
  const names: (Uint8Array | undefined)[] = new Array(db.sponsors.length);
  return writeCsv(target, FUNDRAISING_COLUMNS, (out, flush) => {
    for (const p of db.projects) {
      for (let k = p.firstFund; k < p.firstFund + p.fundCount; k++) {
        const row = db.funds[k];
        if (!row) continue;
        const sponsor = db.sponsors[row.sponsor];
        out.ascii(p.pronac);
        out.byte(COMMA);
        out.bytes((names[row.sponsor] ??= partyBytes(text, sponsor)));
        out.byte(COMMA);
        out.bytes(text.date(row.day));
        out.byte(COMMA);
        money(out, row.cents);
        out.byte(NEWLINE);
      }
      flush();
    }
    return db.funds.length;
  });
}

/** The number written on a proof: cheques zero-padded to 6 digits, other types as plain digits. */
export function proofNumberText(type: number, n: number): string {
  return type === 1 ? String(n).padStart(6, '0') : String(n);
}

/** `YYYY-MM-DD` of a day count since 1970-01-01. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** DataProjeto: the proposal date; records from 2014 on carry the time of day they were entered. */
function budgetStamp(p: Project): string {
  if (p.year < 2014) return `${isoDay(p.proposalDay)} 00:00:00`;
  const s = (p.idPronac * 7_919) % 36_000;
  const hh = 8 + Math.floor(s / 3_600);
  const mm = Math.floor((s % 3_600) / 60);
  const ss = s % 60;
  return `${isoDay(p.proposalDay)} ${pad2(hh)}:${pad2(mm)}:${pad2(ss)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Writes a non-negative integer (V8's number-to-string is about twice as fast as digit loops here). */
function num(out: ByteBuffer, n: number): void {
  out.ascii(String(n));
}

/** Writes cents as reais with a decimal point and two decimals (`1234.50`). */
function money(out: ByteBuffer, cents: number): void {
  let c = Math.round(cents);
  if (c < 0) {
    out.byte(45);
    c = -c;
  }
  num(out, Math.floor(c / 100));
  out.byte(46);
  const frac = c % 100;
  out.byte(48 + Math.floor(frac / 10));
  out.byte(48 + (frac % 10));
}

/** Encoded, CSV-quoted text and ISO dates, each computed once. */
class TextCache {
  private readonly strings = new Map<string, Uint8Array>();
  private readonly days: (Uint8Array | undefined)[] = [];

  get(value: string): Uint8Array {
    let b = this.strings.get(value);
    if (!b) this.strings.set(value, (b = this.encode(value)));
    return b;
  }

  /** The CSV field for `value` between an optional raw prefix and suffix (already CSV-safe). */
  encode(value: string, prefix = '', suffix = ''): Uint8Array {
    return Buffer.from(prefix + csvQuote(value) + suffix, 'utf8');
  }

  date(day: number): Uint8Array {
    let b = this.days[day];
    if (!b) this.days[day] = b = Buffer.from(isoDay(day), 'ascii');
    return b;
  }
}

type Body = (out: ByteBuffer, flush: () => void) => number;

/**
 * Streams a CSV (header + rows) to `target` through a `.partial` file; returns what `body` returns. Chunks are
 * written synchronously as they fill, so memory stays at one chunk whatever the scale.
 */
async function writeCsv(target: string, columns: readonly string[], body: Body): Promise<number> {
  const partial = `${target}.partial`;
  const fd = openSync(partial, 'w');
  const out = new ByteBuffer(FLUSH_BYTES * 2);
  const drain = (): void => {
    const chunk = out.take();
    let done = 0;
    while (done < chunk.length) done += writeSync(fd, chunk, done, chunk.length - done);
  };
  let rows: number;
  try {
    out.ascii(`${columns.join(',')}\n`);
    rows = body(out, () => {
      if (out.length >= FLUSH_BYTES) drain();
    });
    drain();
  } catch (err) {
    closeSync(fd);
    await fs.rm(partial, { force: true });
    throw err;
  }
  closeSync(fd);
  await fs.rename(partial, target);
  return rows;
}
