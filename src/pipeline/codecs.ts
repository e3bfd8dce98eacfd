// The codec table, in one place: encoders, parsers, payloaders, containers, rate control, presets.
import type { PropValue } from './quote.js';

export const VIDEO_CODECS = ['h264', 'h265', 'vp8', 'vp9', 'av1'] as const;
export type VideoCodec = (typeof VIDEO_CODECS)[number];
export const CODEC_ALIASES: Record<string, VideoCodec> = { x264: 'h264', avc: 'h264', hevc: 'h265', x265: 'h265' };

export const SPEED_PRESETS = ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow'] as const;
export type SpeedPreset = (typeof SPEED_PRESETS)[number];

export const CONTAINERS = ['mp4', 'mov', 'mkv', 'webm', 'ts', 'flv'] as const;
export type Container = (typeof CONTAINERS)[number];

export interface EncodeSettings {
  /** kbit/s; exclusive with level. */
  bitrateKbps?: number | undefined;
  /** 0..1, higher = stronger compression = smaller file. */
  level?: number | undefined;
  preset?: SpeedPreset | undefined;
  /** Frames between keyframes (streaming, HLS). */
  keyframeInterval?: number | undefined;
  /** Streaming: low latency and a bounded VBV. */
  lowLatency?: boolean | undefined;
  /** x264 frame threads (src/jobs/x264-threads.ts); the encoder's own choice when undefined. */
  threads?: number | undefined;
}

export interface VideoCodecSpec {
  codec: VideoCodec;
  software: string;
  /** Tried in order by --encoder auto; each must exist and actually work. */
  hardware: string[];
  parser: string | undefined;
  decoder: string;
  payloader: string | undefined;
  depayloader: string | undefined;
  containers: Container[];
  /** Caps name after the encoder. */
  caps: string;
  bitrateProperty: string;
  bitrateUnit: 'kbit/s' | 'bit/s';
  /** Software-encoder properties for the settings (rate control, speed, keyframes). */
  softwareProps(settings: EncodeSettings): Record<string, PropValue>;
}

const PRESET_INDEX = (preset: SpeedPreset | undefined): number => SPEED_PRESETS.indexOf(preset ?? 'medium');

// level 0..1 onto an encoder's quality scale [best, worst]; monotonic by construction.
export function levelToScale(level: number, best: number, worst: number): number {
  const clamped = Math.min(1, Math.max(0, level));
  return Math.round(best + (worst - best) * clamped);
}

// 0.3 ≈ x264 CRF 23, ffmpeg's default quality.
export const DEFAULT_LEVEL = 0.3;

function x26xRateControl(settings: EncodeSettings, isX265: boolean): Record<string, PropValue> {
  if (settings.bitrateKbps !== undefined) {
    // x264enc's pass=cbr adds a VBV buffer limit: keep it for streaming, drop it for files (quality).
    if (isX265) return { bitrate: Math.round(settings.bitrateKbps) };
    return settings.lowLatency
      ? { bitrate: Math.round(settings.bitrateKbps), pass: 'cbr' }
      : { bitrate: Math.round(settings.bitrateKbps), pass: 'cbr', 'vbv-buf-capacity': 0 };
  }
  const crf = levelToScale(settings.level ?? DEFAULT_LEVEL, 16, 40);
  // pass=qual is x264's CRF (quantizer is then the rate factor), as ffmpeg's -crf.
  return isX265 ? { 'option-string': `crf=${crf}` } : { pass: 'qual', quantizer: crf };
}

// x264's rate-control look-ahead in frames: its presets ask 30 (fast) and 40 (medium). GstVideoEncoder
// holds every frame in flight as well as x264, so each look-ahead frame (1.4 MB at 720p) is held twice:
// 20 brings peak memory down to ffmpeg's at the same PSNR (README "Speed", bench/compress-settings.mjs).
// The slower presets keep theirs (quality over resources); zerolatency has none.
export const X264_LOOKAHEAD = 20;
const LOOKAHEAD_CAPPED: readonly SpeedPreset[] = ['fast', 'medium'];

// x264enc and x265enc share preset, tune and keyframe property names.
function x26xProps(settings: EncodeSettings, isX265: boolean): Record<string, PropValue> {
  const preset = settings.preset ?? 'medium';
  const capLookahead = !isX265 && !settings.lowLatency && LOOKAHEAD_CAPPED.includes(preset);
  return {
    'speed-preset': preset,
    ...(settings.lowLatency ? { tune: 'zerolatency' } : {}),
    ...(capLookahead ? { 'rc-lookahead': X264_LOOKAHEAD } : {}),
    ...(settings.keyframeInterval ? { 'key-int-max': settings.keyframeInterval } : {}),
    ...x26xRateControl(settings, isX265),
    ...(!isX265 && settings.threads !== undefined ? { threads: settings.threads } : {}),
  };
}

function vpxProps(settings: EncodeSettings, vp9: boolean): Record<string, PropValue> {
  const speed = PRESET_INDEX(settings.preset); // 0 ultrafast … 8 veryslow
  const props: Record<string, PropValue> = {
    deadline: settings.lowLatency ? 1 : speed <= 2 ? 1 : speed >= 7 ? 0 : 1000000,
    'cpu-used': vp9 ? Math.max(0, 8 - speed) : Math.max(0, 16 - speed * 2),
    threads: 0,
  };
  if (vp9) props['row-mt'] = true;
  if (settings.keyframeInterval) props['keyframe-max-dist'] = settings.keyframeInterval;
  if (settings.lowLatency) props['error-resilient'] = 'default';
  // VP9 never looks ahead. gstvpxenc (1.22 and later) drains at end of stream with a single
  // vpx_codec_encode(NULL), and libvpx's VP9 encoder stops that call once half its output buffer (one raw
  // frame's bytes) is used: frames still in the lag are lost (a 6 s 320x240 clip at the default quality:
  // 165 of 180). With auto-alt-ref off (the element's default, kept here) the lag only delays output, so
  // lag 0 writes byte-identical frames, and all of them. VP8's encoder drains whole (measured): unchanged.
  if (settings.lowLatency || vp9) props['lag-in-frames'] = 0;
  if (settings.bitrateKbps !== undefined) {
    return { ...props, 'end-usage': settings.lowLatency ? 'cbr' : 'vbr', 'target-bitrate': Math.round(settings.bitrateKbps * 1000) };
  }
  // libvpx has no pure constant-quality mode here: CQ with a cap too high to bind.
  return { ...props, 'end-usage': 'cq', 'cq-level': levelToScale(settings.level ?? DEFAULT_LEVEL, 8, 56), 'target-bitrate': 100_000_000, 'min-quantizer': 0, 'max-quantizer': 63 };
}

export const CODECS: Record<VideoCodec, VideoCodecSpec> = {
  h264: {
    codec: 'h264',
    software: 'x264enc',
    hardware: ['nvh264enc', 'nvv4l2h264enc', 'vah264enc', 'vaapih264enc', 'qsvh264enc', 'v4l2h264enc'],
    parser: 'h264parse',
    decoder: 'avdec_h264',
    payloader: 'rtph264pay',
    depayloader: 'rtph264depay',
    containers: ['mp4', 'mov', 'mkv', 'ts', 'flv'],
    caps: 'video/x-h264',
    bitrateProperty: 'bitrate',
    bitrateUnit: 'kbit/s',
    softwareProps: (s) => x26xProps(s, false),
  },
  h265: {
    codec: 'h265',
    software: 'x265enc',
    hardware: ['nvh265enc', 'nvv4l2h265enc', 'vah265enc', 'vaapih265enc', 'qsvh265enc', 'v4l2h265enc'],
    parser: 'h265parse',
    decoder: 'avdec_h265',
    payloader: 'rtph265pay',
    depayloader: 'rtph265depay',
    containers: ['mp4', 'mov', 'mkv', 'ts'],
    caps: 'video/x-h265',
    bitrateProperty: 'bitrate',
    bitrateUnit: 'kbit/s',
    softwareProps: (s) => x26xProps(s, true),
  },
  vp8: {
    codec: 'vp8',
    software: 'vp8enc',
    hardware: ['vavp8enc', 'vaapivp8enc', 'v4l2vp8enc'],
    parser: undefined,
    decoder: 'vp8dec',
    payloader: 'rtpvp8pay',
    depayloader: 'rtpvp8depay',
    containers: ['webm', 'mkv'],
    caps: 'video/x-vp8',
    bitrateProperty: 'target-bitrate',
    bitrateUnit: 'bit/s',
    softwareProps: (s) => vpxProps(s, false),
  },
  vp9: {
    codec: 'vp9',
    software: 'vp9enc',
    hardware: ['vavp9enc', 'vaapivp9enc', 'qsvvp9enc'],
    parser: 'vp9parse',
    decoder: 'vp9dec',
    payloader: 'rtpvp9pay',
    depayloader: 'rtpvp9depay',
    containers: ['webm', 'mkv', 'mp4'],
    caps: 'video/x-vp9',
    bitrateProperty: 'target-bitrate',
    bitrateUnit: 'bit/s',
    softwareProps: (s) => vpxProps(s, true),
  },
  av1: {
    codec: 'av1',
    software: 'av1enc',
    hardware: ['nvav1enc', 'vaav1enc', 'qsvav1enc'],
    parser: 'av1parse',
    decoder: 'av1dec',
    payloader: undefined,
    depayloader: undefined,
    containers: ['mp4', 'mkv', 'webm'],
    caps: 'video/x-av1',
    bitrateProperty: 'target-bitrate',
    bitrateUnit: 'kbit/s',
    softwareProps: (s) => {
      const speed = PRESET_INDEX(s.preset);
      // The fast presets take libaom's realtime profile, as they take libvpx's realtime deadline: good-quality
      // clamps cpu-used to 6 and stays slow (6 s of 640x360: 11.3 s CPU, realtime at cpu-used 9: 0.9 s).
      const realtime = s.lowLatency || speed <= 2;
      const props: Record<string, PropValue> = { 'cpu-used': Math.max(1, 9 - speed), 'row-mt': true, threads: 0, 'usage-profile': realtime ? 'realtime' : 'good-quality' };
      if (s.keyframeInterval) props['keyframe-max-dist'] = s.keyframeInterval;
      // av1enc (1.22) passes its max-quantizer default of 0 to libaom, which then ignores the target (4 s at
      // 800 kbit/s came out at 17 Mbit/s): the full quantizer range lets rate control work.
      if (s.bitrateKbps !== undefined) return { ...props, 'end-usage': 'vbr', 'target-bitrate': Math.round(s.bitrateKbps), 'min-quantizer': 0, 'max-quantizer': 63 };
      // av1enc (1.22) has no cq-level: pin the quantizer range to one value instead.
      const q = levelToScale(s.level ?? DEFAULT_LEVEL, 16, 56);
      return { ...props, 'end-usage': 'q', 'min-quantizer': q, 'max-quantizer': q };
    },
  },
};

// "x264" → "h264"; undefined for an unknown name.
export function resolveCodec(name: string): VideoCodec | undefined {
  const lower = name.toLowerCase();
  if ((VIDEO_CODECS as readonly string[]).includes(lower)) return lower as VideoCodec;
  return CODEC_ALIASES[lower];
}

// Bitrate in the encoder's own unit (vp8enc/vp9enc want bit/s, x264enc kbit/s).
export function encoderBitrate(spec: VideoCodecSpec, kbps: number): number {
  return spec.bitrateUnit === 'bit/s' ? Math.round(kbps * 1000) : Math.round(kbps);
}
