// The probe's facts per stream: gst-discoverer-1.0's view (codec, profile, size, rates) joined with
// what the container's own index says: MP4 boxes (sample entry, codec string, key frames, B-frames,
// fast start) or Matroska/WebM elements (CodecID, codec string, key frames from the Cues).
import type { MediaInfo } from '../../gst/discover/schema.js';
import type { ContainerFacts, IndexedTrack } from './container-facts.js';
import { codecStringFromCaps } from './caps-codec-string.js';

export interface VideoFacts {
  codec: string;
  codecString?: string;
  profile?: string;
  level?: string;
  chromaFormat?: string;
  bitDepth?: number;
  width: number;
  height: number;
  fps: number;
  variableFrameRate: boolean;
  bitrateKbps?: number;
  /**
   * Key-frame spacing in frames and seconds. from: `index` when every key frame is in the
   * container's index (MP4 stss; Matroska Cues that the block headers of the first and last
   * Clusters agree with), `blocks` when counted in Matroska block headers; `sampledSeconds` when
   * only the first Clusters were read (a Matroska file without a usable index).
   */
  keyframeInterval?: { maxFrames: number; meanFrames: number; maxSeconds?: number; meanSeconds?: number; from: 'index' | 'blocks'; sampledSeconds?: number };
  /**
   * Frames are reordered (B-frames): MP4 composition offsets; Matroska block timestamps going back
   * (false only when every block was read or the codec never reorders). Unknown otherwise.
   */
  bFrames?: boolean;
  /** The MP4 sample entry: avc1, avc3, hvc1, hev1, vp09, av01. */
  sampleEntry?: string;
  /** The Matroska CodecID: V_MPEG4/ISO/AVC, V_MPEGH/ISO/HEVC, V_VP9, V_AV1… */
  codecId?: string;
}

export interface AudioFacts {
  codec: string;
  codecString?: string;
  profile?: string;
  channels: number;
  sampleRate: number;
  bitrateKbps?: number;
  sampleEntry?: string;
  codecId?: string;
}

export interface ProbeFacts {
  source: string;
  container: string | null;
  durationSeconds: number | null;
  /** MP4/MOV: moov precedes mdat. */
  fastStart?: boolean;
  fragmented?: boolean;
  video: VideoFacts[];
  audio: AudioFacts[];
}

const round = (n: number) => Math.round(n * 100) / 100;

function keyframes(track: IndexedTrack, fps: number): VideoFacts['keyframeInterval'] {
  const k = track.keyframes;
  if (!k) return undefined;
  const seconds = fps > 0 ? { maxSeconds: round(k.max / fps), meanSeconds: round(k.mean / fps) } : {};
  return { maxFrames: k.max, meanFrames: k.mean, ...seconds, from: k.from, ...(k.sampledSeconds !== undefined ? { sampledSeconds: k.sampledSeconds } : {}) };
}

function defined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

export function probeFacts(source: string, info: MediaInfo, container: ContainerFacts | undefined): ProbeFacts {
  const tracks = (kind: IndexedTrack['kind']) => container?.tracks.filter((t) => t.kind === kind) ?? [];
  const videoTracks = tracks('video');
  const audioTracks = tracks('audio');
  return defined({
    source,
    container: info.container,
    durationSeconds: info.durationSeconds,
    fastStart: container?.fastStart,
    fragmented: container?.fragmented,
    video: info.video.map((v, i): VideoFacts => {
      const track = videoTracks[i];
      // gst reports 0/1 for a variable rate; an MP4 index also shows differing sample durations.
      const variableFrameRate = v.variableFrameRate || (track?.variableDuration ?? false);
      return defined({
        codec: v.codecName, codecString: track?.codecString ?? codecStringFromCaps(v.codecName, v, track), profile: v.profile, level: v.level,
        chromaFormat: v.chromaFormat, bitDepth: v.depth, width: v.width, height: v.height, fps: round(v.fps), variableFrameRate,
        bitrateKbps: v.bitrateKbps, keyframeInterval: track && keyframes(track, v.fps), bFrames: track?.reordered,
        sampleEntry: track?.sampleEntry, codecId: track?.codecId,
      });
    }),
    audio: info.audio.map((a, i): AudioFacts => {
      const track = audioTracks[i];
      return defined({
        codec: a.codecName, codecString: track?.codecString ?? codecStringFromCaps(a.codecName, a), profile: a.profile,
        channels: a.channels, sampleRate: a.sampleRate, bitrateKbps: a.bitrateKbps, sampleEntry: track?.sampleEntry, codecId: track?.codecId,
      });
    }),
  });
}
