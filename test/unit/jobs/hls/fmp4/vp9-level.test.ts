// VP9 in fMP4: the vpcC level from the picture size and rate (GStreamer 1.22 writes 10 whatever the stream).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BoxStream } from '../../../../../src/jobs/hls/fmp4/boxes.js';
import { readInitTracks } from '../../../../../src/jobs/hls/fmp4/init-segment.js';
import { vp9Level, withVp9Level } from '../../../../../src/jobs/hls/fmp4/vp9-level.js';

const moov = new BoxStream().push(readFileSync(new URL('../../../../fixtures/jobs/hls-fmp4/vp9.mp4', import.meta.url))).find((b) => b.type === 'moov')!;

describe('vp9Level', () => {
  // The limits, from libvpx's level table: picture size, samples per second, longest side.
  it.each([
    [160, 96, 10, 10],
    [256, 144, 15, 10], // 36 864 samples: level 1's largest picture, at 15 fps its sample rate
    [256, 144, 30, 11],
    [320, 180, 30, 11],
    [640, 360, 30, 21],
    [1280, 720, 30, 31],
    [1920, 1080, 30, 40],
    [1920, 1080, 60, 41], // 124 M samples/s: above level 4's 83.5 M
    [3840, 2160, 30, 50],
    [2100, 100, 1, 31], // a small picture, but a side longer than level 2.1's 1344
  ])('%dx%d at %d fps → level %d', (width, height, fps, level) => {
    expect(vp9Level(width, height, fps)).toBe(level);
  });
});

describe('withVp9Level', () => {
  it('sets the level from the sample entry\'s size and the frame rate, and nothing else', () => {
    // The fixture: vpcC 01000000 00 0a 82 06 06 06 0000 (profile 0, level 10, 8-bit 4:2:0, BT.601 colour).
    expect(readInitTracks(moov)[0]!.codec).toBe('vp09.00.10.08.01.06.06.06.00');
    // 160x96 at 120 fps: 1.8 M samples/s, beyond level 1's 0.8 M.
    const fixed = withVp9Level(moov, 120);
    expect(readInitTracks(fixed)[0]!.codec).toBe('vp09.00.11.08.01.06.06.06.00');
    const differing = [...fixed.bytes].flatMap((b, i) => (b === moov.bytes[i] ? [] : [[i, moov.bytes[i], b]]));
    expect(differing).toHaveLength(1);
    expect(differing[0]!.slice(1)).toEqual([10, 11]);
  });
});
