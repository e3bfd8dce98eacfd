// --encoder auto|software|NAME → the element that will encode; auto prefers working hardware.
import { CODECS, type VideoCodec } from '../pipeline/codecs.js';
import { exists } from '../gst/inspect/inspect.js';
import { missingElement } from '../gst/launch/failure.js';
import { runTool } from '../process/run-tool.js';

export interface EncoderChoice {
  element: string;
  hardware: boolean;
  /** Why this one (for the summary and --json). */
  reason: string;
}

export async function chooseEncoder(codec: VideoCodec, request: string, env: NodeJS.ProcessEnv): Promise<EncoderChoice> {
  const spec = CODECS[codec];
  if (request === 'software') return software(codec, env, 'asked for software');
  if (request !== 'auto') {
    if (!(await isPresent(request, env))) throw missingElement(request);
    return { element: request, hardware: spec.hardware.includes(request), reason: 'asked for by name' };
  }
  // Narrow questions, all at once, rather than the full plugin listing on every job's start.
  const present = await Promise.all(spec.hardware.map((h) => isPresent(h, env)));
  for (const candidate of spec.hardware.filter((_, i) => present[i])) {
    // Present is not enough: a VA/NV encoder registers without a usable device on some machines.
    if (await encodesOneFrame(candidate, env)) return { element: candidate, hardware: true, reason: 'hardware encoder found and working' };
  }
  return software(codec, env, 'no working hardware encoder');
}

async function software(codec: VideoCodec, env: NodeJS.ProcessEnv, reason: string): Promise<EncoderChoice> {
  const element = CODECS[codec].software;
  if (!(await isPresent(element, env))) throw missingElement(element);
  return { element, hardware: false, reason };
}

async function encodesOneFrame(element: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const argv = ['-q', 'videotestsrc', 'num-buffers=3', '!', 'video/x-raw,width=320,height=240', '!', 'videoconvert', '!', element, '!', 'fakesink'];
  const r = await runTool('gst-launch-1.0', argv, { env, timeoutMs: 10_000 }).done;
  return r.exitCode === 0;
}

// `gst-inspect-1.0 --exists NAME` (≈ 10 ms) rather than the full listing (50–110 ms, 80 kB to parse).
const isPresent = async (name: string, env: NodeJS.ProcessEnv): Promise<boolean> => (await exists(name, undefined, { env })) === 'present';
