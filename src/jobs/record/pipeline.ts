// The plan → one gst-launch pipeline: source → (parse | decode → encode) → splitmuxsink, and beside the
// video the first audio track (AAC parsed as it is, or decoded and encoded to AAC) into the same
// segments. splitmuxsink splits at the first keyframe after --segment (the audio is cut at the same
// running time) and finalizes each closed file on its own thread (async-finalize), with a muxer configured
// so that a crash loses at most about one second: fragmented MP4 (a moov first, then 1 s fragments,
// finalized on close), Matroska and MPEG-TS as they are.
import { join } from 'node:path';
import { PipelineBuilder } from '../../pipeline/builder.js';
import { caps, element, ref, type Chain } from '../../pipeline/nodes.js';
import { CODECS } from '../../pipeline/codecs.js';
import { AUDIO_CODEC_SPECS } from '../../pipeline/containers.js';
import { planInput } from '../../pipeline/sources.js';
import type { PropValue } from '../../pipeline/quote.js';
import { addVideoBranch } from '../video-branch.js';
import { AUDIO_BITRATE_KBPS, EXTENSIONS, type RecordAudio, type RecordPlan } from './plan.js';
import type { RecordFormat } from './choices.js';

export const SINK_NAME = 'rec';
/** Fragment length of fragmented MP4: what a crash can lose at most. */
export const MP4_FRAGMENT_MS = 1000;
/** The demuxing element (parsebin or decodebin) whose pads the video and audio branches start from. */
const INPUT = 'in';

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
  let b = new PipelineBuilder([]).chain(sourceSetup(plan));
  b = (plan.keptCodec ? keptBranch(b, plan, plan.keptCodec) : encodedBranch(b, plan)).queue().to(SINK_NAME, 'video');
  if (plan.audio) b = audioBranch(b, plan, plan.audio).queue().to(SINK_NAME, 'audio_0');
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
  return b.chain([element('splitmuxsink', props, SINK_NAME)]);
}

// A file or stream opened once, its pads taken by the branches: parsebin (compressed pads) when a codec
// is kept or AAC copied, decodebin otherwise; RTSP with a kept codec: urisourcebin's RTP pads themselves.
// Test sources have no shared head.
function sourceSetup(plan: RecordPlan): Chain {
  const input = plan.input;
  const demux = element(plan.parsed ? 'parsebin' : 'decodebin', {}, INPUT);
  switch (input.kind) {
    case 'file':
      return [element('filesrc', { location: input.path }), demux];
    case 'uri':
      return plan.rtpDepay ? [element('urisourcebin', { uri: input.uri }, INPUT)] : [element('urisourcebin', { uri: input.uri }), demux];
    case 'device':
      return [element('v4l2src', { device: input.device }), element('decodebin', {}, INPUT)];
    case 'test':
      return [];
    default:
      throw new Error(`no source element for ${input.kind}`);
  }
}

const pace = (plan: RecordPlan): Chain => (plan.realtime ? [element('clocksync')] : []);

// H.264/H.265 from a file or a stream: parsebin found the elementary stream; no decode, no encode.
function keptBranch(b: PipelineBuilder, plan: RecordPlan, codec: 'h264' | 'h265'): PipelineBuilder {
  const spec = CODECS[codec];
  // No caps filter before the depayloader: its own template takes only its codec's RTP pad (see RTP_AUDIO).
  const head: Chain = plan.rtpDepay ? [ref(INPUT), element(spec.depayloader!)] : [ref(INPUT), caps(spec.caps)];
  return b.chain([...head, element(spec.parser!, { 'config-interval': -1 }), ...pace(plan)]);
}

// urisourcebin's RTP audio pad, told apart by its media (the SDP's m= line) when its depayloader is not
// known. A caps filter on a delayed link is racy: rtspsrc adds its pads from two threads, and gst-launch
// (1.22) tries every delayed link on each pad-added with a capsfilter of its own linked to the target
// first; the other thread's attempt then finds the target taken and gives up for good — a stream never
// linked (the recorder kept no video, seen in its logs). A depayloader as the target needs no filter.
const RTP_AUDIO = 'application/x-rtp,media=audio';
const rtpAudioHead = (plan: RecordPlan): Chain => (plan.rtpAudioDepayloader ? [ref(INPUT), element(plan.rtpAudioDepayloader)] : [ref(INPUT), caps(RTP_AUDIO)]);

// Anything else (a test pattern, a camera, VP8, MPEG-2…): decoded, then H.264/H.265 with a keyframe a second.
function encodedBranch(b: PipelineBuilder, plan: RecordPlan): PipelineBuilder {
  const keyframeInterval = Math.max(1, Math.round(plan.fps));
  return addVideoBranch(b, [...decodedVideo(plan), ...pace(plan)], {
    codec: plan.codec,
    settings: { bitrateKbps: plan.bitrateKbps, preset: plan.preset, keyframeInterval, lowLatency: true },
    parserProps: { 'config-interval': -1 },
    statsProbe: false,
  });
}

function decodedVideo(plan: RecordPlan): Chain {
  if (plan.input.kind === 'test') return [...testInput(plan).video];
  // Through parsebin the video pad is picked by its compressed caps and decoded on its own.
  if (plan.parsed) return [ref(INPUT), caps(plan.videoCaps!), element('decodebin'), caps('video/x-raw')];
  return [ref(INPUT), caps('video/x-raw')];
}

// AAC copied: parsed (aacparse also turns ADTS into what mp4mux wants). Otherwise decoded (from
// parsebin's compressed pad, decodebin's raw one or the test tone) and encoded.
function audioBranch(b: PipelineBuilder, plan: RecordPlan, audio: RecordAudio): PipelineBuilder {
  const aac = AUDIO_CODEC_SPECS.aac;
  if (audio.copy) return b.chain([...compressedAudio(plan, audio), element(aac.parser!), ...pace(plan)]);
  return b
    .chain([...decodedAudio(plan, audio), ...pace(plan)])
    .queue()
    .add('audioconvert')
    .add('audioresample')
    .add(aac.encoder, { bitrate: AUDIO_BITRATE_KBPS * 1000 })
    .add(aac.parser!);
}

function decodedAudio(plan: RecordPlan, audio: RecordAudio): Chain {
  if (plan.input.kind === 'test') return [...testInput(plan).audio!];
  if (plan.rtpDepay) return [...rtpAudioHead(plan), element('decodebin'), caps('audio/x-raw')];
  if (plan.parsed) return [ref(INPUT), caps(audio.source.caps), element('decodebin'), caps('audio/x-raw')];
  return [ref(INPUT), caps('audio/x-raw')];
}

// The source's audio still compressed: parsebin's pad, or (RTSP) the RTP audio pad through its known
// depayloader, else through its own parsebin, which picks one (MPEG4-GENERIC or MP4A-LATM for AAC).
function compressedAudio(plan: RecordPlan, audio: RecordAudio): Chain {
  if (plan.rtpDepay && plan.rtpAudioDepayloader) return [ref(INPUT), element(plan.rtpAudioDepayloader), caps(audio.source.caps)];
  if (plan.rtpDepay) return [ref(INPUT), caps(RTP_AUDIO), element('parsebin'), caps(audio.source.caps)];
  return [ref(INPUT), caps(audio.source.caps)];
}

// The live test pattern and tone every job uses (one audio buffer per video frame).
function testInput(plan: RecordPlan) {
  return planInput(plan.input, { audio: true, live: true, fps: plan.fps, width: 1280, height: 720 });
}
