// Helpers shared by the parsers of user-written YAML files: a problem collector that prefixes the file name,
// and small typed readers that report `file: dotted.path: bad value; expected …` instead of throwing.
import { parse as parseYaml } from 'yaml';

export type Obj = Record<string, unknown>;

/** Collects errors with the file name in front: `models/marts/x.yml: columns[2].name: …`. */
export class Problems {
  readonly errors: string[] = [];
  constructor(private readonly file: string) {}
  add(where: string, message: string): void {
    this.errors.push(where ? `${this.file}: ${where}: ${message}` : `${this.file}: ${message}`);
  }
}

/** Renders a bad value for a message: strings quoted, objects as short JSON. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  const json = JSON.stringify(value);
  if (json === undefined) return String(value);
  return json.length > 80 ? `${json.slice(0, 80)}…` : json;
}

export function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function loadYaml(text: string, problems: Problems): unknown {
  try {
    return parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    problems.add(
      '',
      `is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
    return undefined;
  }
}

export function checkKeys(obj: Obj, allowed: readonly string[], where: string, problems: Problems): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      problems.add(where || key, `unknown key "${key}"; expected one of ${allowed.join(', ')}`);
    }
  }
}

export function text(
  obj: Obj,
  key: string,
  where: string,
  problems: Problems,
  required = true,
): string | undefined {
  const value = obj[key];
  const at = where ? `${where}.${key}` : key;
  if (value === undefined || value === null) {
    if (required) problems.add(at, 'is missing; expected a non-empty string');
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    problems.add(at, `${show(value)} is not a non-empty string`);
    return undefined;
  }
  return value.trim();
}

export function list(obj: Obj, key: string, where: string, problems: Problems): unknown[] {
  const value = obj[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.add(where ? `${where}.${key}` : key, `${show(value)} is not a list`);
    return [];
  }
  return value;
}
