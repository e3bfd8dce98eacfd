// Segment file names from a strftime-style pattern, never reusing a name that exists.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * `%Y %m %d %H %M %S` (UTC unless local), `%j` day of year, `%s` Unix seconds, `%i` the segment index
 * (4 digits), `%%` a percent sign. Other `%x` are kept as written.
 */
export function formatName(pattern: string, when: Date, index: number, local: boolean): string {
  const part = (utc: () => number, loc: () => number) => (local ? loc() : utc());
  const year = part(() => when.getUTCFullYear(), () => when.getFullYear());
  const fields: Record<string, () => string> = {
    Y: () => String(year),
    m: () => pad(part(() => when.getUTCMonth(), () => when.getMonth()) + 1),
    d: () => pad(part(() => when.getUTCDate(), () => when.getDate())),
    H: () => pad(part(() => when.getUTCHours(), () => when.getHours())),
    M: () => pad(part(() => when.getUTCMinutes(), () => when.getMinutes())),
    S: () => pad(part(() => when.getUTCSeconds(), () => when.getSeconds())),
    j: () => pad(dayOfYear(when, local), 3),
    s: () => String(Math.floor(when.getTime() / 1000)),
    i: () => pad(index, 4),
    '%': () => '%',
  };
  return pattern.replace(/%(.)/g, (all, c: string) => fields[c]?.() ?? all);
}

function dayOfYear(when: Date, local: boolean): number {
  const start = local ? new Date(when.getFullYear(), 0, 1).getTime() : Date.UTC(when.getUTCFullYear(), 0, 1);
  return Math.floor((when.getTime() - start) / 86_400_000) + 1;
}

// The path for a new segment: `name.ext`, or `name-1.ext`, `name-2.ext`… when taken (on disk or just handed out).
export function uniquePath(dir: string, name: string, ext: string, taken: (path: string) => boolean = () => false): string {
  for (let n = 0; ; n += 1) {
    const path = join(dir, `${name}${n === 0 ? '' : `-${n}`}.${ext}`);
    if (!existsSync(path) && !existsSync(partPath(path)) && !taken(path)) return path;
  }
}

/** Where the open segment is written: a hidden name beside its final one, renamed when it closes. */
export function partPath(finalPath: string): string {
  return join(dirname(finalPath), `.${finalPath.slice(dirname(finalPath).length + 1)}.part`);
}

/** The final name of a hidden open segment (`.x.mp4.part` → `x.mp4`), or undefined for other names. */
export function finalOfPart(partName: string): string | undefined {
  const m = /^\.(.+)\.part$/.exec(partName);
  return m?.[1];
}
