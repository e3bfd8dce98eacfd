// Options + the probed input → what the shared encode will be (size, rate, audio, loop).
// Everything that can be refused is refused here, before the helper is spawned.
import { parseInputSpec, type InputSpec } from '../../pipeline/sources.js';
import type { EncodeSettings } from '../../pipeline/codecs.js';
import { discover } from '../../gst/discover/discover.js';
import type { MediaInfo } from '../../gst/discover/schema.js';
import { UsageError } from '../../errors.js';
import { parseScale, resolveSize } from '../scale.js';
import { checkAskedEncode, encoderLimits } from '../encoder-limits.js';
import { WEBRTC_BITRATE_KBPS } from './defaults.js';
import { CODECS } from '../../pipeline/codecs.js';
import { requireVideo } from '../video-input.js';
import type { WebrtcCodec, WebrtcOptions } from './options.js';

export interface WebrtcPlan {
  input: InputSpec;
  codec: WebrtcCodec;
  settings: EncodeSettings;
  /** Output frame size; undefined keeps the input's. */
  size: { width: number; height: number } | undefined;
  /** Output frame rate when it is set (test sources, --fps); undefined keeps the input's. */
  fps: number | undefined;
  audio: boolean;
  loop: boolean;
  /** What the probe found (files and URIs). */
  media: MediaInfo | undefined;
}

const TEST_SIZE = { width: 1280, height: 720 };

export async function planWebrtc(options: WebrtcOptions, env: NodeJS.ProcessEnv): Promise<WebrtcPlan> {
  const input = parseInputSpec(options.input, { live: true });
  const loopable = input.kind === 'file' || (input.kind === 'uri' && !input.live);
  if (options.loop && !loopable) throw new UsageError(`--loop applies to files: ${options.input} has no end to loop from.`, { data: { input: options.input } });
  const media = await probe(input, env);
  if (media) requireVideo(options.input, media);
  if (options.loop && media && !media.seekable) throw new UsageError(`--loop: ${options.input} cannot seek back to its start.`, { data: { input: options.input } });
  const scale = options.scale !== undefined ? parseScale(options.scale) : undefined;
  const test = input.kind === 'test';
  const size = test ? resolveSize(scale, TEST_SIZE) ?? TEST_SIZE : resolveSize(scale, media?.video[0]);
  const fps = options.fps ?? (test ? 30 : undefined);
  const asked = { size: scale && size, fps: options.fps, bitrateKbps: options.bitrate === WEBRTC_BITRATE_KBPS ? undefined : options.bitrate };
  await checkAskedEncode(asked, () => encoderLimits(options.codec, CODECS[options.codec].software, env), { size: `--scale ${options.scale}` });
  const frameRate = fps ?? (media?.video[0]?.fps || 30);
  return {
    input,
    codec: options.codec,
    settings: {
      bitrateKbps: options.bitrate,
      preset: options.preset,
      keyframeInterval: Math.max(1, Math.round(options.keyframeInterval * frameRate)),
      lowLatency: true,
    },
    size,
    fps,
    audio: options.audio && (test || (media?.audio.length ?? 0) > 0),
    loop: options.loop,
    media,
  };
}

async function probe(input: InputSpec, env: NodeJS.ProcessEnv): Promise<MediaInfo | undefined> {
  if (input.kind === 'file') return discover(input.path, { env });
  if (input.kind === 'uri') return discover(input.uri, { env });
  return undefined;
}
