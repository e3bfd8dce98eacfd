// The probe's facts per stream: gst-discoverer-1.0's view (codec, profile, size, rates) joined with
// what the MP4 boxes say (sample entry, codec string, key frames, B-frames, fast start).
import type { MediaInfo } from '../../gst/discover/schema.js';
import type { Mp4Facts, Mp4Track } from '../../media/mp4/read-mp4.js';
import type { SampleFacts } from '../../media/mp4/sample-tables.js';
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
  /** Key-frame spacing in frames and seconds, from the container's index (MP4 stss). */
  keyframeInterval?: { maxFrames: number; meanFrames: number; maxSeconds?: number; meanSeconds?: number };
  /** Frames are reordered (B-frames), from the composition offsets; unknown outside MP4. */
  bFrames?: boolean;
  /** The MP4 sample entry: avc1, avc3, hvc1, hev1, vp09, av01. */
  sampleEntry?: string;
}

export interface AudioFacts {
  codec: string;
  codecString?: string;
  profile?: string;
  channels: number;
  sampleRate: number;
  bitrateKbps?: number;
  sampleEntry?: string;
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

function keyframes(samples: SampleFacts, fps: number): VideoFacts['keyframeInterval'] {
  if (samples.allKeyframes) return { maxFrames: 1, meanFrames: 1, ...(fps > 0 ? { maxSeconds: round(1 / fps), meanSeconds: round(1 / fps) } : {}) };
  const k = samples.keyframeInterval;
  if (!k) return undefined;
  const seconds = fps > 0 ? { maxSeconds: round(k.max / fps), meanSeconds: round(k.mean / fps) } : {};
  return { maxFrames: k.max, meanFrames: k.mean, ...seconds };
}

function defined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

export function probeFacts(source: string, info: MediaInfo, mp4: Mp4Facts | undefined): ProbeFacts {
  const tracks = (kind: Mp4Track['kind']) => mp4?.tracks.filter((t) => t.kind === kind) ?? [];
  const videoTracks = tracks('video');
  const audioTracks = tracks('audio');
  return defined({
    source,
    container: info.container,
    durationSeconds: info.durationSeconds,
    fastStart: mp4?.fastStart,
    fragmented: mp4?.fragmented,
    video: info.video.map((v, i): VideoFacts => {
      const track = videoTracks[i];
      // gst reports 0/1 for a variable rate; an MP4 index also shows differing sample durations.
      const variableFrameRate = v.variableFrameRate || (track?.samples.variableDuration ?? false);
      return defined({
        codec: v.codecName, codecString: track?.codecString ?? codecStringFromCaps(v.codecName, v), profile: v.profile, level: v.level,
        chromaFormat: v.chromaFormat, bitDepth: v.depth, width: v.width, height: v.height, fps: round(v.fps), variableFrameRate,
        bitrateKbps: v.bitrateKbps, keyframeInterval: track && keyframes(track.samples, v.fps), bFrames: track?.samples.reordered,
        sampleEntry: track?.sampleEntry,
      });
    }),
    audio: info.audio.map((a, i): AudioFacts => {
      const track = audioTracks[i];
      return defined({
        codec: a.codecName, codecString: track?.codecString ?? codecStringFromCaps(a.codecName, a), profile: a.profile,
        channels: a.channels, sampleRate: a.sampleRate, bitrateKbps: a.bitrateKbps, sampleEntry: track?.sampleEntry,
      });
    }),
  });
}
