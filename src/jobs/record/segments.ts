// splitmuxsink's fragment messages → our segments: a new file is moved at once to a hidden name beside
// its final (strftime) name, and renamed to the final name when it closes, so a visible segment is always
// complete. Events: segment-opened, segment-closed.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { readableLeftover } from './readable.js';
import { dirname } from 'node:path';
import type { AppEvent } from '../../report/reporter.js';
import { formatName, partPath, uniquePath } from './names.js';
import { unescapeGstString } from '../../gst/launch/gst-string.js';

export interface SegmentRecord {
  path: string;
  startedAt: string;
  durationSeconds: number;
  bytes: number;
}

interface OpenSegment {
  path: string;
  startedAt: Date;
  runningNs: bigint;
}

export interface SegmentNaming {
  outputDir: string;
  pattern: string;
  ext: string;
  localTime: boolean;
}

// `location=(string)/x/.recording-1-0-00000.mp4, running-time=(guint64)2021960682` → its fields.
export function fragmentFields(fields: string): { location: string; runningNs: bigint } | undefined {
  const location = /location=\(string\)(?:"((?:[^"\\]|\\.)*)"|([^,;]+))/.exec(fields);
  const running = /running-time=\(guint64\)(\d+)/.exec(fields);
  if (!location || !running) return undefined;
  const path = location[1] !== undefined ? unescapeGstString(location[1]) : location[2]!;
  return { location: path, runningNs: BigInt(running[1]!) };
}

export class SegmentTracker {
  private readonly open = new Map<string, OpenSegment>();
  readonly closed: SegmentRecord[] = [];
  private index = 0;

  constructor(
    private readonly naming: SegmentNaming,
    private readonly emit: (event: AppEvent) => void,
  ) {}

  get openCount(): number {
    return this.open.size;
  }

  opened(location: string, runningNs: bigint, now = new Date()): void {
    const name = formatName(this.naming.pattern, now, this.index, this.naming.localTime);
    this.index += 1;
    const taken = (p: string) => [...this.open.values()].some((s) => s.path === p);
    const path = uniquePath(this.naming.outputDir, name, this.naming.ext, taken);
    mkdirSync(dirname(path), { recursive: true });
    renameSync(location, partPath(path));
    this.open.set(location, { path, startedAt: now, runningNs });
    this.emit({ type: 'segment-opened', path, startedAt: now.toISOString() });
  }

  /** Renames the finished file to its final name; the record, or undefined for a location we never saw open. */
  close(location: string, runningNs: bigint): SegmentRecord | undefined {
    const s = this.open.get(location);
    if (!s) return undefined;
    this.open.delete(location);
    renameSync(partPath(s.path), s.path);
    const record: SegmentRecord = {
      path: s.path,
      startedAt: s.startedAt.toISOString(),
      durationSeconds: Number(runningNs - s.runningNs) / 1e9,
      bytes: statSync(s.path).size,
    };
    this.closed.push(record);
    this.emit({ type: 'segment-closed', ...record, durationSeconds: Number(record.durationSeconds.toFixed(3)) });
    return record;
  }

  /**
   * After the writer died without closing: its open files become visible as they are (playable up to their
   * last fragment), or are removed when nothing in them can be played (an MP4 killed before its first fragment).
   */
  abandonOpen(): void {
    for (const [location, s] of this.open) {
      this.open.delete(location);
      const part = partPath(s.path);
      if (!existsSync(part)) continue; // never written
      if (!readableLeftover(part)) {
        const bytes = statSync(part).size;
        rmSync(part, { force: true });
        this.emit({ type: 'segment-deleted', path: s.path, bytes, reason: 'unreadable: the writer stopped before its first complete fragment' });
        continue;
      }
      renameSync(part, s.path);
      this.emit({ type: 'segment-closed', path: s.path, startedAt: s.startedAt.toISOString(), durationSeconds: null, bytes: statSync(s.path).size, incomplete: true });
    }
  }
}
