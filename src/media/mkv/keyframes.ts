// Key-frame spacing of a Matroska video track without decoding, from two sources:
//
// - the Cues index: ffmpeg and mkvmerge write a CuePoint for every video key frame, so the gaps
//   between CueTimes divided by the frame duration are the gaps in frames. Other muxers write
//   fewer (GStreamer's matroskamux with min-index-interval, a cue per Cluster), so the index is
//   believed only when the block headers of the first Clusters and of the last one agree with it:
//   the same key frames, and each group of pictures as many frames as its time span says (a
//   variable frame rate fails that). The frames after the last key frame are counted in the last
//   Cluster(s).
// - the block headers alone (their key-frame flags), when the whole file was read, or as a sample
//   of the first Clusters when the index cannot be believed (then `complete` is false).
import type { BlockHeader, ClusterScan } from './clusters.js';

export interface KeyframeFacts {
  /** Frames between key frames, and from the last one to the end when `complete`. */
  max: number;
  mean: number;
  keyframes: number;
  /** cues: key frames from the Cues index (checked against block headers); blocks: counted in the block headers. */
  from: 'cues' | 'blocks';
  /** Every frame of the track was accounted for; false when only the first Clusters were read. */
  complete: boolean;
  /** The span the answer covers, in TimestampScale units (the whole track when complete). */
  span: number;
}

export interface TrackTiming {
  track: number;
  /** CueTimes of this track's CuePoints, in TimestampScale units. */
  cueTimes: number[];
  /** DefaultDuration in TimestampScale units (a frame's duration), when the track declares one. */
  frameDuration?: number;
}

interface Frame {
  time: number;
  key: boolean;
}

// Laced blocks (several frames in one block, audio mostly) count as that many frames; only the
// first has the block's timestamp and flag.
function framesOf(scan: ClusterScan | undefined, track: number): Frame[] {
  if (!scan) return [];
  return scan.blocks.filter((b) => b.track === track).flatMap((b: BlockHeader) => Array.from({ length: b.frames }, (_, i) => ({ time: b.time, key: b.key && i === 0 })));
}

const keyIndexes = (frames: Frame[]) => frames.flatMap((f, i) => (f.key ? [i] : []));
const between = (indexes: number[]) => indexes.slice(1).map((k, i) => k - indexes[i]!);

function summary(gaps: number[], from: KeyframeFacts['from'], complete: boolean, span: number): KeyframeFacts | undefined {
  if (gaps.length === 0) return undefined;
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  return { max: Math.max(...gaps), mean: Math.round(mean * 100) / 100, keyframes: complete ? gaps.length : gaps.length + 1, from, complete, span };
}

/** Presentation timestamps going back in decode order: frames are reordered (B-frames). */
export function reorderedIn(scans: Array<ClusterScan | undefined>, track: number): boolean {
  return scans.some((scan) => framesOf(scan, track).some((f, i, all) => i > 0 && f.time < all[i - 1]!.time));
}

// The frame duration from the frames' own timestamps: the span over the count, when every step
// in presentation order is within one tick of it (timestamps are rounded to the TimestampScale).
function measuredFrameDuration(frames: Frame[]): number | undefined {
  const times = frames.map((f) => f.time).sort((a, b) => a - b);
  if (times.length < 2) return undefined;
  const duration = (times[times.length - 1]! - times[0]!) / (times.length - 1);
  const steady = times.slice(1).every((t, i) => Math.abs(t - times[i]! - duration) <= 1);
  return steady && duration > 0 ? duration : undefined;
}

// Leading pictures: frames after a key frame in decode order but shown before it (an open GOP's
// B-frames after a CRA). A gap in decode order is the key frames' time span in frames minus the
// next key frame's leading pictures (shown before it, sent after it) plus this one's. Unknown for
// a key frame whose group the scan did not finish.
function leadingPictures(frames: Frame[], keys: number[], reachedEnd: boolean): Array<number | undefined> {
  return keys.map((k, i) => {
    const next = keys[i + 1] ?? (reachedEnd ? frames.length : undefined);
    if (next === undefined) return undefined;
    return frames.slice(k + 1, next).filter((f) => f.time < frames[k]!.time).length;
  });
}

function fromCues(timing: TrackTiming, head: Frame[], tail: ClusterScan | undefined): KeyframeFacts | undefined {
  const cues = [...new Set(timing.cueTimes)].sort((a, b) => a - b);
  const headKeys = keyIndexes(head);
  if (cues.length === 0 || headKeys.length < 3 || !tail?.reachedEnd) return undefined;
  // The first Clusters: the cues in their span are exactly their key frames…
  const firstKey = head[headKeys[0]!]!.time;
  const lastKey = head[headKeys[headKeys.length - 1]!]!.time;
  const cuesInHead = cues.filter((t) => t >= firstKey && t <= lastKey);
  if (cues[0] !== firstKey || cuesInHead.length !== headKeys.length || headKeys.some((k, i) => head[k]!.time !== cuesInHead[i])) return undefined;
  // …and each group of pictures holds as many frames as its time span says, give or take leading
  // pictures, whose number is the same for every key frame after the first.
  const frameDuration = timing.frameDuration ?? measuredFrameDuration(head);
  if (!frameDuration) return undefined;
  const toFrames = (ticks: number) => Math.round(ticks / frameDuration);
  const consistent = (frames: Frame[], keys: number[], leading: Array<number | undefined>) =>
    between(keys).every((gap, i) => leading[i + 1] === undefined || gap === toFrames(frames[keys[i + 1]!]!.time - frames[keys[i]!]!.time) - leading[i + 1]! + leading[i]!);
  const headLeading = leadingPictures(head, headKeys, false);
  const steady = headLeading[headKeys.length - 2]!;
  if (!consistent(head, headKeys, headLeading) || headLeading.slice(1, -1).some((n) => n !== steady)) return undefined;
  // The last Cluster(s): their key frames are cues too, the last cue is the last of them, their
  // groups agree the same way, and the frames from the last key frame to the end are counted.
  const end = framesOf(tail, timing.track);
  const endKeys = keyIndexes(end);
  const cueSet = new Set(cues);
  const lastCue = cues[cues.length - 1]!;
  const lastKeyAt = endKeys[endKeys.length - 1];
  if (lastKeyAt === undefined || end[lastKeyAt]!.time !== lastCue || endKeys.some((k) => !cueSet.has(end[k]!.time))) return undefined;
  const endLeading = leadingPictures(end, endKeys, true);
  if (!consistent(end, endKeys, endLeading) || endLeading.slice(0, -1).some((n) => n !== steady)) return undefined;
  // Gaps: counted in the first Clusters, from the cues' spans after them (the last one corrected
  // for the last key frame's own leading pictures), counted again after the last key frame.
  const counted = between(headKeys);
  const fromIndex = cues.slice(headKeys.length - 1).map((t, j, rest) => (j === 0 ? 0 : toFrames(t - rest[j - 1]!))).slice(1);
  if (fromIndex.length > 0) fromIndex[fromIndex.length - 1]! += steady - endLeading[endLeading.length - 1]!;
  const gaps = [...counted, ...fromIndex, end.length - lastKeyAt];
  const lastTime = Math.max(...end.map((f) => f.time));
  return summary(gaps, 'cues', true, lastTime + frameDuration - cues[0]!);
}

/**
 * Key-frame spacing of one video track from the Cues and the block headers read at the start
 * (`head`, from the first Cluster) and at the end (`tail`, from the last cue's Cluster).
 */
export function keyframeSpacing(timing: TrackTiming, head: ClusterScan, tail: ClusterScan | undefined): KeyframeFacts | undefined {
  const frames = framesOf(head, timing.track);
  const keys = keyIndexes(frames);
  const span = (list: Frame[]) => (list.length > 1 ? Math.max(...list.map((f) => f.time)) - Math.min(...list.map((f) => f.time)) : 0);
  // The whole file was read: every frame is counted.
  if (head.reachedEnd) return keys.length === 0 ? undefined : summary([...between(keys), frames.length - keys[keys.length - 1]!], 'blocks', true, span(frames));
  const indexed = fromCues(timing, frames, tail);
  if (indexed) return indexed;
  // A sample: the complete groups of pictures in the first Clusters.
  return summary(between(keys), 'blocks', false, keys.length > 1 ? frames[keys[keys.length - 1]!]!.time - frames[keys[0]!]!.time : 0);
}
