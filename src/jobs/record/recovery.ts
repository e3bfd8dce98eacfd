// After a crash (kill -9, power cut) the segment that was open is left under its hidden name. The next
// start makes it visible under its final name: fragmented MP4, Matroska and MPEG-TS are readable up to
// their last complete fragment/cluster/packet. A leftover nothing can read (empty, an MP4 without moov) is removed.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { finalOfPart } from './names.js';
import { readableLeftover } from './readable.js';

export interface Recovered {
  path: string;
  bytes: number;
  action: 'recovered' | 'removed';
}

export function recoverLeftovers(dir: string): Recovered[] {
  if (!existsSync(dir)) return [];
  const out: Recovered[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const final = entry.isFile() ? finalOfPart(entry.name) : undefined;
    const working = entry.isFile() && /^\.recording-\d+-\d+-\d+\.\w+$/.test(entry.name);
    if (!final && !working) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = statSync(path).size;
    if (!readableLeftover(path) || !final || existsSync(join(entry.parentPath, final))) {
      rmSync(path, { force: true });
      out.push({ path, bytes, action: 'removed' });
      continue;
    }
    renameSync(path, join(entry.parentPath, final));
    out.push({ path: join(entry.parentPath, final), bytes, action: 'recovered' });
  }
  return out;
}
