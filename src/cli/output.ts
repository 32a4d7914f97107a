// CLI output: data on stdout, diagnostics on stderr; with --json exactly one JSON document on stdout (errors
// included). Exit codes: 0 ok, 1 failure, 2 usage.
import { HardinError, describeError } from '../core/index.js';

export interface Output {
  json: boolean;
  /** The command's result: a JSON document with --json, else the human text. */
  result(doc: unknown, human: () => string): void;
  /** A diagnostic line on stderr (suppressed with --json unless it is a warning). */
  info(line: string): void;
  warn(line: string): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    result(doc, human) {
      process.stdout.write(json ? `${JSON.stringify(doc, null, 2)}\n` : `${human()}\n`);
    },
    info(line) {
      if (!json) process.stderr.write(`${line}\n`);
    },
    warn(line) {
      process.stderr.write(`warning: ${line}\n`);
    },
  };
}

/** Exit status for an error: 2 for usage, 1 otherwise. */
export function exitCodeFor(error: unknown): number {
  return error instanceof HardinError && error.code === 'USAGE' ? 2 : 1;
}

export function reportError(error: unknown, json: boolean): void {
  const code = error instanceof HardinError ? error.code : 'INTERNAL';
  const message = describeError(error);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ error: { code, message, details: error instanceof HardinError ? error.details : undefined } }, null, 2)}\n`,
    );
  } else {
    process.stderr.write(`hardin: ${message}\n`);
    if (!(error instanceof HardinError) && error instanceof Error && process.env.HARDIN_DEBUG) {
      process.stderr.write(`${error.stack ?? ''}\n`);
    }
  }
}

/** Formats a count with thousands separators. */
export function n(value: number): string {
  return value.toLocaleString('en-US');
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
