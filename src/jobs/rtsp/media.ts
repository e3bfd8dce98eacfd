// A mount's pipeline, built with the builder and the codec tables: the source, one low-latency
// encode, then either RTP payloaders (served by gst-rtsp-server) or a sink (--publish).
import { PipelineBuilder, UNLIMITED_QUEUE } from '../../pipeline/builder.js';
import { CODECS } from '../../pipeline/codecs.js';
import { AUDIO_CODEC_SPECS } from '../../pipeline/containers.js';
import { element, type PipelineNode } from '../../pipeline/nodes.js';
import type { PropValue } from '../../pipeline/quote.js';
import { planInput } from '../../pipeline/sources.js';
import { addVideoBranch } from '../video-branch.js';
import type { MountPlan } from './plan.js';

export const VIDEO_PT = 96;
export const AUDIO_PT = 97;
const AUDIO_BITRATE: Record<'aac' | 'opus', number> = { aac: 128_000, opus: 96_000 };

export interface StreamTails {
  /** Nodes after the video parser (a payloader, or a link into a muxer or sink). */
  video: PipelineNode[];
  /** Nodes after the audio encoder and parser. */
  audio: PipelineNode[];
  /** Chains that must come first (a muxer and its sink). */
  before?: PipelineNode[][];
  /** Video parser properties (headers before every keyframe for MPEG-TS). */
  parserProps?: Record<string, PropValue>;
}

// Source → encode (video, and audio when planned) → the given tails.
export function buildStreams(plan: MountPlan, tails: StreamTails): PipelineBuilder {
  const test = plan.input.kind === 'test';
  const input = planInput(plan.input, {
    audio: plan.audio !== undefined,
    live: true,
    ...(test ? { width: plan.width, height: plan.height, fps: plan.fps } : {}),
  });
  let b = new PipelineBuilder([]);
  for (const chain of [...(tails.before ?? []), ...input.setup]) b = b.chain(chain);
  b = addVideoBranch(b, input.video, {
    codec: plan.codec,
    settings: plan.settings,
    width: test ? undefined : plan.width,
    height: test ? undefined : plan.height,
    colorimetry: plan.colorimetry,
    fps: test ? undefined : plan.fps,
    statsProbe: false,
    parserProps: tails.parserProps,
  }).nodes(tails.video);
  if (plan.audio && input.audio) {
    const spec = AUDIO_CODEC_SPECS[plan.audio];
    b = b.chain(input.audio).queue({}).add('audioconvert').add('audioresample').add(spec.encoder, { bitrate: AUDIO_BITRATE[plan.audio] });
    if (spec.parser && plan.audio === 'aac') b = b.add(spec.parser);
    b = b.nodes(tails.audio);
  }
  return b;
}

// The launch description gst-rtsp-server's factory takes: payloaders pay0 (video) and pay1 (audio), in a bin.
export function mountLaunch(plan: MountPlan): string {
  return `( ${mountPipeline(plan).build()} )`;
}

// A mount's media up to its payloaders pay0 (video) and pay1 (audio).
export function mountPipeline(plan: MountPlan): PipelineBuilder {
  const videoPay = CODECS[plan.codec].payloader!;
  // config-interval=-1: parameter sets with every keyframe, so a client joining late can start at once.
  const headers = plan.codec === 'h264' || plan.codec === 'h265' ? { 'config-interval': -1 } : {};
  const audioPay = plan.audio ? AUDIO_CODEC_SPECS[plan.audio].payloader! : undefined;
  return buildStreams(plan, {
    video: [element(videoPay, { pt: VIDEO_PT, ...headers }, 'pay0')],
    audio: audioPay ? [element(audioPay, { pt: AUDIO_PT }, 'pay1')] : [],
  });
}

/** Unlimited queues before a muxer, so audio and video cannot starve each other. */
export const MUX_QUEUE = element('queue', UNLIMITED_QUEUE);
