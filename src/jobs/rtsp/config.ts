// Command line + config file (+ auth sources) → validated RtspOptions. Flags win over the file;
// mounts and users from both are kept.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { parseInputSpec } from '../../pipeline/sources.js';
import { collectAuth, parseAuthEntry, type AuthSources } from './auth.js';
import { parseRtspOptions, rtspOptionsSchema, type RtspOptions, type RtspOptionsInput } from './options.js';

export const DEFAULT_MOUNT = '/stream';

export interface RtspCommandLine {
  /** The positional input. */
  input?: string | undefined;
  /** --mount values: "/path" (for the positional input) or "/path=INPUT". */
  mounts?: string[] | undefined;
  /** --config FILE (JSON). */
  configFile?: string | undefined;
  /** Every other flag, undefined when not given (so the file or the default applies). */
  flags?: Omit<RtspOptionsInput, 'mounts' | 'auth'>;
  auth?: AuthSources;
}

export interface ResolvedOptions {
  options: RtspOptions;
  warnings: string[];
}

export function resolveRtspOptions(line: RtspCommandLine): ResolvedOptions {
  const file = line.configFile !== undefined ? readConfigFile(line.configFile) : {};
  const { users, warnings } = collectAuth(line.auth ?? {});
  const flags = Object.fromEntries(Object.entries(line.flags ?? {}).filter(([, v]) => v !== undefined));
  const merged: RtspOptionsInput = {
    ...file,
    ...flags,
    mounts: [...(file.mounts ?? []), ...commandLineMounts(line.input, line.mounts ?? [])],
    auth: [...(file.auth ?? []), ...users],
  };
  return { options: parseRtspOptions(merged), warnings };
}

// The positional input and --mount flags → mounts.
export function commandLineMounts(input: string | undefined, flags: string[]): { path: string; input: string }[] {
  const named = flags.filter((f) => f.includes('='));
  const bare = flags.filter((f) => !f.includes('='));
  if (bare.length > 1) throw new UsageError(`--mount ${bare[1]}: only one mount path can name the positional input; use --mount /path=INPUT for more.`);
  if (bare.length === 1 && input === undefined) {
    throw new UsageError(`--mount ${bare[0]} names no input.`, { fix: `Give an input (lydlr-gst rtsp test --mount ${bare[0]}) or --mount ${bare[0]}=INPUT.` });
  }
  const mounts = named.map((f) => {
    const eq = f.indexOf('=');
    return { path: f.slice(0, eq), input: f.slice(eq + 1) };
  });
  return input !== undefined ? [{ path: bare[0] ?? DEFAULT_MOUNT, input }, ...mounts] : mounts;
}

type ConfigFile = Omit<RtspOptionsInput, 'mounts' | 'auth'> & { mounts?: RtspOptionsInput['mounts']; auth?: { user: string; pass: string }[] };

// A JSON file with the options' own names; "mounts" as a list or as {"/path": "INPUT"}; "auth" as
// "user:pass" strings or {user, pass}; relative file inputs are relative to the file.
export function readConfigFile(path: string): ConfigFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? `is not valid JSON (${error.message})` : `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new UsageError(`--config ${path} ${why}.`, { data: { file: path } });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`--config ${path}: expected a JSON object of options.`);
  const config = { ...(raw as Record<string, unknown>) };
  const known = new Set(Object.keys(rtspOptionsSchema.shape));
  const unknown = Object.keys(config).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new UsageError(`--config ${path}: unknown option ${unknown.join(', ')} (known: ${[...known].join(', ')}).`);
  if (config.mounts !== undefined) config.mounts = configMounts(config.mounts, path);
  if (config.auth !== undefined) config.auth = configAuth(config.auth, path);
  return config as ConfigFile;
}

function configMounts(value: unknown, path: string): unknown[] {
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null
      ? Object.entries(value).map(([mount, input]) => (typeof input === 'string' ? { path: mount, input } : { path: mount, ...(input as object) }))
      : undefined;
  if (!list) throw new UsageError(`--config ${path}: "mounts" must be a list of {path, input} or an object {"/path": "INPUT"}.`);
  const base = dirname(resolve(path));
  return list.map((m: unknown) => {
    if (typeof m !== 'object' || m === null || typeof (m as { input?: unknown }).input !== 'string') return m;
    const mount = m as { input: string };
    const spec = parseInputSpec(mount.input);
    return spec.kind === 'file' && !spec.spec.includes('://') && !isAbsolute(spec.path) ? { ...mount, input: resolve(base, spec.path) } : mount;
  });
}

function configAuth(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new UsageError(`--config ${path}: "auth" must be a list of "user:pass" strings or {user, pass}.`);
  return value.map((entry) => (typeof entry === 'string' ? parseAuthEntry(entry, `--config ${path} auth entry`) : entry));
}
