// The encode options the streaming servers (rtsp, webrtc) share, as zod fields: the same names and
// checks, each server with its own codecs, defaults and limits.
import { z } from 'zod';
import { SPEED_PRESETS } from '../pipeline/codecs.js';

export interface StreamEncodeLimits<C extends z.ZodType> {
  codec: C;
  bitrateKbps: { default: number; max: number };
  fpsMax: number;
  keyframeSeconds: { default: number; max: number };
}

export function streamEncodeFields<C extends z.ZodType>(l: StreamEncodeLimits<C>) {
  return {
    codec: l.codec,
    /** Video kbit/s. */
    bitrate: z.number().positive('must be above 0 (kbit/s)').max(l.bitrateKbps.max).default(l.bitrateKbps.default),
    preset: z.enum(SPEED_PRESETS).default('veryfast'),
    scale: z.string().min(1).optional(),
    fps: z.number().positive().max(l.fpsMax).optional(),
    /** Seconds between keyframes: how long a joining viewer may wait for its first picture. */
    keyframeInterval: z.number().min(0.1).max(l.keyframeSeconds.max).default(l.keyframeSeconds.default),
  };
}
