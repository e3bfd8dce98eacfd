// A planned compress job → its pipeline: input → video encode (+ audio copy/encode) → muxer → temp file.
import { PipelineBuilder } from '../../pipeline/builder.js';
import { caps, element, ref, type Chain } from '../../pipeline/nodes.js';
import { planInput, type InputSpec } from '../../pipeline/sources.js';
import { CONTAINER_SPECS, AUDIO_CODEC_SPECS } from '../../pipeline/containers.js';
import type { Container, EncodeSettings, VideoCodec } from '../../pipeline/codecs.js';
import { addVideoBranch } from '../video-branch.js';
import type { AudioPlan } from './audio-plan.js';
import type { DirectDecoder } from '../direct-decode.js';
import { subtitleBranch } from './subtitles.js';

export interface CompressPlan {
  input: InputSpec;
  /** Where gst-launch writes (a temporary name beside the target). */
  writeTo: string;
  container: Container;
  codec: VideoCodec;
  encoder: string;
  settings: EncodeSettings;
  audio: AudioPlan;
  /** Decoded audio tracks dropped before the kept ones, and how many are kept (--audio-track). */
  audioTracks?: { skip: number; keep: number } | undefined;
  /** Text subtitle tracks carried into the output (mkv). */
  subtitleTracks?: number | undefined;
  size?: { width: number; height: number } | undefined;
  /** The input's colorimetry, kept through a scale (pipeline/colorimetry.ts). */
  colorimetry?: string | undefined;
  fps?: number | undefined;
  /** Caps name of the input's compressed video (needed when audio is copied). */
  videoCaps?: string | undefined;
  /** Decode the parsed video with this element instead of decodebin (8-bit 4:2:0 H.264). */
  directDecoder?: DirectDecoder | undefined;
  /** The input's frames are stored turned (orientation tag): turn them upright. */
  autoOrient?: boolean | undefined;
  /** Test sources: length in seconds. */
  durationSeconds?: number | undefined;
}

export function buildCompressPipeline(plan: CompressPlan): PipelineBuilder {
  const spec = CONTAINER_SPECS[plan.container];
  const heads = inputHeads(plan);
  const direct = heads.decodedI420;
  let b = new PipelineBuilder().add(spec.muxer, {}, 'mux').add('filesink', { location: plan.writeTo });
  for (const chain of heads.setup) b = b.chain(chain);
  b = addVideoBranch(b, heads.video, {
    codec: plan.codec,
    encoder: plan.encoder,
    settings: plan.settings,
    width: plan.size?.width,
    height: plan.size?.height,
    colorimetry: plan.colorimetry,
    fps: plan.fps,
    autoOrient: plan.autoOrient,
    decodedI420: direct,
  });
  // Unlimited queues before the muxer: it waits for both streams, so a bounded one can deadlock.
  b = b.queue().to('mux', spec.videoPad);
  if (heads.audio) {
    const { skip, keep } = plan.audioTracks ?? { skip: 0, keep: 1 };
    // decodebin's audio pads link in track order to the waiting branches: the skipped ones end in fakesinks.
    for (let i = 0; i < skip; i++) b = b.chain([...heads.audio, element('fakesink', { sync: false, async: false })]);
    for (let i = 0; i < keep; i++) b = addAudioBranch(b, heads.audio, plan.audio).queue().to('mux', spec.audioPad);
  }
  for (let i = 0; i < (plan.subtitleTracks ?? 0); i++) b = b.chain(subtitleBranch(INPUT)).queue().to('mux', 'subtitle_%u');
  return b;
}

// Copying audio needs it still compressed: parsebin instead of decodebin, and a decoder for video only,
// the known one when the stream allows it (its frames are then I420 already).
const INPUT = 'in';

/** The input is parsed (parsebin: compressed pads), not decoded: audio copy from a file. */
export function readsParsed(plan: Pick<CompressPlan, 'audio' | 'input' | 'videoCaps'>): boolean {
  return plan.audio.mode === 'copy' && plan.input.kind === 'file' && plan.videoCaps !== undefined;
}

function inputHeads(plan: CompressPlan): { setup: Chain[]; video: Chain; audio: Chain | undefined; decodedI420?: boolean } {
  if (readsParsed(plan) && plan.input.kind === 'file' && plan.audio.mode === 'copy') {
    const decoder = plan.directDecoder;
    return {
      setup: [[element('filesrc', { location: plan.input.path }), element('parsebin', {}, INPUT)]],
      video: [ref(INPUT), caps(plan.videoCaps!), element(decoder?.element ?? 'decodebin')],
      audio: [ref(INPUT), caps(plan.audio.caps)],
      decodedI420: decoder !== undefined,
    };
  }
  const input = planInput(plan.input, {
    audio: plan.audio.mode !== 'none',
    durationSeconds: plan.durationSeconds,
    width: plan.input.kind === 'test' ? (plan.size?.width ?? 1280) : undefined,
    height: plan.input.kind === 'test' ? (plan.size?.height ?? 720) : undefined,
    fps: plan.input.kind === 'test' ? (plan.fps ?? 30) : undefined,
  });
  return input;
}

/** The audio of a track as compress writes it: copied, or decoded and encoded to the planned codec. */
export function addAudioBranch(b: PipelineBuilder, head: Chain, audio: AudioPlan): PipelineBuilder {
  if (audio.mode !== 'encode') return b.chain(head);
  const spec = AUDIO_CODEC_SPECS[audio.codec];
  // Opus only takes 48 kHz (and friends): resample; the others keep the source rate.
  const resampled = b.chain(head).queue({}).add('audioconvert').add('audioresample');
  const encoded = audio.codec === 'opus' ? resampled.caps('audio/x-raw,rate=48000').add(spec.encoder) : resampled.add(spec.encoder);
  return spec.parser && audio.codec !== 'opus' && audio.codec !== 'vorbis' ? encoded.add(spec.parser) : encoded;
}
