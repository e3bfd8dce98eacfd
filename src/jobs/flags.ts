// A job's command-line surface as plain data: positional arguments and flags. The CLI turns it
// into commander commands, the REST API into body fields, the OpenAPI document into schemas and
// serve into argv for its job processes; no consumer reads another's representation.

/** A flag value that does not parse: the message names the flag and the value. */
export class FlagValueError extends Error {
  override readonly name = 'FlagValueError';
}

const TEXT_PARSERS = new WeakSet<(value: string) => unknown>();

/** Marks a parser whose values are written as text (60s, 100M, HOST:PORT, a command): a REST body gives
 * them as strings (or plain numbers), where every other parsed value is a number. */
export function textValue<T>(parse: (value: string) => T): (value: string) => T {
  TEXT_PARSERS.add(parse);
  return parse;
}

export const parsesText = (parse: (value: string) => unknown): boolean => TEXT_PARSERS.has(parse);

export interface FlagSpec {
  /** commander syntax: `-c, --codec <codec>`, `--live`, `--no-audio`. */
  flags: string;
  help: string;
  default?: string | number | boolean;
  /** Allowed values (an enum in the API). */
  choices?: readonly string[];
  /** Turns the text into a typed value; throws FlagValueError. */
  parse?: (value: string) => unknown;
  /** May be given more than once: the values collect into a list. */
  repeatable?: boolean;
  /** Must be given (commander's requiredOption). */
  required?: boolean;
  /** Body/attribute names of flags that exclude this one. */
  conflicts?: readonly string[];
}

export interface ArgSpec {
  name: string;
  help: string;
  required: boolean;
  variadic?: boolean;
  default?: unknown;
}

/** The long flag name without dashes (`--output-dir` → `output-dir`); `--no-audio` → `audio`. */
export function longName(flag: FlagSpec): string {
  const long = /--([\w-]+)/.exec(flag.flags)?.[1];
  if (!long) throw new Error(`flag "${flag.flags}" has no long name`);
  return long.replace(/^no-/, '');
}

/** The camelCase field a flag fills (`--output-dir` → `outputDir`), as commander names it. */
export function fieldName(flag: FlagSpec): string {
  return longName(flag).replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export const isNegation = (flag: FlagSpec): boolean => /--no-/.test(flag.flags);
export const takesValue = (flag: FlagSpec): boolean => /[<[]/.test(flag.flags);
/** `--sprite [COLSxROWS]`: a value may follow, or the flag stands alone as a switch. */
export const optionalValue = (flag: FlagSpec): boolean => /\s\[[^\]]+\]$/.test(flag.flags);
export const longFlag = (flag: FlagSpec): string => /(--[\w-]+)/.exec(flag.flags)![1]!;

// --- value parsers shared by the jobs' flag tables ---------------------------------------------

export function positiveNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new FlagValueError(`${flag} must be a number above 0, got "${value}"`);
    return n;
  };
}

export function positiveInteger(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new FlagValueError(`${flag} must be a whole number above 0, got "${value}"`);
    return n;
  };
}

export function wholeNumber(flag: string, min = 0) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || n < min) throw new FlagValueError(`${flag} must be a whole number from ${min}, got "${value}"`);
    return n;
  };
}

export function nonNegative(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new FlagValueError(`${flag} must be a number from 0, got "${value}"`);
    return n;
  };
}

export function portNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new FlagValueError(`${flag} must be a port from 1 to 65535, got "${value}"`);
    return n;
  };
}

// A port, or 0 for any free one.
export function portOrZero(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n > 65535) throw new FlagValueError(`${flag} must be a port from 1 to 65535 (or 0 for any free port), got "${value}"`);
    return n;
  };
}

export function unitInterval(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0 || n > 1) throw new FlagValueError(`${flag} must be between 0 and 1, got "${value}"`);
    return n;
  };
}
