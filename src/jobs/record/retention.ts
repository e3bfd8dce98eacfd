// Retention done by us (splitmuxsink's max-files restarts its index and overwrites names): after each
// segment closes, the oldest closed segments go by age, count and total size. The open segment has a
// hidden name, so it is never among the candidates.
import { readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export interface ClosedSegment {
  path: string;
  bytes: number;
  mtimeMs: number;
}

export interface RetentionRules {
  keepSeconds?: number | undefined;
  maxFiles?: number | undefined;
  maxTotalBytes?: number | undefined;
}

export type DeleteReason = 'age' | 'count' | 'size';

// Which segments to delete and why, oldest first. Pure: the caller lists the folder and deletes.
export function segmentsToDelete(segments: ClosedSegment[], rules: RetentionRules, nowMs: number): { segment: ClosedSegment; reason: DeleteReason }[] {
  const kept = [...segments].sort((a, b) => a.mtimeMs - b.mtimeMs);
  const out: { segment: ClosedSegment; reason: DeleteReason }[] = [];
  const drop = (reason: DeleteReason) => out.push({ segment: kept.shift()!, reason });
  if (rules.keepSeconds !== undefined) {
    while (kept.length > 0 && nowMs - kept[0]!.mtimeMs > rules.keepSeconds * 1000) drop('age');
  }
  if (rules.maxFiles !== undefined) {
    while (kept.length > rules.maxFiles) drop('count');
  }
  if (rules.maxTotalBytes !== undefined) {
    const total = () => kept.reduce((sum, s) => sum + s.bytes, 0);
    while (kept.length > 0 && total() > rules.maxTotalBytes) drop('size');
  }
  return out;
}

// Closed segments under `dir`: visible files with the format's extension, in any sub-folder the name pattern makes.
export function listClosedSegments(dir: string, ext: string): ClosedSegment[] {
  const found: ClosedSegment[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name.startsWith('.') || !entry.name.endsWith(`.${ext}`)) continue;
    const path = join(entry.parentPath, entry.name);
    if (relative(dir, path).split('/').some((part) => part.startsWith('.'))) continue;
    const s = statSync(path);
    found.push({ path, bytes: s.size, mtimeMs: s.mtimeMs });
  }
  return found;
}

// Deletes a segment, then the sub-folders it leaves empty (never `root` itself).
export function deleteSegment(root: string, path: string): void {
  rmSync(path, { force: true });
  for (let d = dirname(path); d !== root && d.startsWith(`${root}/`); d = dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return; // not empty
    }
  }
}
