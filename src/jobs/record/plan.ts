// Options + what the source is → the recording plan. Pure (the probe comes in), so every decision is
// unit-testable: keep the source's H.264/H.265 or encode, copy its AAC or encode AAC, pace a file in real
// time, retry network sources.
import { UsageError } from '../../errors.js';
import { parseInputSpec, type InputSpec } from '../../pipeline/sources.js';
import type { RecordFormat } from './choices.js';
import type { RecordOptions } from './options.js';

/** What the source carries, before anything runs (gst-discoverer for files and URIs). */
export interface SourceFacts {
  /** The video codec name (h264, h265, vp8, mpeg2, raw…), undefined when unknown. */
  videoCodec: string | undefined;
  fps: number | undefined;
  /** The compressed video's caps name (video/x-vp8, video/mpeg…), to pick it from parsebin; undefined when unknown. */
  videoCaps?: string | undefined;
  /** The RTP depayloader of the audio when it is known exactly (our own RTSP server's mounts). */
  rtpAudioDepayloader?: string | undefined;
  /** The first audio track; undefined when the source has none (a camera, a silent file). */
  audio?: SourceAudio | undefined;
}

export interface SourceAudio {
  /** aac, opus, mp3, ac3, pcm… (test sources: pcm). */
  codecName: string;
  /** The caps that pick the track from parsebin (AAC and MP3 share audio/mpeg: the version tells them apart). */
  caps: string;
}

/** The recorded audio track: always AAC, which mp4, mkv and ts all take and every player plays. */
export interface RecordAudio {
  /** The source's AAC as it is (parsed, not decoded); false: decoded and encoded to AAC. */
  copy: boolean;
  source: SourceAudio;
}

export interface RecordPlan {
  input: InputSpec;
  outputDir: string;
  format: RecordFormat;
  /** The source's own codec, parsed and muxed as it is; undefined: decoded and encoded with `codec`. */
  keptCodec: 'h264' | 'h265' | undefined;
  codec: 'h264' | 'h265';
  /** undefined: video only (no audio in the source, or --no-audio). */
  audio: RecordAudio | undefined;
  /** The file or stream is read through parsebin (a kept codec, or copied audio beside encoded video). */
  parsed: boolean;
  /**
   * RTSP with a kept codec: urisourcebin's RTP pads are depayloaded here (rtph264depay ! h264parse), not in
   * parsebin, whose depayloader negotiates NAL alignment and then hands on parts of access units without
   * a PTS (a third of the buffers from a sliced x264 stream), which mp4mux refuses.
   */
  rtpDepay: boolean;
  /** With rtpDepay: the audio's depayloader when known (see pipeline.ts: no caps filter then). */
  rtpAudioDepayloader: string | undefined;
  videoCaps: string | undefined;
  /** A file is played at its own pace, as a live source would deliver it. */
  realtime: boolean;
  /** A network source that drops is retried; a file or a test source that fails is a failure. */
  retry: boolean;
  segmentSeconds: number;
  maxSegmentBytes: number | undefined;
  /** Encoding: one keyframe a second, so segments close within a second of their target. */
  fps: number;
  bitrateKbps: number;
  preset: RecordOptions['preset'];
}

/** The AAC bit rate when audio is encoded, kbit/s. */
export const AUDIO_BITRATE_KBPS = 128;

export const EXTENSIONS: Record<RecordFormat, string> = { mp4: 'mp4', mkv: 'mkv', ts: 'ts' };
const RTSP_SCHEMES = new Set(['rtsp', 'rtsps', 'rtspt']);
const NETWORK_SCHEMES = new Set([...RTSP_SCHEMES, 'srt', 'udp', 'rtp', 'rtmp', 'http', 'https']);

// Refusals that need no probe, so they come before anything is spawned.
export function checkSource(options: RecordOptions): InputSpec {
  const input = parseInputSpec(options.input, { live: true });
  if (input.kind === 'stdin') throw new UsageError('record reads a source it can reopen after a drop; standard input cannot be.', { fix: 'Give a file, test, /dev/videoN or an rtsp://, srt:// or udp:// URI.' });
  return input;
}

export function planRecord(options: RecordOptions, facts: SourceFacts): RecordPlan {
  const input = checkSource(options);
  const compressed = input.kind === 'file' || input.kind === 'uri';
  const kept = compressed && (facts.videoCodec === 'h264' || facts.videoCodec === 'h265') ? facts.videoCodec : undefined;
  const audio = options.audio ? recordAudio(input, facts, kept !== undefined) : undefined;
  return {
    input,
    outputDir: options.outputDir,
    format: options.format,
    keptCodec: kept,
    codec: options.codec,
    audio,
    parsed: kept !== undefined || audio?.copy === true,
    rtpDepay: kept !== undefined && input.kind === 'uri' && RTSP_SCHEMES.has(input.scheme),
    rtpAudioDepayloader: facts.rtpAudioDepayloader,
    videoCaps: facts.videoCaps,
    realtime: input.kind === 'file' || (input.kind === 'uri' && !input.live),
    retry: input.kind === 'uri' && NETWORK_SCHEMES.has(input.scheme),
    segmentSeconds: options.segment,
    maxSegmentBytes: options.maxSegmentSize,
    fps: facts.fps && facts.fps > 0 ? facts.fps : 30,
    bitrateKbps: options.bitrate ?? 2500,
    preset: options.preset,
  };
}

// AAC is copied when the source's track is AAC and the stream goes through parsebin: always with a kept
// video codec; with encoded video only when the probe named the video caps (parsebin's video pad is then
// picked by them and decoded). Anything else is decoded and encoded.
function recordAudio(input: InputSpec, facts: SourceFacts, keptVideo: boolean): RecordAudio | undefined {
  if (input.kind === 'test') return { copy: false, source: { codecName: 'pcm', caps: 'audio/x-raw' } };
  if (!facts.audio || (input.kind !== 'file' && input.kind !== 'uri')) return undefined;
  const parsable = keptVideo || facts.videoCaps !== undefined;
  return { copy: facts.audio.codecName === 'aac' && parsable, source: facts.audio };
}
