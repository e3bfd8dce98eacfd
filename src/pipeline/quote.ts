// Quoting per the gst-launch grammar (gst/parse/parse.l): a value reaches the element unchanged.
// gst_parse_launchv re-joins argv and re-parses it, so argv tokens need the same quoting.

export type PropValue = string | number | boolean;

const SAFE_BARE = /^[A-Za-z0-9_+\-.:/@%]+$/;

// One property value as gst-launch needs it: bare when harmless, else "double-quoted" with \ escapes.
export function quoteValue(value: PropValue): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatNumber(value);
  if (value !== '' && SAFE_BARE.test(value)) return value;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
}

// `key=value` with the value quoted.
export function formatProperty(key: string, value: PropValue): string {
  if (!/^[A-Za-z_][\w-]*(::[\w-]+)?$/.test(key)) throw new RangeError(`invalid property name: ${key}`);
  return `${key}=${quoteValue(value)}`;
}

const SHELL_SAFE = /^[A-Za-z0-9_+\-.,:/@%=]+$/;

// A token as a POSIX shell word, so a displayed command can be copied and pasted.
export function shellQuote(token: string): string {
  if (token === '!') return token;
  if (token !== '' && SHELL_SAFE.test(token)) return token;
  return `'${token.replace(/'/g, `'\\''`)}'`;
}
