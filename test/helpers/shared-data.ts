// Real public data samples live in ../shared/data/real (never copied into the repo). Tests that need them
// skip, with the reason, when that folder is absent.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED_REAL = path.resolve(ROOT, '..', 'shared', 'data', 'real');

export function realFile(relative: string): string {
  return path.join(SHARED_REAL, relative);
}

export function hasReal(relative: string): boolean {
  return existsSync(realFile(relative));
}

export const REPO_ROOT = ROOT;

/**
 * A test title that carries the skip reason when the real sample is absent, so the report says why.
 * @example describe.skipIf(!hasReal(f))(realTitle('ingests the 2019 extract', f), …)
 */
export function realTitle(title: string, relative: string): string {
  if (hasReal(relative)) return title;
  const reason = `SKIPPED: ${realFile(relative)} not found (real samples live in ../shared, never in the repo)`;
  process.stderr.write(`${reason}\n`);
  return `${title} — ${reason}`;
}
