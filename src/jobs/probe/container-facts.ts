// What a container's own index says about each track, the same shape for MP4 (boxes) and
// Matroska/WebM (EBML elements), so the probe's facts join either with the discoverer's view.
import type { Mp4Facts } from '../../media/mp4/read-mp4.js';
import type { MkvFacts } from '../../media/mkv/read-mkv.js';

export interface IndexedTrack {
  kind: 'video' | 'audio' | 'other';
  /** RFC 6381 codec string, when the configuration record is understood. */
  codecString?: string;
  profileIdc?: number;
  levelIdc?: number;
  bitDepth?: number;
  /** MP4: the sample entry (avc1, hvc1, hev1, vp09…). */
  sampleEntry?: string;
  /** Matroska: the CodecID (V_MPEG4/ISO/AVC, V_VP9…). */
  codecId?: string;
  /** Video: frames between key frames; `sampledSeconds` when only the start of the file was read. */
  keyframes?: { max: number; mean: number; from: 'index' | 'blocks'; sampledSeconds?: number };
  /** Frames are reordered (B-frames); undefined when the container cannot tell cheaply. */
  reordered?: boolean;
  /** More than one frame duration (MP4 sample durations). */
  variableDuration?: boolean;
}

export interface ContainerFacts {
  /** MP4/MOV: moov precedes mdat. */
  fastStart?: boolean;
  fragmented?: boolean;
  tracks: IndexedTrack[];
}

export function fromMp4(mp4: Mp4Facts): ContainerFacts {
  return {
    fastStart: mp4.fastStart,
    fragmented: mp4.fragmented,
    tracks: mp4.tracks.map((t): IndexedTrack => {
      const k = t.samples.keyframeInterval;
      const keyframes = t.samples.allKeyframes ? { max: 1, mean: 1, from: 'index' as const } : k && { max: k.max, mean: k.mean, from: 'index' as const };
      return {
        kind: t.kind, codecString: t.codecString, profileIdc: t.profileIdc, levelIdc: t.levelIdc, sampleEntry: t.sampleEntry,
        keyframes, reordered: t.samples.reordered, variableDuration: t.samples.variableDuration,
      };
    }),
  };
}

export function fromMkv(mkv: MkvFacts): ContainerFacts {
  return {
    tracks: mkv.tracks.map((t): IndexedTrack => {
      const k = t.keyframeInterval;
      // Cues checked against the block headers are the index; blocks read to the end are as good.
      const keyframes = k && { max: k.max, mean: k.mean, from: k.from === 'cues' ? ('index' as const) : ('blocks' as const), ...(k.complete ? {} : { sampledSeconds: k.spanSeconds }) };
      return {
        kind: t.kind, codecString: t.codecString, profileIdc: t.profileIdc, levelIdc: t.levelIdc, bitDepth: t.bitDepth, codecId: t.codecId,
        keyframes, reordered: t.reordered,
      };
    }),
  };
}
