// Structured logging (pino) to stderr, so stdout stays for data and `--json` documents.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = process.env.HARDIN_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: undefined }, pino.destination({ fd: 2, sync: true }));
}

/** A logger that drops everything: for tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });
