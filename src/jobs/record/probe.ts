// What the source carries: gst-discoverer for files and URIs; test patterns and cameras are raw video.
import { discover } from '../../gst/discover/discover.js';
import type { AudioStream } from '../../gst/discover/schema.js';
import type { InputSpec } from '../../pipeline/sources.js';
import type { SourceAudio, SourceFacts } from './plan.js';

export async function probeSource(input: InputSpec, env: NodeJS.ProcessEnv): Promise<SourceFacts> {
  if (input.kind !== 'file' && input.kind !== 'uri') return { videoCodec: undefined, fps: undefined };
  const info = await discover(input.kind === 'file' ? input.path : input.uri, { env, timeoutSeconds: input.live ? 15 : 10 });
  const video = info.video[0];
  const audio = info.audio[0];
  return { videoCodec: video?.codecName, fps: video && !video.variableFrameRate ? video.fps : undefined, videoCaps: video?.codec, audio: audio && sourceAudio(audio) };
}

// AAC (MPEG-2 or -4) and MP3/MP2 are all audio/mpeg: the caps carry the version that picks the right one.
export function sourceAudio(a: Pick<AudioStream, 'codec' | 'codecName'>): SourceAudio {
  if (a.codecName === 'aac') return { codecName: 'aac', caps: 'audio/mpeg,mpegversion=(int){2,4}' };
  if (a.codec === 'audio/mpeg') return { codecName: a.codecName, caps: 'audio/mpeg,mpegversion=1' };
  return { codecName: a.codecName, caps: a.codec };
}
