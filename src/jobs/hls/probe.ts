// What the input holds, before anything runs: gst-discoverer for files and URIs; known for test sources.
import { discover } from '../../gst/discover/discover.js';
import type { InputSpec } from '../../pipeline/sources.js';
import { requireVideo } from '../video-input.js';
import { displayedSize, orientationOf } from '../orientation.js';
import { keptColorimetry } from '../../pipeline/colorimetry.js';
import { TEST_SIZE, type InputFacts } from './plan.js';

const UNKNOWN: InputFacts = { width: undefined, height: undefined, fps: undefined, hasVideo: true, hasAudio: false, durationSeconds: undefined };

export async function probeInput(input: InputSpec, env: NodeJS.ProcessEnv): Promise<InputFacts> {
  switch (input.kind) {
    case 'test':
      return { ...TEST_SIZE, fps: 30, hasVideo: true, hasAudio: true, durationSeconds: undefined };
    case 'device':
    case 'stdin':
      // A camera may be busy and stdin cannot be read twice: size and rate are learnt while running.
      return UNKNOWN;
    case 'file':
    case 'uri': {
      // Audio by a light decoder (gst/discover/no-decode-env.ts): the playlists' CHANNELS come from the
      // encoder's negotiated caps, the probe's count is only their fallback.
      const info = await discover(input.kind === 'file' ? input.path : input.uri, { env, timeoutSeconds: input.live ? 15 : 10, lightAudio: true });
      requireVideo(input.kind === 'file' ? input.path : input.uri, info);
      const orientation = orientationOf(info);
      const video = info.video[0] && displayedSize(info.video[0], orientation);
      return {
        width: video?.width,
        height: video?.height,
        orientation,
        colorimetry: info.video[0] && keptColorimetry(info.video[0]),
        fps: video && !video.variableFrameRate ? video.fps : undefined,
        hasVideo: video !== undefined,
        hasAudio: info.audio.length > 0,
        durationSeconds: info.durationSeconds ?? undefined,
        tracks: { audio: info.audio.length, subtitles: info.subtitles.length },
        audioTracks: info.audio.map((a) => ({ language: a.language, channels: a.channels || undefined })),
      };
    }
  }
}
