// Can this folder take our output? Found out before anything is spawned, by doing what the job will
// do (create the missing levels one at a time, create a file in it), so the refusal names the
// user's folder and the system's real reason. Node's recursive mkdir is not used: on /proc it
// alternates ENOENT and EEXIST forever.
import { closeSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { JobError, UsageError, type LydlrError } from '../errors.js';
import { tempSuffix } from '../process/temp-suffix.js';

export interface OutputFolderOptions {
  /** Create it (and missing parents) when absent; else a missing folder is refused. */
  create: boolean;
  /** How the user named it, for messages: `--output-dir "x"` or `Output folder "x"`. */
  label: string;
}

export function ensureWritableFolder(dir: string, options: OutputFolderOptions): void {
  const missing = missingLevels(dir, options.label);
  if (missing.length > 0 && !options.create) {
    throw new UsageError(`${options.label} does not exist.`, { fix: `mkdir -p "${dir}"`, data: { folder: dir } });
  }
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (error) {
      throw refusal(dir, options.label, error, 'create');
    }
  }
  probeWrite(dir, options.label);
}

// The folders to create, outermost first. Walks up one level per step, so it ends at the root.
function missingLevels(dir: string, label: string): string[] {
  const missing: string[] = [];
  for (let path = resolve(dir); ; path = dirname(path)) {
    const kind = kindOf(path);
    if (kind === 'folder') return missing.reverse();
    if (kind === 'other') {
      throw new UsageError(`${label} cannot be used: ${path} is a file, not a folder.`, { fix: 'Choose a folder path whose parents are folders.', data: { folder: dir, notAFolder: path } });
    }
    missing.push(path);
    if (dirname(path) === path) return missing.reverse();
  }
}

function kindOf(path: string): 'folder' | 'other' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'other';
  } catch {
    // ENOTDIR too: some parent is a file, which the walk up reaches and names.
    return 'missing';
  }
}

// Creates and removes an empty hidden file: permission bits alone do not tell (root, read-only mounts, /proc).
function probeWrite(dir: string, label: string): void {
  const probe = join(dir, `.lydlr-write-check-${tempSuffix()}`);
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (error) {
    throw refusal(dir, label, error, 'write');
  }
  // unlink, not rmSync: rmSync loads Node's recursive-removal module on first use (~0.6 ms of a start).
  try {
    unlinkSync(probe);
  } catch {
    // gone already: nothing to clean
  }
}

// The system's reason in words; a full disk is a failure of the environment (exit 1), the rest bad input (exit 2).
export function refusal(dir: string, label: string, error: unknown, action: 'create' | 'write'): UsageError | JobError {
  const code = (error as NodeJS.ErrnoException).code;
  const data = { folder: dir, code };
  const cannot = `${label} cannot be ${action === 'create' ? 'created' : 'written to'}`;
  switch (code) {
    case 'EROFS':
      return new UsageError(`${cannot}: it is on a read-only filesystem.`, { fix: 'Choose a folder on a writable filesystem.', data });
    case 'EACCES':
    case 'EPERM':
      return new UsageError(`${cannot}: permission denied.`, { fix: 'Choose a folder you may write to, or change its permissions.', data });
    case 'ENOSPC':
    case 'EDQUOT':
      return new JobError(`No space left on ${dir}.`, { fix: 'Free some space there, or choose a folder on another filesystem (df -h shows free space).', data });
    case 'ENOENT':
    case 'EEXIST':
      // The parent exists (checked above), yet the entry cannot be made: a virtual filesystem such as /proc or /sys.
      return new UsageError(`${cannot}: that filesystem does not take new files (like /proc or /sys).`, { fix: 'Choose a folder on a regular filesystem.', data });
    default:
      return new UsageError(`${cannot}: ${(error as Error).message}`, { fix: 'Choose another folder.', data });
  }
}

// A pipeline that failed because the disk filled up, said in the user's terms (GStreamer's own fix
// is a source-code location); any other failure is returned as it is.
export function diskFullOr(failure: LydlrError, dir: string): LydlrError {
  const said = [failure.message, failure.fix ?? '', String(failure.data?.debug ?? '')].join('\n');
  if (!/No space left/i.test(said)) return failure;
  return new JobError(`No space left on ${dir}; the partial output was removed.`, {
    fix: `Free some space there or write elsewhere (df -h "${dir}" shows what is free).`,
    data: { ...failure.data, folder: dir, code: 'ENOSPC' },
  });
}
