import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BoxStream } from '../../../../../src/jobs/hls/fmp4/boxes.js';
import { readFragment } from '../../../../../src/jobs/hls/fmp4/fragment.js';

const fragments = (name: string) =>
  new BoxStream().push(readFileSync(new URL(`../../../../fixtures/jobs/hls-fmp4/${name}`, import.meta.url))).filter((b) => b.type === 'moof').map(readFragment);

describe('readFragment', () => {
  it('reads track, tfdt and trun durations of mp4mux fragments (H.264 at 10 fps, timescale 1000; AAC 1024-sample frames at 48 kHz)', () => {
    const video = fragments('h264-aac.mp4').filter((f) => f.trackId === 1);
    // 20 frames, keyframes at frames 0 and 10 (ffprobe: flags K_ at pts 0 and 1000), 5 frames a fragment.
    expect(video.map((f) => [f.baseDecodeTime, f.duration, f.samples, f.startsWithKeyframe])).toEqual([
      [0, 500, 5, true], [500, 500, 5, false], [1000, 500, 5, true], [1500, 500, 5, false],
    ]);
    const audio = fragments('h264-aac.mp4').filter((f) => f.trackId === 2);
    expect(audio[0]).toMatchObject({ baseDecodeTime: 0, samples: 23, duration: 23 * 1024, startsWithKeyframe: true });
    expect(audio[1]!.baseDecodeTime).toBe(23 * 1024);
  });

  // x265's two keyframes (ffprobe: flags K_ at pts 200 and 1200) are samples 0 and 6 in decode order; mp4mux also
  // cuts a fragment at a keyframe, so 5 + 1 frames, then 5 + 5 + 4.
  it('sees the keyframe that opens a fragment early (H.265 with B-frames: fragments of 5, 1, 5, 5, 4 frames)', () => {
    expect(fragments('h265.mp4').map((f) => [f.baseDecodeTime, f.samples, f.startsWithKeyframe])).toEqual([
      [0, 5, true], [500, 1, false], [600, 5, true], [1100, 5, false], [1600, 4, false],
    ]);
  });
});
