// Playlist Delta Updates: which segments an _HLS_skip=YES answer leaves out, and the directive itself.
import { describe, expect, it } from 'vitest';
import { readSkipDirective, skipBoundary, skippableSegments } from '../../../../src/jobs/hls/delta-update.js';

const seconds = (...durations: number[]) => durations.map((durationSeconds) => ({ durationSeconds }));

describe('skipBoundary', () => {
  it('is six target durations (the least RFC 8216bis §4.4.3.8 allows)', () => {
    expect(skipBoundary(1)).toBe(6);
    expect(skipBoundary(2)).toBe(12);
  });
});

describe('skippableSegments', () => {
  it('skips the oldest segments that end at least the boundary before the end of the playlist', () => {
    // Ten 1 s segments end at 1…10 s; the playlist ends at 10 s: segments ending at 4 s or earlier are 6 s old.
    expect(skippableSegments(seconds(...Array<number>(10).fill(1)), 0, 6)).toBe(4);
  });

  it('counts the parts listed after the last segment as part of the playlist', () => {
    // 1.5 s of open parts push the end to 11.5 s: segments ending at 5 s or earlier are now old enough.
    expect(skippableSegments(seconds(...Array<number>(10).fill(1)), 1.5, 6)).toBe(5);
  });

  it('never skips a segment that only starts beyond the boundary, and skips nothing in a short playlist', () => {
    // 2 s segments: the end is 10 s; the first segment ends at 2 s (8 s old), the second at 4 s (6 s old),
    // the third at 6 s (4 s old, though it starts 6 s before the end).
    expect(skippableSegments(seconds(2, 2, 2, 2, 2), 0, 6)).toBe(2);
    expect(skippableSegments(seconds(2, 2, 2), 0, 6)).toBe(0);
    expect(skippableSegments([], 3, 6)).toBe(0);
  });

  it('tolerates frame-time sums a hair under the boundary', () => {
    // 30 frames of 1/30 s, summed, are not exactly 1.
    const frame = 1 / 30;
    const second = Array.from({ length: 30 }, () => frame).reduce((a, b) => a + b, 0);
    expect(skippableSegments(seconds(...Array<number>(7).fill(second)), 0, 6)).toBe(1);
  });
});

describe('readSkipDirective', () => {
  const read = (query: string) => readSkipDirective(new URLSearchParams(query));

  it('reads _HLS_skip=YES, and nothing without it', () => {
    expect(read('_HLS_skip=YES')).toBe(true);
    expect(read('_HLS_msn=4&_HLS_part=1&_HLS_skip=YES')).toBe(true);
    expect(read('_HLS_msn=4')).toBe(false);
  });

  it('refuses v2 (no CAN-SKIP-DATERANGES here) and any other value', () => {
    expect(read('_HLS_skip=v2')).toEqual({ error: expect.stringMatching(/CAN-SKIP-DATERANGES.*_HLS_skip=YES/) });
    expect(read('_HLS_skip=yes')).toEqual({ error: expect.stringMatching(/YES/) });
    expect(read('_HLS_skip=')).toEqual({ error: expect.stringMatching(/YES/) });
  });
});
