// File paths in bodies: resolved against --root (or serve's working folder) and, with --root,
// refused when they lead outside it, through `..` or a symbolic link. With --root, network inputs
// are refused too unless allowed: the server would fetch whatever URL a client names.
const NETWORK_URL = /^(?!file:)[a-z][a-z0-9+.-]*:\/\//i;
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseInputSpec } from '../pipeline/sources.js';
import { tokenizePipeline } from '../pipeline/tokenize.js';
import { ApiError } from './api-error.js';

export class PathGuard {
  /** Where relative paths start (and where job processes run): --root, else serve's folder. */
  readonly base: string;
  private readonly realRoot: string | undefined;

  constructor(readonly root: string | undefined, cwd = process.cwd(), private readonly allowNetwork = false) {
    this.base = root === undefined ? cwd : resolve(cwd, root);
    this.realRoot = root === undefined ? undefined : realpathSync(this.base);
  }

  // A file or folder path → absolute; outside --root → 403.
  file(field: string, value: string): string {
    const absolute = resolve(this.base, value);
    if (this.realRoot !== undefined && !isInside(this.realRoot, realPathOf(absolute))) throw outside(field, value, this.base);
    return absolute;
  }

  // An input spec: files (and file:// URIs) are checked like paths; test sources, cameras and
  // network URIs pass as they are; standard input does not exist for a job.
  inputSpec(field: string, value: string): string {
    let spec;
    try {
      spec = parseInputSpec(value);
    } catch (error) {
      throw new ApiError(400, (error as Error).message, { name: 'InvalidBody', issues: [{ field, message: (error as Error).message }] });
    }
    if (spec.kind === 'stdin') throw new ApiError(400, 'Standard input ("-") cannot feed a job started over HTTP: give a file path.', { name: 'InvalidBody', issues: [{ field, message: 'standard input is not available' }] });
    if (spec.kind === 'uri') this.network(field, value);
    return spec.kind === 'file' ? this.file(field, spec.path) : value;
  }

  // An rtsp --mount value: "/path" alone, or "/path=INPUT" (the input checked as a spec).
  mount(field: string, value: string): string {
    const eq = value.indexOf('=');
    return eq < 0 ? value : `${value.slice(0, eq)}=${this.inputSpec(field, value.slice(eq + 1))}`;
  }

  // A pipeline description (test-pipeline): with --root, every property that names a file
  // (location, *-location, *file, *path, *dir, file:// URIs) must stay inside it.
  pipeline(field: string, text: string): void {
    if (this.realRoot === undefined) return;
    for (const token of tokenizePipeline(text)) {
      const m = /^([a-z][\w-]*)=(.*)$/is.exec(token);
      if (!m) continue;
      const [, name, raw] = m as unknown as [string, string, string];
      const value = unquote(raw);
      if (NETWORK_URL.test(value)) this.network(field, value);
      if (/^file:\/\//i.test(value)) this.file(field, decodeURIComponent(new URL(value).pathname));
      else if (/(^|-)(location|file|filename|path|dir|directory)$/i.test(name) || /location/i.test(name)) this.file(field, value);
    }
  }

  // A network URL: refused with --root unless serve --allow-network-inputs.
  private network(field: string, value: string): void {
    if (this.realRoot === undefined || this.allowNetwork || !NETWORK_URL.test(value)) return;
    throw new ApiError(403, `${field}: network inputs (${value.slice(0, value.indexOf(':'))}://…) are refused by a server with --root.`, {
      name: 'NetworkInputRefused',
      fix: 'Give a file inside --root, or start serve with --allow-network-inputs.',
      issues: [{ field, message: 'network inputs are refused (serve --allow-network-inputs allows them)' }],
    });
  }
}

// With the deepest existing folder resolved through symbolic links (the rest does not exist yet).
function realPathOf(absolute: string): string {
  let existing = absolute;
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    rest.unshift(basename(existing));
    existing = parent;
  }
  try {
    return join(realpathSync(existing), ...rest);
  } catch {
    return absolute;
  }
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function unquote(value: string): string {
  const q = value[0];
  return (q === '"' || q === "'") && value.endsWith(q) && value.length >= 2 ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
}

function outside(field: string, value: string, root: string): ApiError {
  return new ApiError(403, `${field}: "${value}" is outside the served root ${root}.`, {
    name: 'PathOutsideRoot',
    fix: 'Give a path inside --root (relative paths start there).',
    issues: [{ field, message: 'outside the served root' }],
  });
}
