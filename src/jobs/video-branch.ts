// The video half every encoding job shares: decoded frames → convert → scale → rate → I420 → encoder → parser.
import { fractionOf } from '../pipeline/framerate.js';
import type { PipelineBuilder } from '../pipeline/builder.js';
import type { Chain } from '../pipeline/nodes.js';
import { CODECS, encoderBitrate, type EncodeSettings, type VideoCodec } from '../pipeline/codecs.js';
import type { PropValue } from '../pipeline/quote.js';
import { STATS_PROBE_PREFIX } from '../gst/launch/stats.js';

export interface VideoBranchOptions {
  codec: VideoCodec;
  settings: EncodeSettings;
  /** Encoder element to use; the codec's software encoder when undefined. */
  encoder?: string | undefined;
  width?: number | undefined;
  height?: number | undefined;
  /** The input's colorimetry (pipeline/colorimetry.ts), stated on the scaled caps so that a scale keeps it. */
  colorimetry?: string | undefined;
  fps?: number | undefined;
  /** Extra caps after the encoder (e.g. an H.264 profile). */
  encodedCaps?: string | undefined;
  /** Turn the frames as the stream's orientation tag says (videoflip video-direction=auto). */
  autoOrient?: boolean | undefined;
  /** Name of the identity that counts frames and bytes (stats). */
  statsProbe?: string | false;
  /** Properties for the codec's parser (e.g. config-interval=-1: headers before every keyframe). */
  parserProps?: Record<string, PropValue> | undefined;
  /** The head yields 8-bit I420 frames (a known decoder): no videoconvert, and a short queue. */
  decodedI420?: boolean | undefined;
  /** Encoder properties set over the codec table's (e.g. HLS: x264 option-string=scenecut=0 for regular GOPs). */
  encoderProps?: Record<string, PropValue> | undefined;
}

// Appends the branch as a new chain starting at `head` (the input plan's video nodes).
export function addVideoBranch(builder: PipelineBuilder, head: Chain, options: VideoBranchOptions): PipelineBuilder {
  const spec = CODECS[options.codec];
  const encoder = options.encoder ?? spec.software;
  // A small queue is the thread boundary; jobs put an unlimited queue before a muxer. Raw frames are
  // big (1.4 MB at 720p) and the encoder keeps its own look-ahead, so 3 are enough when they need no conversion.
  let b = options.decodedI420 ? builder.chain(head).queue({ 'max-size-buffers': 3 }) : builder.chain(head).queue({}).add('videoconvert');
  if (options.autoOrient) b = b.add('videoflip', { 'video-direction': 'auto' });
  if (options.width !== undefined || options.height !== undefined) b = b.add('videoscale');
  if (options.fps !== undefined) b = b.add('videorate');
  b = b.caps(rawCaps(options));
  const props = encoder === spec.software ? spec.softwareProps(options.settings) : hardwareProps(options.codec, options.settings);
  b = b.add(encoder, { ...props, ...options.encoderProps });
  if (options.encodedCaps) b = b.caps(options.encodedCaps);
  if (spec.parser) b = b.add(spec.parser, options.parserProps ?? {});
  if (options.statsProbe !== false) b = b.add('identity', { silent: false }, options.statsProbe ?? `${STATS_PROBE_PREFIX}0`);
  return b;
}

// 4:2:0 always: fed 4:4:4, x264enc makes High 4:4:4, which most players refuse.
function rawCaps(options: VideoBranchOptions): string {
  const fields = ['video/x-raw', 'format=I420'];
  if (options.width !== undefined) fields.push(`width=${options.width}`);
  if (options.height !== undefined) fields.push(`height=${options.height}`);
  const scaled = options.width !== undefined || options.height !== undefined;
  if (scaled && options.colorimetry !== undefined) fields.push(`colorimetry=${options.colorimetry}`);
  if (options.fps !== undefined) fields.push(`framerate=${fractionOf(options.fps)}`);
  return fields.join(',');
}

function hardwareProps(codec: VideoCodec, settings: EncodeSettings): Record<string, number> {
  const spec = CODECS[codec];
  return settings.bitrateKbps !== undefined ? { [spec.bitrateProperty]: encoderBitrate(spec, settings.bitrateKbps) } : {};
}

export { fractionOf };
