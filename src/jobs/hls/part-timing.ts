// LL-HLS part timing: how long mp4mux makes a fragment (a part), and the PART-TARGET announced for it.
//
// mp4mux closes a fragment before the sample that would take it past `fragment-duration` (counted in the
// track's timescale), so rounding the part's length UP to the next millisecond lets exactly `partFrames`
// frames in (one more would need a whole frame of room); rounding down drops a frame from every part
// (9 frames of 29.97 fps last 300.3 ms: 300 ms holds 8).
//
// RFC 8216bis §4.4.3.7 and §4.4.4.9: no part may last longer than PART-TARGET, and every part but the last of a
// segment should last at least 85% of it. PART-TARGET is announced one frame above the nominal part (capped by
// the 85% rule), so the stream's last part still fits: mp4mux gives the final sample before EOS a duration up
// to a frame too long (recorded: 9 frames of 29.97 fps, 10010/30000 s). It never changes while the stream runs.

/** Parts shorter than this share of PART-TARGET are refused by players and validators (except a segment's last). */
export const MIN_PART_SHARE = 0.85;

export interface PartTiming {
  /** The nominal part: `partFrames` frames. */
  partSeconds: number;
  /** mp4mux fragment-duration, ms. */
  fragmentMs: number;
  /** #EXT-X-PART-INF:PART-TARGET, seconds (whole milliseconds). */
  partTarget: number;
}

export function partTiming(partFrames: number, fps: number): PartTiming {
  const partSeconds = partFrames / fps;
  const ms = (seconds: number, round: (x: number) => number) => round(seconds * 1000 + (round === Math.ceil ? -1e-9 : 1e-9));
  return {
    partSeconds,
    fragmentMs: ms(partSeconds, Math.ceil),
    partTarget: Math.min(ms(partSeconds + 1 / fps, Math.ceil), ms(partSeconds / MIN_PART_SHARE, Math.floor)) / 1000,
  };
}
