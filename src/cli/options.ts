// Parsing of option values shared by commands, with errors that name the option and the bad value.
import { UsageError } from '../core/index.js';

export function intOption(name: string, min: number, max: number) {
  return (value: string): number => {
    const v = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || v < min || v > max) {
      throw new UsageError(`--${name}: "${value}" is not an integer between ${min} and ${max}`);
    }
    return v;
  };
}

export function numberOption(name: string, min: number, max: number) {
  return (value: string): number => {
    const v = Number(value);
    if (value.trim() === '' || !Number.isFinite(v) || v < min || v > max) {
      throw new UsageError(`--${name}: "${value}" is not a number between ${min} and ${max}`);
    }
    return v;
  };
}

export function yearsOption(value: string): number[] {
  const years = value.split(',').map((s) => s.trim());
  for (const y of years) {
    if (!/^\d{4}$/.test(y) || Number(y) < 2008 || Number(y) > 2100) {
      throw new UsageError(`--years: "${y}" is not a year from 2008 (expected e.g. 2024,2025)`);
    }
  }
  return years.map(Number);
}
