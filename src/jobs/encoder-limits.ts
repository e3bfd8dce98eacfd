// The sizes, frame rates and bit rates the chosen encoder really takes, read from gst-inspect (its
// sink template's video/x-raw caps, videoscale's output caps, its bitrate property's range), so
// `--scale 99999x99999` is refused before anything runs instead of failing to link.
import { UsageError } from '../errors.js';
import { describeElement } from '../gst/inspect/describe.js';
import type { Caps, ElementInfo } from '../gst/inspect/schema.js';
import { CODECS, type VideoCodec } from '../pipeline/codecs.js';

export interface Range {
  min: number;
  max: number;
}

export interface EncoderLimits {
  encoder: string;
  width: Range;
  height: Range;
  fps: Range;
  /** kbit/s; only known for the software encoder, whose bitrate property we set. */
  bitrateKbps?: Range | undefined;
}

export interface EncodeRequest {
  size?: { width: number; height: number } | undefined;
  fps?: number | undefined;
  bitrateKbps?: number | undefined;
}

export async function encoderLimits(codec: VideoCodec, encoder: string, env: NodeJS.ProcessEnv): Promise<EncoderLimits> {
  const [element, scaler] = await Promise.all([describeElement(encoder, { env }), describeElement('videoscale', { env })]);
  const sink = rawVideoCaps(element, 'sink');
  const scaled = rawVideoCaps(scaler, 'src');
  return {
    encoder,
    width: intersect(rangeOf(sink, 'width'), rangeOf(scaled, 'width')),
    height: intersect(rangeOf(sink, 'height'), rangeOf(scaled, 'height')),
    fps: rangeOf(sink, 'framerate'),
    bitrateKbps: encoder === CODECS[codec].software ? bitrateRange(element, codec) : undefined,
  };
}

/** How the refusal names what the user gave: `--scale 99999x99999`, `--ladder rendition 720p:`. */
export interface RequestFlags {
  size: string;
  /** What precedes the rate in the message; default `--bitrate`. */
  bitrate?: string;
}

/** The limits of a codec's software encoder (the one rtsp, webrtc and hls use). */
export type LimitsOf = (codec: VideoCodec) => Promise<EncoderLimits>;

export function softwareEncoderLimits(env: NodeJS.ProcessEnv): LimitsOf {
  return (codec) => encoderLimits(codec, CODECS[codec].software, env);
}

/**
 * Checks a request only when it asks for something: the limits cost a gst-inspect of the encoder
 * and videoscale (~0.2 s at every start), and a job's own defaults are always within them.
 */
export async function checkAskedEncode(request: EncodeRequest, limitsOf: () => Promise<EncoderLimits>, flags: RequestFlags): Promise<void> {
  if (request.size === undefined && request.fps === undefined && request.bitrateKbps === undefined) return;
  checkEncodeRequest(request, await limitsOf(), flags);
}

// Refuses the first value outside the limits (exit 2), naming the flag, the range and the element.
export function checkEncodeRequest(request: EncodeRequest, limits: EncoderLimits, flags: RequestFlags): void {
  const out = (value: number, r: Range) => value < r.min || value > r.max;
  if (request.size && (out(request.size.width, limits.width) || out(request.size.height, limits.height))) {
    const { width, height } = request.size;
    throw new UsageError(`${flags.size} asks for ${width}x${height} (even sides), which ${limits.encoder} cannot encode.`, {
      fix: `Widths ${show(limits.width)} and heights ${show(limits.height)} (the limits of ${limits.encoder} and videoscale).`,
      data: { width, height, limits: { width: limits.width, height: limits.height } },
    });
  }
  if (request.fps !== undefined && out(request.fps, limits.fps)) {
    throw new UsageError(`--fps ${request.fps} is outside what ${limits.encoder} takes.`, { fix: `Give a rate from ${show(limits.fps)}.`, data: { fps: request.fps, limits: limits.fps } });
  }
  const kbps = limits.bitrateKbps;
  if (request.bitrateKbps !== undefined && kbps && out(request.bitrateKbps, kbps)) {
    throw new UsageError(`${flags.bitrate ?? '--bitrate'} ${request.bitrateKbps} kbit/s is outside what ${limits.encoder} takes.`, { fix: `Give ${show(kbps)} kbit/s.`, data: { bitrateKbps: request.bitrateKbps, limits: kbps } });
  }
}

const show = (r: Range): string => `${r.min}–${r.max}`;

function rawVideoCaps(element: ElementInfo, direction: 'sink' | 'src'): Caps['structures'] {
  return element.padTemplates.filter((p) => p.direction === direction).flatMap((p) => p.caps.structures).filter((s) => s.name === 'video/x-raw');
}

// The widest range over the structures: "[ 1, 32767 ]", a fixed "1280", or "[ 0/1, 2147483647/1 ]".
// A field no structure constrains is unbounded.
export function rangeOf(structures: Caps['structures'], field: string): Range {
  const ranges = structures.map((s) => parseRange(s.fields[field])).filter((r): r is Range => r !== undefined);
  if (ranges.length === 0) return { min: 0, max: Number.POSITIVE_INFINITY };
  return { min: Math.min(...ranges.map((r) => r.min)), max: Math.max(...ranges.map((r) => r.max)) };
}

export function parseRange(value: string | undefined): Range | undefined {
  if (value === undefined) return undefined;
  const text = value.replace(/\((int|fraction)\)/g, '').trim();
  const m = /^\[\s*([\d/]+)\s*,\s*([\d/]+)\s*\]$/.exec(text);
  if (m) return { min: number(m[1]!), max: number(m[2]!) };
  return /^[\d/]+$/.test(text) ? { min: number(text), max: number(text) } : undefined;
}

function number(text: string): number {
  const [n, d] = text.split('/').map(Number);
  return d === undefined ? n! : d === 0 ? 0 : n! / d;
}

function intersect(a: Range, b: Range): Range {
  return { min: Math.max(a.min, b.min), max: Math.min(a.max, b.max) };
}

function bitrateRange(element: ElementInfo, codec: VideoCodec): Range | undefined {
  const spec = CODECS[codec];
  const range = element.properties.find((p) => p.name === spec.bitrateProperty)?.range;
  if (!range) return undefined;
  const perKbit = spec.bitrateUnit === 'bit/s' ? 1000 : 1;
  // A bit/s property's minimum of 0 means "automatic", not a rate: the smallest real one is 1 kbit/s.
  return { min: Math.max(1, Math.ceil(Number(range.min) / perKbit)), max: Math.floor(Number(range.max) / perKbit) };
}
