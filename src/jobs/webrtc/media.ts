// The plan → the helper's shared media: one decode, one encode, ending in the tees every viewer
// branches from ("vt" video, "at" audio). Non-live inputs are paced to the clock (clocksync),
// since nothing downstream of the tees syncs.
import { PipelineBuilder } from '../../pipeline/builder.js';
import { element, type Chain } from '../../pipeline/nodes.js';
import { planInput } from '../../pipeline/sources.js';
import { addVideoBranch } from '../video-branch.js';
import type { WebrtcPlan } from './plan.js';
import type { WebrtcCodec } from './options.js';
import { keptColorimetry } from '../../pipeline/colorimetry.js';

export const VIDEO_TEE = 'vt';
export const AUDIO_TEE = 'at';
export const OPUS_BITRATE = 64_000;

/** Constrained baseline, so every browser decodes it (no B-frames with tune=zerolatency). */
export const H264_WEBRTC_CAPS = 'video/x-h264,profile=constrained-baseline';

export interface WebrtcMedia {
  /** gst-launch description of the shared part. */
  media: string;
  video: { tee: string; codec: WebrtcCodec };
  audio: { tee: string; codec: 'opus' } | null;
  /** Every element factory the media uses (doctor-style checks). */
  factories: string[];
  /** The media as a builder (ending in the tees), for previews. */
  builder: PipelineBuilder;
}

export function buildWebrtcMedia(plan: WebrtcPlan): WebrtcMedia {
  const test = plan.input.kind === 'test';
  const input = planInput(plan.input, {
    audio: plan.audio,
    live: true,
    ...(test ? { width: plan.size?.width, height: plan.size?.height, fps: plan.fps } : {}),
  });
  const paced = (head: Chain): Chain => (plan.input.live ? head : [...head, element('clocksync')]);
  let b = input.setup.reduce((acc, chain) => acc.chain(chain), new PipelineBuilder());
  b = addVideoBranch(b, paced(input.video), {
    codec: plan.codec,
    settings: plan.settings,
    width: test ? undefined : plan.size?.width,
    height: test ? undefined : plan.size?.height,
    colorimetry: plan.media?.video[0] && keptColorimetry(plan.media.video[0]),
    fps: test ? undefined : plan.fps,
    encodedCaps: plan.codec === 'h264' ? H264_WEBRTC_CAPS : undefined,
    statsProbe: false,
  }).tee(VIDEO_TEE);
  if (input.audio) {
    b = b
      .chain(paced(input.audio))
      .queue({})
      .add('audioconvert')
      .add('audioresample')
      .caps('audio/x-raw,rate=48000,channels=2')
      .add('opusenc', { bitrate: OPUS_BITRATE })
      .tee(AUDIO_TEE);
  }
  return {
    media: b.build(),
    video: { tee: VIDEO_TEE, codec: plan.codec },
    audio: input.audio ? { tee: AUDIO_TEE, codec: 'opus' } : null,
    factories: b.factories(),
    builder: b,
  };
}
