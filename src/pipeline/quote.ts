// Quoting per the gst-launch grammar (gst/parse/parse.l): a value reaches the element unchanged.
// gst_parse_launchv re-joins argv and re-parses it, so argv tokens need the same quoting.

export type PropValue = string | number | boolean;

const SAFE_BARE = /^[A-Za-z0-9_+\-.:/@%]+$/;

/**
 * 'string': for gst_parse_launch (one description string).
 * 'argv': a token for gst_parse_launchv, which escapes unquoted spaces itself before re-joining.
 */
export type QuoteMode = 'string' | 'argv';

// One property value as gst-launch needs it: bare when harmless, else "double-quoted" with \ escapes.
export function quoteValue(value: PropValue, mode: QuoteMode = 'string'): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatNumber(value);
  if (value !== '' && SAFE_BARE.test(value)) return value;
  if (value.endsWith('\\')) return escapeBare(value, mode);
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

// A quoted value must not end in \\" (the lexer would read an escaped quote and run on to the next
// quote in the line). So a value ending in a backslash is written bare, escaped, and ended by a
// newline: the lexer's escape (\\.) cannot swallow a newline, so the value stops exactly there.
function escapeBare(value: string, mode: QuoteMode): string {
  if (/["\n]/.test(value)) {
    throw new RangeError(`gst-launch cannot express a value that ends in a backslash and holds a double quote or newline: ${JSON.stringify(value)}`);
  }
  const escaped = value.replace(/\\/g, '\\\\').replace(/[\t\r]/g, '\\$&');
  // gst_parse_launchv escapes unquoted spaces in argv tokens itself.
  return `${mode === 'argv' ? escaped : escaped.replace(/ /g, '\\ ')}\n`;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
}

// `key=value` with the value quoted.
export function formatProperty(key: string, value: PropValue, mode: QuoteMode = 'string'): string {
  if (!/^[A-Za-z_][\w-]*(::[\w-]+)?$/.test(key)) throw new RangeError(`invalid property name: ${key}`);
  return `${key}=${quoteValue(value, mode)}`;
}

const SHELL_SAFE = /^[A-Za-z0-9_+\-.,:/@%=]+$/;

// A token as a POSIX shell word, so a displayed command can be copied and pasted.
export function shellQuote(token: string): string {
  if (token === '!') return token;
  if (token !== '' && SHELL_SAFE.test(token)) return token;
  return `'${token.replace(/'/g, `'\\''`)}'`;
}
