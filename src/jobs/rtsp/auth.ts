// Who may watch: users from --auth (visible in `ps`), LYDLR_RTSP_AUTH or --auth-file (not visible).
// Messages never repeat a password.
import { readFileSync, statSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import type { AuthUser } from './options.js';

export const AUTH_ENV = 'LYDLR_RTSP_AUTH';

export interface AuthSources {
  /** --auth user:pass, repeatable. */
  flags?: string[] | undefined;
  /** --auth-file: one user:pass per line, # comments. */
  file?: string | undefined;
  /** LYDLR_RTSP_AUTH: user:pass entries separated by whitespace. */
  env?: NodeJS.ProcessEnv;
}

export interface AuthCollected {
  users: AuthUser[];
  /** Cautions for the user (passwords on the command line, a file others can read). */
  warnings: string[];
}

// "user:pass" → {user, pass}; the password is everything after the first colon.
export function parseAuthEntry(entry: string, source: string): AuthUser {
  const colon = entry.indexOf(':');
  if (colon <= 0 || colon === entry.length - 1) {
    const shown = colon > 0 ? `${entry.slice(0, colon)}:…` : colon === 0 ? ':…' : 'an entry without ":"';
    throw new UsageError(`Invalid ${source}: expected user:pass, got ${shown}.`, { fix: 'Give each user as user:password.', data: { source } });
  }
  return { user: entry.slice(0, colon), pass: entry.slice(colon + 1) };
}

// An auth file's text: one user:pass a line; blank lines and # comments skipped; spaces kept in passwords.
export function parseAuthFile(text: string, source: string): AuthUser[] {
  return text.split(/\r?\n/).flatMap((line, i) => {
    const trimmed = line.trim();
    return trimmed === '' || trimmed.startsWith('#') ? [] : [parseAuthEntry(line.replace(/^\s+/, ''), `${source} line ${i + 1}`)];
  });
}

export function collectAuth(sources: AuthSources): AuthCollected {
  const warnings: string[] = [];
  const users: AuthUser[] = [];
  const flags = sources.flags ?? [];
  if (flags.length > 0) warnings.push(`passwords given with --auth are visible to other users of this machine (ps); prefer ${AUTH_ENV} or --auth-file`);
  users.push(...flags.map((f) => parseAuthEntry(f, '--auth')));
  const fromEnv = sources.env?.[AUTH_ENV];
  if (fromEnv) users.push(...fromEnv.split(/\s+/).filter(Boolean).map((e) => parseAuthEntry(e, AUTH_ENV)));
  if (sources.file !== undefined) {
    const { text, worldReadable } = readAuthFile(sources.file);
    if (worldReadable) warnings.push(`${sources.file} can be read by other users: chmod 600 ${sources.file}`);
    const fromFile = parseAuthFile(text, `--auth-file ${sources.file}`);
    if (fromFile.length === 0) throw new UsageError(`--auth-file ${sources.file} names no user.`, { fix: 'Write one user:password per line.' });
    users.push(...fromFile);
  }
  return { users, warnings };
}

function readAuthFile(path: string): { text: string; worldReadable: boolean } {
  try {
    const text = readFileSync(path, 'utf8');
    return { text, worldReadable: (statSync(path).mode & 0o004) !== 0 };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code})`;
    throw new UsageError(`--auth-file ${path} ${why}.`, { data: { file: path } });
  }
}
