// Options + what the source is → the recording plan. Pure (the probe comes in), so every decision is
// unit-testable: keep the source's H.264/H.265 or encode, pace a file in real time, retry network sources.
import { UsageError } from '../../errors.js';
import { parseInputSpec, type InputSpec } from '../../pipeline/sources.js';
import type { RecordFormat, RecordOptions } from './options.js';

/** What the source carries, before anything runs (gst-discoverer for files and URIs). */
export interface SourceFacts {
  /** The video codec name (h264, h265, vp8, mpeg2, raw…), undefined when unknown. */
  videoCodec: string | undefined;
  fps: number | undefined;
}

export interface RecordPlan {
  input: InputSpec;
  outputDir: string;
  format: RecordFormat;
  /** The source's own codec, parsed and muxed as it is; undefined: decoded and encoded with `codec`. */
  keptCodec: 'h264' | 'h265' | undefined;
  codec: 'h264' | 'h265';
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

export const EXTENSIONS: Record<RecordFormat, string> = { mp4: 'mp4', mkv: 'mkv', ts: 'ts' };
const NETWORK_SCHEMES = new Set(['rtsp', 'rtsps', 'srt', 'udp', 'rtp', 'rtmp', 'http', 'https']);

// Refusals that need no probe, so they come before anything is spawned.
export function checkSource(options: RecordOptions): InputSpec {
  const input = parseInputSpec(options.input, { live: true });
  if (input.kind === 'stdin') throw new UsageError('record reads a source it can reopen after a drop; standard input cannot be.', { fix: 'Give a file, test, /dev/videoN or an rtsp://, srt:// or udp:// URI.' });
  return input;
}

export function planRecord(options: RecordOptions, facts: SourceFacts): RecordPlan {
  const input = checkSource(options);
  const kept = facts.videoCodec === 'h264' || facts.videoCodec === 'h265' ? facts.videoCodec : undefined;
  return {
    input,
    outputDir: options.outputDir,
    format: options.format,
    keptCodec: input.kind === 'file' || input.kind === 'uri' ? kept : undefined,
    codec: options.codec,
    realtime: input.kind === 'file' || (input.kind === 'uri' && !input.live),
    retry: input.kind === 'uri' && NETWORK_SCHEMES.has(input.scheme),
    segmentSeconds: options.segment,
    maxSegmentBytes: options.maxSegmentSize,
    fps: facts.fps && facts.fps > 0 ? facts.fps : 30,
    bitrateKbps: options.bitrate ?? 2500,
    preset: options.preset,
  };
}
