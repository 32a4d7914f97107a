// Writes one generated year as a CEAP file: rows in the portal's order (requester, month, subquota, issue
// date), encoded in the requested vintage in chunks of 5,000 lines, with progress callbacks.
import { ByteBuffer } from './byte-buffer.js';
import type { CeapVintage } from './ceap-format.js';
import { CeapRowEncoder } from './ceap-row-encoder.js';
import { CeapFileWriter } from './ceap-writer.js';
import { SUBQUOTAS } from './subquotas.js';
import type { SupplierPool } from './suppliers.js';
import type { ExpenseRow, YearContext } from './year-context.js';

const PROGRESS_EVERY = 50_000;
const CHUNK_ROWS = 5_000;

export interface WriteYearOptions {
  vintage: CeapVintage;
  /** Final path of the file. */
  target: string;
  zip: boolean;
  /** Name of the CSV (inside the zip when zipping). */
  entryName: string;
  /** Called about every 50,000 rows with the rows written so far in this file. */
  onRows: (rows: number) => void;
}

/** Writes the rows of a year in output order and returns the file's sha256. */
export async function writeYear(
  ctx: YearContext,
  pool: SupplierPool,
  options: WriteYearOptions,
): Promise<string> {
  const { vintage, target, zip, entryName } = options;
  const rows = outputOrder(ctx.rows);
  const encoder = new CeapRowEncoder(vintage, ctx.year, pool.all);
  const writer = await CeapFileWriter.create({
    target,
    zip,
    entryName,
    mtime: new Date(Date.UTC(ctx.year + 1, 0, 1)),
  });
  try {
    await writer.write(encoder.header());
    const out = new ByteBuffer();
    let lastReport = 0;
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const end = Math.min(rows.length, start + CHUNK_ROWS);
      for (let i = start; i < end; i++) encoder.encode(rows[i] as ExpenseRow, out);
      await writer.write(out.take());
      if (end - lastReport >= PROGRESS_EVERY) {
        options.onRows(end);
        lastReport = end;
      }
    }
  } catch (err) {
    await writer.abort();
    throw err;
  }
  return writer.close();
}

/**
 * Output order: requester (by name, then id: the portal groups each requester's claims), accounting month,
 * numSubCota, datEmissao, ideDocumento. Sorted through numeric keys: a comparator over 400k objects is slow.
 */
function outputOrder(rows: readonly ExpenseRow[]): ExpenseRow[] {
  const names = new Map<number, string>();
  for (const r of rows) names.set(r.req.nuDeputadoId, r.req.name);
  const ids = [...names.keys()].sort((a, b) => {
    const na = names.get(a) ?? '';
    const nb = names.get(b) ?? '';
    return na < nb ? -1 : na > nb ? 1 : a - b;
  });
  const rank = new Map(ids.map((id, i) => [id, i]));
  const codeRank = SUBQUOTAS.map((s) => SUBQUOTAS.filter((o) => o.code < s.code).length);
  const keys = new Float64Array(rows.length);
  const ides = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    // requester · 13 months · 16 subquotas · 65,536 epoch days (until 2149): exact in a double.
    keys[i] =
      (((rank.get(r.req.nuDeputadoId) ?? 0) * 13 + r.month) * 16 + (codeRank[r.sub] ?? 0)) * 65_536 + r.day;
    ides[i] = r.ide;
  });
  const order = Array.from({ length: rows.length }, (_, i) => i);
  order.sort(
    (a, b) => (keys[a] as number) - (keys[b] as number) || (ides[a] as number) - (ides[b] as number),
  );
  return order.map((i) => rows[i] as ExpenseRow);
}
