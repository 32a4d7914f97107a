// Monthly limits per subquota, read from seeds/ceap_subquota_limits.csv (the same file the detectors use), so
// the planted over-limit months and the detector agree on the limit in force. The seeds folder is found by
// walking up from this module, which works from src/ (tests, tsx) and from dist/src/ (compiled CLI).
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceError } from '../../core/index.js';

const SEED_FILE = path.join('seeds', 'ceap_subquota_limits.csv');

export interface SubquotaLimit {
  subquota: number;
  /** Inclusive `YYYY-MM` window as month numbers (year·12 + month − 1); `to` undefined = still in force. */
  from: number;
  to: number | undefined;
  limitCents: number;
}

/** Limits by subquota code and accounting month. */
export class SubquotaLimits {
  readonly codes: ReadonlySet<number>;

  constructor(readonly rows: readonly SubquotaLimit[]) {
    this.codes = new Set(rows.map((r) => r.subquota));
  }

  /** The limit in cents in force for a subquota in an accounting month, or undefined when there is none. */
  limitFor(subquota: number, year: number, month: number): number | undefined {
    const m = year * 12 + month - 1;
    for (const r of this.rows) {
      if (r.subquota === subquota && m >= r.from && (r.to === undefined || m <= r.to)) return r.limitCents;
    }
    return undefined;
  }
}

/** Path of the seeds file: `../../../seeds/…` from this module, else the nearest `seeds/` walking up. */
export function resolveLimitsFile(): string {
  const direct = fileURLToPath(new URL('../../../seeds/ceap_subquota_limits.csv', import.meta.url));
  if (existsSync(direct)) return direct;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, SEED_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new SourceError(`synthetic ceap: ${SEED_FILE} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** Reads and validates the limits file. */
export async function loadSubquotaLimits(file: string = resolveLimitsFile()): Promise<SubquotaLimits> {
  return new SubquotaLimits(parseSubquotaLimits(await fs.readFile(file, 'utf8'), file));
}

/** Parses the limits CSV (header `subquota,label,valid_from,valid_to,limit_cents,source`). */
export function parseSubquotaLimits(text: string, file = 'ceap_subquota_limits.csv'): SubquotaLimit[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = splitCsvLine(lines[0] ?? '');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0)
      throw new SourceError(`synthetic ceap: ${file} has no column ${name} (header: ${header.join(',')})`);
    return i;
  };
  const [cSub, cFrom, cTo, cLimit] = [
    col('subquota'),
    col('valid_from'),
    col('valid_to'),
    col('limit_cents'),
  ];
  return lines.slice(1).map((line, i) => {
    const f = splitCsvLine(line);
    const where = `(line ${i + 2} of ${file})`;
    const subquota = Number(f[cSub]);
    const limitCents = Number(f[cLimit]);
    if (!Number.isInteger(subquota) || !Number.isInteger(limitCents)) {
      throw new SourceError(`synthetic ceap: bad subquota/limit_cents "${f[cSub]}"/"${f[cLimit]}" ${where}`);
    }
    const to = f[cTo] ?? '';
    return {
      subquota,
      from: monthNumber(f[cFrom] ?? '', where),
      to: to === '' ? undefined : monthNumber(to, where),
      limitCents,
    };
  });
}

function monthNumber(value: string, where: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(value.trim());
  if (!m) throw new SourceError(`synthetic ceap: "${value}" is not a YYYY-MM month ${where}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out;
}
