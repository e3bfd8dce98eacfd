// The plan → one gst-launch pipeline: source → (parse | decode → encode) → splitmuxsink. splitmuxsink
// splits at the first keyframe after --segment and finalizes each closed file on its own thread
// (async-finalize), with a muxer configured so that a crash loses at most about one second:
// fragmented MP4 (a moov first, then 1 s fragments, finalized on close), Matroska and MPEG-TS as they are.
import { join } from 'node:path';
import { PipelineBuilder } from '../../pipeline/builder.js';
import { caps, element, type Chain } from '../../pipeline/nodes.js';
import { CODECS } from '../../pipeline/codecs.js';
import type { PropValue } from '../../pipeline/quote.js';
import { addVideoBranch } from '../video-branch.js';
import { EXTENSIONS, type RecordPlan } from './plan.js';
import type { RecordFormat } from './options.js';

export const SINK_NAME = 'rec';
/** Fragment length of fragmented MP4: what a crash can lose at most. */
export const MP4_FRAGMENT_MS = 1000;

const MUXERS: Record<RecordFormat, { factory: string; properties?: string }> = {
  mp4: { factory: 'mp4mux', properties: `properties,fragment-duration=(uint)${MP4_FRAGMENT_MS},fragment-mode=first-moov-then-finalise` },
  mkv: { factory: 'matroskamux' },
  ts: { factory: 'mpegtsmux' },
};

/** splitmuxsink's file pattern for one run: a hidden working name, renamed as soon as the file opens. */
export function workingPattern(plan: RecordPlan, run: number): string {
  return join(plan.outputDir.replace(/%/g, '%%'), `.recording-${process.pid}-${run}-%05d.${EXTENSIONS[plan.format]}`);
}

export function buildRecordPipeline(plan: RecordPlan, location: string): PipelineBuilder {
  let b = plan.keptCodec ? keptBranch(plan, plan.keptCodec) : encodedBranch(plan);
  const muxer = MUXERS[plan.format];
  const props: Record<string, PropValue | undefined> = {
    location,
    'async-finalize': true,
    'muxer-factory': muxer.factory,
    'muxer-properties': muxer.properties,
    'max-size-time': Math.round(plan.segmentSeconds * 1e9),
    'max-size-bytes': plan.maxSegmentBytes,
    // Closed segments stay until our retention deletes them (its own max-files would overwrite names).
    'max-files': 0,
  };
  return b.queue().add('splitmuxsink', props, SINK_NAME);
}

// H.264/H.265 from a file or a stream: parsebin finds the elementary stream; no decode, no encode.
function keptBranch(plan: RecordPlan, codec: 'h264' | 'h265'): PipelineBuilder {
  const spec = CODECS[codec];
  const chain: Chain = [
    ...sourceNodes(plan),
    element('parsebin'),
    caps(spec.caps),
    element(spec.parser!, { 'config-interval': -1 }),
    ...(plan.realtime ? [element('clocksync')] : []),
  ];
  return new PipelineBuilder([]).chain(chain);
}

// Anything else (a test pattern, a camera, VP8, MPEG-2…): decoded, then H.264/H.265 with a keyframe a second.
function encodedBranch(plan: RecordPlan): PipelineBuilder {
  const head: Chain =
    plan.input.kind === 'test'
      ? [element('videotestsrc', { pattern: plan.input.pattern, 'is-live': true }), caps(`video/x-raw,width=1280,height=720,framerate=${plan.fps}/1`)]
      : [...sourceNodes(plan), element('decodebin'), caps('video/x-raw'), ...(plan.realtime ? [element('clocksync')] : [])];
  const keyframeInterval = Math.max(1, Math.round(plan.fps));
  return addVideoBranch(new PipelineBuilder([]), head, {
    codec: plan.codec,
    settings: { bitrateKbps: plan.bitrateKbps, preset: plan.preset, keyframeInterval, lowLatency: true },
    parserProps: { 'config-interval': -1 },
    statsProbe: false,
  });
}

function sourceNodes(plan: RecordPlan): Chain {
  const input = plan.input;
  switch (input.kind) {
    case 'file':
      return [element('filesrc', { location: input.path })];
    case 'uri':
      return [element('urisourcebin', { uri: input.uri })];
    case 'device':
      return [element('v4l2src', { device: input.device })];
    default:
      throw new Error(`no source element for ${input.kind}`);
  }
}
