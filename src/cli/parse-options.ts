// Option value parsers for commander: bad values become exit-2 usage errors with the flag's name.
import { InvalidArgumentError } from 'commander';

export function positiveNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${flag} must be a number above 0, got "${value}"`);
    return n;
  };
}

export function positiveInteger(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`${flag} must be a whole number above 0, got "${value}"`);
    return n;
  };
}

export function portNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError(`${flag} must be a port from 1 to 65535, got "${value}"`);
    return n;
  };
}

// Repeatable options collect into an array.
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
