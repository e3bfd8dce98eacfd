// The hidden file a run writes before the rename: named with the writer's process id, so a later
// run to the same output can tell a dead writer's leftover (a SIGKILL, a power cut) from a live one.
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { tempSuffix } from '../../process/temp-suffix.js';

// A hidden name beside the target: same folder (rename is atomic), never mistaken for the result.
export function partialName(output: string, pid = process.pid): string {
  const ext = extname(output);
  return join(dirname(output), `.${basename(output, ext)}.partial-${tempSuffix(pid)}${ext}`);
}

// Removes the partial files of this output whose writer is gone; returns their paths.
export function removeStalePartials(output: string): string[] {
  const ext = extname(output);
  const pattern = new RegExp(`^\\.${escape(basename(output, ext))}\\.partial-(\\d+)-[0-9a-f]{6}${escape(ext)}$`);
  let names: string[];
  try {
    names = readdirSync(dirname(output));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    const path = join(dirname(output), name);
    rmSync(path, { force: true });
    removed.push(path);
  }
  return removed;
}

// Signal 0 tests for existence: ESRCH means no such process; EPERM means it exists (another user's).
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
