// A probe that does not decode. gst-discoverer-1.0 decodes a frame of each stream to reach PREROLL,
// which for video is most of its cost (more for big or HEVC frames). With the video decoders ranked
// NONE it stops at the parsed caps, which already carry everything a job plans from (size, rate,
// depth, chroma, duration), and reports each video stream's decoder as "missing". Those reports are
// then checked narrowly: a decoder for the stream's caps that `gst-inspect-1.0 --exists` finds.
// Anything not clearly explained that way is asked again with a full, decoding probe, so the
// refusals (unreadable input, missing decoder) are the discoverer's own.
import { exists } from '../inspect/inspect.js';
import type { DiscoverOutcome } from './schema.js';
import { VIDEO_DECODERS } from './no-decode-env.js';

const present = new Map<string, Promise<boolean>>();

// `gst-inspect-1.0 --exists NAME` (≈ 10 ms), asked once per element and plugin path in a process.
export function elementPresent(name: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const key = `${name}\n${env.GST_PLUGIN_PATH ?? ''}`;
  let answer = present.get(key);
  if (!answer) {
    answer = exists(name, undefined, { env }).then((s) => s === 'present');
    present.set(key, answer);
  }
  return answer;
}

/**
 * The no-decode outcome made final: "ok" when its only missing plugins are the ranked-down decoders of
 * its video streams and each has one installed; undefined when only a full probe can tell.
 */
export async function settleNoDecode(outcome: DiscoverOutcome, present: (element: string) => Promise<boolean>): Promise<DiscoverOutcome | undefined> {
  if (outcome.result !== 'missing-plugins') return outcome;
  const video = outcome.info?.video ?? [];
  // One report per video stream; more means something else is missing too (an audio decoder, a demuxer).
  if (video.length === 0 || outcome.missingPlugins.length !== video.length) return undefined;
  for (const stream of video) {
    const candidates = VIDEO_DECODERS[stream.codec];
    if (!candidates) return undefined;
    const found = await Promise.all(candidates.map(present));
    if (!found.includes(true)) return undefined;
  }
  return { ...outcome, result: 'ok', missingPlugins: [], info: { ...outcome.info!, missingPlugins: [] } };
}
