// The output folder: a file in its place is refused before anything runs. A folder with earlier
// recordings is fine: new names never overwrite (see names.ts).
import { existsSync, statSync } from 'node:fs';
import { UsageError } from '../../errors.js';

export function checkOutputDir(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new UsageError(`--output-dir "${dir}" is a file, not a folder.`, { fix: 'Give a folder path (it is created when missing).', data: { outputDir: dir } });
  }
}
