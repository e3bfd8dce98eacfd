import { describe, expect, it } from 'vitest';
import HLS from 'hls-parser';
import { partTiming } from '../../../../src/jobs/hls/part-timing.js';
import { renderMediaPlaylist, type Segment } from '../../../../src/jobs/hls/playlist.js';

HLS.setOptions({ strictMode: true });

// Video fragment durations (trun sample durations summed, in the track's timescale) recorded from mp4mux on
// GStreamer 1.22 by `hls … --format fmp4 --low-latency`, one array per segment.
const RECORDED = {
  // A 29.97 fps file with --live --part-duration 0.3 (9 frames a part, 7 parts a segment), stopped by --duration
  // as the input ended: mp4mux gave the last sample before EOS two frames' duration (10010, not 9009).
  ntscEndOfStream: { fps: 30000 / 1001, partFrames: 9, timescale: 30000, segments: [[9009, 9009, 9009, 9009, 9009, 9009, 9009], [9009, 9009, 9009, 9009, 9009, 10010]] },
  // `test` (30 fps) with the default 0.5 s parts, stopped by Ctrl-C 3 frames into a part.
  testSigint: { fps: 30, partFrames: 15, timescale: 3000, segments: [[1500, 1500, 1500, 1500], [1500, 300]] },
};

// The final playlist of a recording, rendered as the job renders it (every part listed).
function finalPlaylist(r: (typeof RECORDED)[keyof typeof RECORDED]): string {
  const { partTarget } = partTiming(r.partFrames, r.fps);
  let n = 0;
  const segments: Segment[] = r.segments.map((ticks, i) => {
    const parts = ticks.map((t, k) => ({ uri: `part${n++}.m4s`, durationSeconds: t / r.timescale, independent: k === 0 }));
    return { uri: `seg${i}.m4s`, map: 'init.mp4', durationSeconds: parts.reduce((s, p) => s + p.durationSeconds, 0), parts };
  });
  return renderMediaPlaylist({ targetDuration: 3, mediaSequence: 0, discontinuitySequence: 0, type: undefined, segments, endList: true, version: 7,
    lowLatency: { partTarget, partHoldBack: 3 * partTarget, openParts: [], preloadHint: undefined } });
}

describe('partTiming', () => {
  it('rounds mp4mux fragment-duration up to the next ms, so a fragment holds the whole part (9 frames of 29.97 fps = 300.3 ms)', () => {
    expect(partTiming(9, 30000 / 1001).fragmentMs).toBe(301);
    expect(partTiming(15, 30).fragmentMs).toBe(500);
    expect(partTiming(60, 30).fragmentMs).toBe(2000);
  });

  it('announces PART-TARGET one frame above the part, rounded up to the ms: 0.534 for 15 frames of 30 fps, 0.334 for 9 of 29.97', () => {
    expect(partTiming(15, 30).partTarget).toBe(0.534);
    expect(partTiming(9, 30000 / 1001).partTarget).toBe(0.334);
  });

  it('caps the headroom so a full part stays at least 85% of PART-TARGET (5 frames of 10 fps: 0.588, not 0.6)', () => {
    expect(partTiming(5, 10).partTarget).toBe(0.588);
  });

  for (const [name, recording] of Object.entries(RECORDED)) {
    it(`recorded ${name}: every part fits PART-TARGET and hls-parser (strict) accepts the final playlist`, () => {
      const { partTarget } = partTiming(recording.partFrames, recording.fps);
      for (const ticks of recording.segments.flat()) expect(ticks / recording.timescale).toBeLessThanOrEqual(partTarget);
      const parsed = HLS.parse(finalPlaylist(recording)) as HLS.types.MediaPlaylist;
      expect(parsed.partTargetDuration).toBe(partTarget);
      expect(parsed.segments.flatMap((s) => s.parts)).toHaveLength(recording.segments.flat().length);
    });
  }
});
