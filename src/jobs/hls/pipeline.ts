// The plan → one gst-launch pipeline: decode once; per rendition scale → I420 → encoder (regular GOPs of one
// segment) → parser → hlssink2 (or mp4mux into the fMP4 packager's pipe) in its own folder; AAC encoded once and shared by every rendition, or (audio
// renditions) each audio track encoded into its own audio-only sink after the video ones.
import { join } from 'node:path';
import { PipelineBuilder } from '../../pipeline/builder.js';
import { caps, element, ref, type Chain } from '../../pipeline/nodes.js';
import { planInput } from '../../pipeline/sources.js';
import type { EncodeSettings } from '../../pipeline/codecs.js';
import type { PropValue } from '../../pipeline/quote.js';
import { AUDIO_CODEC_SPECS } from '../../pipeline/containers.js';
import { addVideoBranch, fractionOf } from '../video-branch.js';
import { STATS_PROBE_PREFIX } from '../../gst/launch/stats.js';
import type { HlsPlan } from './plan.js';
import { HLS_VIDEO_CODECS } from './video-codecs.js';

/** Where one rendition's hlssink2 writes (for this run of the pipeline). */
export interface SinkTarget {
  dir: string;
  /** File name pattern of segments (seg%05d.ts). */
  segmentPattern: string;
  /** hlssink2's working playlist (a hidden name; we publish the real one). */
  workingPlaylist: string;
}

export const sinkName = (index: number): string => `hls${index}`;
export const muxName = (index: number): string => `mux${index}`;

// Sink `index` of the TS format. Audio renditions always get hlssink2: hlssink closes a segment only at a key
// unit it asked the video encoder for, so an audio-only stream would stay one segment to the end.
function sinkElement(plan: HlsPlan, index: number): 'hlssink' | 'hlssink2' {
  return index >= plan.renditions.length ? 'hlssink2' : plan.sink;
}

// Where a rendition's video and audio go: hlssink2's own pads, or the muxer in front of hlssink or the fMP4 pipe.
function inputPad(plan: HlsPlan, index: number, kind: 'video' | 'audio'): [string, string | undefined] {
  return plan.format === 'ts' && sinkElement(plan, index) === 'hlssink2' ? [sinkName(index), kind] : [muxName(index), undefined];
}

export function buildHlsPipeline(plan: HlsPlan, sinks: SinkTarget[]): PipelineBuilder {
  const size = plan.inputSize ?? { width: undefined, height: undefined };
  const input = planInput(plan.input, {
    audio: plan.audio !== undefined || plan.audioGroup !== undefined,
    live: plan.live,
    durationSeconds: plan.testDurationSeconds,
    ...(plan.input.kind === 'test' ? { width: size.width, height: size.height, fps: plan.fps } : {}),
  });
  let b = input.setup.reduce<PipelineBuilder>((acc, chain) => acc.chain(chain), new PipelineBuilder([]));
  const many = plan.renditions.length > 1;

  // Decoded video, made regular once for every rendition: real-time pacing, fixed rate, 4:2:0.
  const common: Chain = [
    ...input.video,
    ...(plan.realtime ? [element('clocksync')] : []),
    ...(plan.forceFps ? [element('videorate'), caps(`video/x-raw,framerate=${fractionOf(plan.fps)}`)] : []),
    ...(plan.autoOrient ? [element('videoflip', { 'video-direction': 'auto' })] : []),
  ];
  const head: Chain = many ? [ref('vt')] : common;
  if (many) b = b.chain(common).queue({}).add('videoconvert').caps('video/x-raw,format=I420').tee('vt');

  const video = HLS_VIDEO_CODECS[plan.codec];
  plan.renditions.forEach((r, i) => {
    b = addVideoBranch(b, head, {
      codec: plan.codec,
      settings: encodeSettings(plan, r.bitrateKbps, r.encoderThreads),
      width: r.width,
      height: r.height,
      colorimetry: plan.colorimetry,
      encodedCaps: video.encodedCaps,
      encoderProps: gopProps(plan, r.bitrateKbps),
      parserProps: video.parserProps,
      statsProbe: i === 0 ? `${STATS_PROBE_PREFIX}0` : false,
      // Behind the tee the frames are I420 already: a 3-frame queue per rendition, not 10 MB of raw frames each.
      decodedI420: many,
    });
    if (plan.format === 'fmp4') b = b.caps(video.fmp4Caps);
    b = b.queue().to(...inputPad(plan, i, 'video'));
  });

  if (plan.audio) {
    // decodebin's audio pads link in track order to the waiting branches: the skipped ones end in fakesinks.
    for (let i = 0; i < plan.audio.skip; i++) b = b.chain([...(input.audio ?? []), element('fakesink', { sync: false, async: false })]);
    b = addAacBranch(b, plan, input.audio ?? [], plan.audio.bitrateKbps);
    if (many) {
      b = b.tee('at');
      plan.renditions.forEach((_, i) => {
        b = b.from('at').queue().to(...inputPad(plan, i, 'audio'));
      });
    } else {
      b = b.queue().to(...inputPad(plan, 0, 'audio'));
    }
  }

  // One branch per track, linked in track order like the skipped ones above; sink V+k is audio rendition k.
  const firstAudio = plan.renditions.length;
  plan.audioGroup?.renditions.forEach((_, k) => {
    b = addAacBranch(b, plan, input.audio ?? [], plan.audioGroup!.bitrateKbps).queue().to(...inputPad(plan, firstAudio + k, 'audio'));
  });

  let splitmuxsinks = 0;
  sinks.forEach((sink, i) => {
    if (plan.format === 'fmp4') {
      b = b.chain(fmp4Sink(plan, i));
      return;
    }
    b = sinkElement(plan, i) === 'hlssink2'
      ? b.chain([element('hlssink2', hlssink2Props(plan, sink, splitmuxsinks++), sinkName(i))])
      : b.chain([element('mpegtsmux', {}, muxName(i)), element('hlssink', hlssinkProps(plan, sink), sinkName(i))]);
  });
  return b;
}

// Decoded audio (one decodebin pad) → AAC, mono or stereo, paced like the video when the output is live.
function addAacBranch(b: PipelineBuilder, plan: HlsPlan, head: Chain, bitrateKbps: number): PipelineBuilder {
  const aac = AUDIO_CODEC_SPECS.aac;
  return b
    .chain(head)
    .nodes(plan.realtime ? [element('clocksync')] : [])
    .queue()
    .add('audioconvert')
    .add('audioresample')
    .caps('audio/x-raw,channels=[1,2]')
    .add(aac.encoder, { bitrate: Math.round(bitrateKbps * 1000) })
    .add(aac.parser!);
}

/** The pipe fd a rendition's fMP4 stream is written to (gst-launch gets fds 3, 4, … as extra pipes). */
export const fmp4Fd = (index: number): number => 3 + index;

// fMP4: mp4mux writes ftyp+moov once, then a moof+mdat per track every fragment-duration, into a pipe that
// the packager reads (streamable: no seeking back, so no index at the start).
function fmp4Sink(plan: HlsPlan, index: number): Chain {
  return [element('mp4mux', { 'fragment-duration': plan.fragmentMs!, streamable: true }, muxName(index)), element('fdsink', { fd: fmp4Fd(index), sync: false })];
}

// The encoder for HLS: a keyframe every segment exactly, no scene-cut keyframes (GOPs stay regular, so
// segments split on time and renditions align; video-codecs.ts), 4:2:0; live keeps the VBV and zero latency
// so the first segment closes on time, VOD is plain ABR like ffmpeg -b:v.
export function encodeSettings(plan: HlsPlan, bitrateKbps: number, threads?: number): EncodeSettings {
  return { bitrateKbps, preset: plan.preset, keyframeInterval: plan.keyframeInterval, lowLatency: plan.live, threads };
}

export function gopProps(plan: HlsPlan, bitrateKbps: number): Record<string, PropValue> {
  return HLS_VIDEO_CODECS[plan.codec].gopProps({ ...encodeSettings(plan, bitrateKbps), keyframeInterval: plan.keyframeInterval });
}

// VOD: hlssink2 splits at the encoder's regular keyframes (its keyframe requests race the encoder's lookahead:
// stray 4-frame segments, even stalls at 1.5 s). It can only close a segment once the next GOP is complete,
// so a live first playlist would come at 2 × the segment duration.
function hlssink2Props(plan: HlsPlan, sink: SinkTarget, splitmuxsink: number): Record<string, PropValue> {
  const props: Record<string, PropValue> = {
    ...commonSinkProps(plan, sink),
    'send-keyframe-requests': false,
  };
  // hlssink2's target-duration is whole seconds; a fractional one is set on its splitmuxsink child,
  // which gst-launch names splitmuxsink<N> in the order the hlssink2 elements are created: N counts the
  // hlssink2 sinks only (live, the video ones are hlssink and the audio ones hlssink2).
  if (!Number.isInteger(plan.segmentDuration)) props[`splitmuxsink${splitmuxsink}::max-size-time`] = Math.round(plan.segmentDuration * 1e9);
  return props;
}

// Live: hlssink asks the (zero-latency) encoder for a keyframe every segment and closes the segment the
// moment it arrives, so the first playlist comes one segment duration after the start.
function hlssinkProps(plan: HlsPlan, sink: SinkTarget): Record<string, PropValue> {
  return commonSinkProps(plan, sink);
}

function commonSinkProps(plan: HlsPlan, sink: SinkTarget): Record<string, PropValue> {
  return {
    location: join(escapePercent(sink.dir), sink.segmentPattern),
    'playlist-location': sink.workingPlaylist,
    'target-duration': Math.max(1, Math.ceil(plan.segmentDuration)),
    // We delete old segments ourselves (a looped input restarts the sink); its list only has to outlast one read.
    'max-files': 0,
    'playlist-length': plan.live && plan.playlistLength > 0 ? Math.max(10, plan.playlistLength) : 0,
  };
}

// hlssink2 formats `location` with printf: a % in the folder name must be doubled.
function escapePercent(path: string): string {
  return path.replace(/%/g, '%%');
}
