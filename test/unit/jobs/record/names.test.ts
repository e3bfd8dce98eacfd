// Segment names: strftime fields in UTC or local time, the index, and names that never collide.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finalOfPart, formatName, partPath, uniquePath } from '../../../../src/jobs/record/names.js';

const dir = mkdtempSync(join(tmpdir(), 'lydlr-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('formatName', () => {
  const when = new Date('2024-02-29T23:05:09Z');
  it('fills %Y-%m-%d_%H-%M-%S in UTC, the index with 4 digits, %j and %%', () => {
    expect(formatName('%Y-%m-%d_%H-%M-%S_%i', when, 7, false)).toBe('2024-02-29_23-05-09_0007');
    expect(formatName('%j %s 100%% %q', when, 0, false)).toBe('060 1709247909 100% %q');
  });
  it('uses the local clock with --local-time', () => {
    const previous = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo'; // UTC+9, no daylight saving
    try {
      expect(formatName('%Y-%m-%d %H', when, 0, true)).toBe('2024-03-01 08');
    } finally {
      process.env.TZ = previous;
    }
  });
});

describe('uniquePath and the hidden open name', () => {
  it('adds -1, -2… when the name exists on disk, as an open segment, or was just handed out', () => {
    writeFileSync(join(dir, 'cam.mp4'), '');
    writeFileSync(join(dir, '.cam-1.mp4.part'), '');
    expect(uniquePath(dir, 'cam', 'mp4')).toBe(join(dir, 'cam-2.mp4'));
    expect(uniquePath(dir, 'cam', 'mp4', (p) => p === join(dir, 'cam-2.mp4'))).toBe(join(dir, 'cam-3.mp4'));
  });
  it('hides the open segment beside its final name and maps it back', () => {
    expect(partPath('/r/2024/a b.mkv')).toBe('/r/2024/.a b.mkv.part');
    expect(finalOfPart('.a b.mkv.part')).toBe('a b.mkv');
    expect(finalOfPart('a.mkv')).toBeUndefined();
  });
});
