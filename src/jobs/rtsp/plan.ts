// One mount's settings + a probe of its input → what its pipeline must do (everything refusable
// is refused here, before the helper or gst-launch is started).
import { discover } from '../../gst/discover/discover.js';
import type { MediaInfo } from '../../gst/discover/schema.js';
import type { EncodeSettings } from '../../pipeline/codecs.js';
import type { AudioCodec } from '../../pipeline/containers.js';
import { parseInputSpec, type InputSpec } from '../../pipeline/sources.js';
import { UsageError } from '../../errors.js';
import { parseScale, resolveSize } from '../scale.js';
import { requireVideo } from '../video-input.js';
import type { MountSettings, RtspAudio, RtspCodec } from './options.js';
import { keptColorimetry } from '../../pipeline/colorimetry.js';

/** A test source's frame size and rate when none is asked for. */
export const TEST_SIZE = { width: 1280, height: 720 };
export const DEFAULT_FPS = 30;

export interface MountPlan {
  path: string;
  input: InputSpec;
  codec: RtspCodec;
  /** Rate control, speed, keyframe interval in frames; always low latency. */
  settings: EncodeSettings;
  /** Output size (either side may be left to the scaler). */
  width: number | undefined;
  height: number | undefined;
  /** The input's colorimetry (probed files and URIs), kept through a scale (pipeline/colorimetry.ts). */
  colorimetry?: string | undefined;
  /** Output frame rate when it is changed (videorate). */
  fps: number | undefined;
  audio: Extract<AudioCodec, 'aac' | 'opus'> | undefined;
  /** Restart at the end (seekable files only). */
  loop: boolean;
}

export type Probe = (input: InputSpec) => Promise<MediaInfo | undefined>;

// gst-discoverer for files and URIs; cameras and test sources need no probe.
export function probeWith(env: NodeJS.ProcessEnv): Probe {
  return async (input) => {
    if (input.kind === 'file') return discover(input.path, { env });
    if (input.kind === 'uri') return discover(input.uri, { env, timeoutSeconds: 10 });
    return undefined;
  };
}

export async function planMount(mount: MountSettings, probe: Probe): Promise<MountPlan> {
  const input = parseInputSpec(mount.input);
  if (input.kind === 'stdin') throw new UsageError(`${mount.path}: standard input cannot be served (the helper talks over stdin).`, { fix: 'Save the stream to a file, or pass its URI.' });
  const media = await probe(input);
  if (media) requireVideo(mount.input, media);
  const video = media?.video[0];
  const scale = mount.scale !== undefined ? parseScale(mount.scale) : undefined;
  const size = input.kind === 'test' ? (resolveSize(scale, TEST_SIZE) ?? TEST_SIZE) : video ? resolveSize(scale, video) : scale;
  const sourceFps = input.kind === 'test' ? DEFAULT_FPS : video && video.fps > 0 ? video.fps : undefined;
  const fps = mount.fps ?? sourceFps ?? DEFAULT_FPS;
  const loop = mount.loop && input.kind === 'file';
  if (loop && media && !media.seekable) throw new UsageError(`${mount.input} cannot be looped: it is not seekable.`, { data: { input: mount.input } });
  return {
    path: mount.path,
    input,
    codec: mount.codec,
    settings: { bitrateKbps: mount.bitrate, preset: mount.preset, keyframeInterval: Math.max(1, Math.round(fps * mount.keyframeInterval)), lowLatency: true },
    width: size?.width,
    height: size?.height,
    colorimetry: video && keptColorimetry(video),
    fps: input.kind === 'test' ? fps : mount.fps,
    audio: chooseAudio(mount, input, media),
    loop,
  };
}

// auto: the input's audio (files, URIs) in the codec that suits the video; test sources and cameras: none.
function chooseAudio(mount: MountSettings, input: InputSpec, media: MediaInfo | undefined): MountPlan['audio'] {
  if (mount.audio === 'none') return undefined;
  const preferred: 'aac' | 'opus' = mount.codec === 'vp8' || mount.codec === 'vp9' ? 'opus' : 'aac';
  const wanted = mount.audio === 'auto' ? preferred : mount.audio;
  switch (input.kind) {
    case 'test':
      return mount.audio === 'auto' ? undefined : wanted;
    case 'device':
      if (mount.audio !== 'auto') throw new UsageError(`${mount.input}: a camera input carries no audio here (--audio ${mount.audio}).`, { fix: 'Drop --audio, or use --audio none.' });
      return undefined;
    default:
      if ((media?.audio.length ?? 0) > 0) return wanted;
      if (mount.audio !== 'auto') throw noAudio(mount.input, mount.audio);
      return undefined;
  }
}

function noAudio(input: string, audio: RtspAudio): UsageError {
  return new UsageError(`${input} has no audio track (--audio ${audio}).`, { fix: 'Drop --audio, or use --audio none.', data: { input } });
}
