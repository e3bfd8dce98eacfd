// Which closed segments retention deletes, and why: age first, then count, then total size; oldest first.
import { describe, expect, it } from 'vitest';
import { segmentsToDelete, type ClosedSegment } from '../../../../src/jobs/record/retention.js';

const NOW = 1_000_000_000_000;
const seg = (name: string, ageSeconds: number, bytes = 100): ClosedSegment => ({ path: name, bytes, mtimeMs: NOW - ageSeconds * 1000 });
const deleted = (segments: ClosedSegment[], rules: Parameters<typeof segmentsToDelete>[1]) =>
  segmentsToDelete(segments, rules, NOW).map((d) => `${d.segment.path}:${d.reason}`);

describe('segmentsToDelete', () => {
  const four = [seg('c', 30), seg('a', 7200), seg('d', 10), seg('b', 3000)];
  it('deletes by age only what is older than --keep', () => {
    expect(deleted(four, { keepSeconds: 3600 })).toEqual(['a:age']);
  });
  it('keeps the newest --max-files', () => {
    expect(deleted(four, { maxFiles: 2 })).toEqual(['a:count', 'b:count']);
  });
  it('deletes the oldest until the total fits --max-total-size', () => {
    expect(deleted([seg('old', 50, 500), seg('mid', 40, 300), seg('new', 1, 300)], { maxTotalBytes: 700 })).toEqual(['old:size']);
  });
  it('applies the rules in turn and deletes nothing without rules', () => {
    expect(deleted(four, { keepSeconds: 3600, maxFiles: 2 })).toEqual(['a:age', 'b:count']);
    expect(deleted(four, {})).toEqual([]);
  });
});
