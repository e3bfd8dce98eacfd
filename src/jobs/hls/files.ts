// The output folder: refusals before anything runs, atomic writes, and clean-up of our own files.
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../../errors.js';
import { ensureWritableFolder } from '../output-folder.js';

// Writes a file so a reader sees the old or the new content, never a torn one (rename is atomic).
export function writeFileAtomic(path: string, text: string | Buffer): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temp, text);
  renameSync(temp, path);
}

// Files this job writes: playlists, segments (TS, fMP4 and their parts), init segments, hlssink2's working playlists.
const OURS = /(\.m3u8|\.ts|\.m4s|\.working|\.tmp)$|^init\d*\.mp4$/;

// Refuses a file where the folder should be, and a folder with content unless --overwrite (nothing is changed).
export function checkOutputDir(dir: string, overwrite: boolean): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) {
    throw new UsageError(`--output-dir "${dir}" is a file, not a folder.`, { fix: 'Give a folder path (it is created when missing).', data: { outputDir: dir } });
  }
  const entries = readdirSync(dir);
  if (entries.length > 0 && !overwrite) {
    throw new UsageError(`--output-dir "${dir}" is not empty (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}).`, {
      fix: 'Add --overwrite to replace an earlier HLS output there, or choose an empty folder.',
      data: { outputDir: dir, entries: entries.slice(0, 10) },
    });
  }
}

// Creates the folders; with --overwrite, first removes only files an earlier run of this job could have left.
export function prepareOutputDir(dir: string, subdirs: string[], overwrite: boolean): void {
  checkOutputDir(dir, overwrite);
  if (overwrite && existsSync(dir)) removeOurFiles(dir, 1);
  ensureWritableFolder(dir, { create: true, label: `--output-dir "${dir}"` });
  for (const sub of subdirs) ensureWritableFolder(sub, { create: true, label: `--output-dir "${dir}"` });
}

function removeOurFiles(dir: string, depth: number): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isFile() && OURS.test(entry.name)) rmSync(path, { force: true });
    else if (entry.isDirectory() && depth > 0) {
      removeOurFiles(path, depth - 1);
      if (readdirSync(path).length === 0) rmSync(path, { recursive: true, force: true });
    }
  }
}

export function fileSize(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

export function removeFile(path: string): void {
  rmSync(path, { force: true });
}
