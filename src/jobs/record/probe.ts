// What the source carries: gst-discoverer for files and URIs; test patterns and cameras are raw video.
import { discover } from '../../gst/discover/discover.js';
import type { InputSpec } from '../../pipeline/sources.js';
import type { SourceFacts } from './plan.js';

export async function probeSource(input: InputSpec, env: NodeJS.ProcessEnv): Promise<SourceFacts> {
  if (input.kind !== 'file' && input.kind !== 'uri') return { videoCodec: undefined, fps: undefined };
  const info = await discover(input.kind === 'file' ? input.path : input.uri, { env, timeoutSeconds: input.live ? 15 : 10 });
  const video = info.video[0];
  return { videoCodec: video?.codecName, fps: video && !video.variableFrameRate ? video.fps : undefined };
}
