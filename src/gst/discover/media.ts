// Turns the raw discoverer tree into MediaInfo: codec short names, fps from fractions, kbps.
import { parseCapsString } from '../inspect/caps.js';
import type { CapsStructure } from '../inspect/schema.js';
import type { AudioStream, MediaInfo, SubtitleStream, VideoStream } from './schema.js';
import type { RawDiscovery, RawStream } from './parse.js';
import { parseClockTime } from '../launch/time.js';

const VIDEO_NAMES: Record<string, string> = {
  'video/x-h264': 'h264', 'video/x-h265': 'h265', 'video/x-vp8': 'vp8', 'video/x-vp9': 'vp9', 'video/x-av1': 'av1',
  'video/x-theora': 'theora', 'image/jpeg': 'mjpeg', 'video/x-raw': 'raw', 'video/x-prores': 'prores',
  'video/x-divx': 'mpeg4', 'video/x-xvid': 'mpeg4', 'video/x-h263': 'h263', 'video/x-wmv': 'wmv', 'video/x-ffv': 'ffv1',
};
const AUDIO_NAMES: Record<string, string> = {
  'audio/x-opus': 'opus', 'audio/x-vorbis': 'vorbis', 'audio/x-flac': 'flac', 'audio/x-ac3': 'ac3', 'audio/x-eac3': 'eac3',
  'audio/x-raw': 'pcm', 'audio/x-alac': 'alac', 'audio/x-speex': 'speex', 'audio/x-wma': 'wma', 'audio/x-alaw': 'alaw',
  'audio/x-mulaw': 'mulaw', 'audio/x-dts': 'dts', 'audio/x-true-hd': 'truehd', 'audio/x-adpcm': 'adpcm',
};
const CONTAINERS: Record<string, string> = {
  'video/x-matroska': 'mkv', 'video/webm': 'webm', 'audio/webm': 'webm', 'video/mpegts': 'ts', 'application/ogg': 'ogg',
  'audio/ogg': 'ogg', 'video/ogg': 'ogg', 'video/x-flv': 'flv', 'video/x-msvideo': 'avi', 'video/x-ms-asf': 'asf',
  'audio/x-m4a': 'm4a', 'audio/x-wav': 'wav', 'application/x-id3': 'mp3', 'application/mxf': 'mxf',
};
const QUICKTIME: Record<string, string> = { iso: 'mp4', 'iso-fragmented': 'mp4', apple: 'mov', '3gpp': '3gp' };
const CHROMA: Record<string, string> = { '4:2:0': 'yuv420p', '4:2:2': 'yuv422p', '4:4:4': 'yuv444p', '4:0:0': 'gray' };

const firstStructure = (caps: string): CapsStructure => parseCapsString(caps).structures[0] ?? { name: caps, features: [], fields: {} };
const stripPrefix = (name: string): string => name.replace(/^(video|audio|image|text|application|subpicture)\/(x-)?/, '');
const num = (text: string | undefined): number | undefined => (text !== undefined && /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : undefined);

export function videoCodecName(s: CapsStructure): string {
  if (s.name === 'video/mpeg') return `mpeg${s.fields.mpegversion ?? ''}`;
  return VIDEO_NAMES[s.name] ?? stripPrefix(s.name);
}

export function audioCodecName(s: CapsStructure): string {
  if (s.name !== 'audio/mpeg') return AUDIO_NAMES[s.name] ?? stripPrefix(s.name);
  const version = s.fields.mpegversion;
  if (version === '2' || version === '4') return 'aac';
  return `mp${s.fields.layer ?? '3'}`;
}

export function containerName(s: CapsStructure): string {
  if (s.name === 'video/quicktime') return QUICKTIME[s.fields.variant ?? ''] ?? 'mov';
  if (s.name === 'video/mpeg' && s.fields.systemstream === 'true') return 'mpg';
  return CONTAINERS[s.name] ?? stripPrefix(s.name);
}

// "30000/1001" → 29.97…; "0/1" (variable rate) → 0; junk → 0.
export function fractionToNumber(text: string | undefined): number {
  const m = text ? /^(\d+)\/(\d+)$/.exec(text.trim()) : null;
  if (!m || Number(m[2]) === 0) return 0;
  return Number(m[1]) / Number(m[2]);
}

// Discoverer's Bitrate (bits/s) when set, else the stream's bitrate tags; kbit/s with one decimal.
function bitrateKbps(stream: RawStream): number | undefined {
  const bps = [stream.fields.Bitrate, stream.tags.bitrate, stream.tags['nominal bitrate']].map(num).find((n) => n !== undefined && n > 0);
  return bps === undefined ? undefined : Math.round(bps / 100) / 10;
}

function pixelFormat(s: CapsStructure, depth: number | undefined): string | undefined {
  if (s.fields.format) return s.fields.format;
  const base = CHROMA[s.fields['chroma-format'] ?? ''];
  if (!base) return undefined;
  return depth !== undefined && depth > 8 ? `${base}${depth}le` : base;
}

// Only defined values, so optional fields are absent rather than undefined.
function defined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

export function toVideo(stream: RawStream): VideoStream {
  const s = firstStructure(stream.caps);
  const framerate = stream.fields['Frame rate'] ?? s.fields.framerate ?? '0/1';
  const depth = num(s.fields['bit-depth-luma']);
  const fps = fractionToNumber(framerate);
  return defined({
    codec: s.name, codecName: videoCodecName(s),
    width: num(stream.fields.Width) ?? num(s.fields.width) ?? 0,
    height: num(stream.fields.Height) ?? num(s.fields.height) ?? 0,
    fps, framerate, variableFrameRate: fps === 0,
    bitrateKbps: bitrateKbps(stream), profile: s.fields.profile, level: s.fields.level, depth,
    chromaFormat: s.fields['chroma-format'], pixelFormat: pixelFormat(s, depth),
    pixelAspectRatio: stream.fields['Pixel aspect ratio'] ?? s.fields['pixel-aspect-ratio'],
    interlaced: stream.fields.Interlaced === undefined ? undefined : stream.fields.Interlaced === 'true',
    colorimetry: s.fields.colorimetry,
    streamFormat: s.fields['stream-format'], codecData: s.fields.codec_data,
  });
}

/** `declared`: channels and rate as the stream's caps state them, before the decoder's (see LIBAV_AAC_DECODERS). */
export function toAudio(stream: RawStream, declared = false): AudioStream {
  const s = firstStructure(stream.caps);
  const channels = declared ? undefined : /^(\d+)(?: \((.*)\))?$/.exec(stream.fields.Channels ?? '');
  const decodedRate = declared ? undefined : num(stream.fields['Sample rate']);
  return defined({
    codec: s.name, codecName: audioCodecName(s),
    channels: num(channels?.[1]) ?? num(s.fields.channels) ?? 0,
    sampleRate: decodedRate ?? num(s.fields.rate) ?? 0,
    bitrateKbps: bitrateKbps(stream), profile: s.fields.profile,
    language: language(stream), channelLayout: channels?.[2], codecData: s.fields.codec_data,
  });
}

function language(stream: RawStream): string | undefined {
  const lang = stream.fields.Language ?? stream.tags['language code'];
  return lang && lang !== '<unknown>' ? lang : undefined;
}

function toSubtitle(stream: RawStream): SubtitleStream {
  return defined({ codec: firstStructure(stream.caps).name, language: language(stream) });
}

export function toMediaInfo(raw: RawDiscovery, options: { declaredAudio?: boolean } = {}): MediaInfo {
  const container = raw.streams.find((s) => s.type === 'container');
  const containerCaps = container ? firstStructure(container.caps) : undefined;
  const of = (type: string) => raw.streams.filter((s) => s.type === type);
  return {
    uri: raw.uri,
    durationSeconds: raw.properties.Duration === undefined ? null : (parseClockTime(raw.properties.Duration) ?? null),
    seekable: raw.properties.Seekable === 'yes',
    live: raw.properties.Live === 'yes',
    container: containerCaps ? containerName(containerCaps) : null,
    containerCaps: containerCaps?.name ?? null,
    video: of('video').map(toVideo),
    audio: of('audio').map((a) => toAudio(a, options.declaredAudio)),
    subtitles: of('subtitles').map(toSubtitle),
    tags: raw.tags,
    missingPlugins: raw.missing,
  };
}
