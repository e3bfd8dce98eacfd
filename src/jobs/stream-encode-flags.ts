// The encode flags the streaming servers (rtsp, webrtc) share: the same names and meanings, each
// server with its own codecs and defaults.
import { SPEED_PRESETS } from '../pipeline/codecs.js';
import { positiveNumber, type FlagSpec } from './flags.js';

export interface StreamEncodeFlags {
  codec?: string;
  bitrate?: number;
  preset?: string;
  scale?: string;
  fps?: number;
  keyframeInterval?: number;
}

export interface StreamEncodeDefaults {
  /** e.g. `h264 | h265 | vp8 | vp9 (default h264)` */
  codecHelp: string;
  codecDefault?: string;
  bitrateKbps: number;
  keyframeSeconds: number;
  /** Whether -p means --preset (webrtc's -p is its port). */
  presetShort: boolean;
}

export function streamEncodeFlags(d: StreamEncodeDefaults): FlagSpec[] {
  return [
    { flags: '-c, --codec <codec>', help: d.codecHelp, ...(d.codecDefault ? { default: d.codecDefault } : {}) },
    { flags: '-b, --bitrate <kbps>', help: `video bitrate in kbit/s (default ${d.bitrateKbps})`, parse: positiveNumber('--bitrate') },
    { flags: `${d.presetShort ? '-p, ' : ''}--preset <preset>`, help: 'encoder speed (default veryfast)', choices: SPEED_PRESETS },
    { flags: '-s, --scale <size>', help: 'WxH, 1280x, x720 or 720p (aspect kept when one side is given)' },
    { flags: '--fps <n>', help: 'output frame rate', parse: positiveNumber('--fps') },
    {
      flags: '--keyframe-interval <seconds>',
      help: `seconds between keyframes: how long a new viewer may wait for a picture (default ${d.keyframeSeconds})`,
      parse: positiveNumber('--keyframe-interval'),
    },
  ];
}
