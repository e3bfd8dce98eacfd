// The helper's first stdin line: the shared media, how each viewer branches from it, ICE settings
// and the per-viewer limits. Built from checked options, then checked once more as a whole, so the
// helper can take every value as it is.
import { z } from 'zod';
import { JobError } from '../../errors.js';
import type { HelperConfig } from './helper-protocol.js';
import { helperIceUrl } from './ice-servers.js';
import type { WebrtcMedia } from './media.js';
import type { WebrtcCodec, WebrtcOptions } from './options.js';
import type { WebrtcPlan } from './plan.js';

/** Payloaders: 1200-byte packets fit any path's MTU with SRTP and TURN overhead. */
export const PAYLOADERS: Record<WebrtcCodec | 'opus', string> = {
  vp8: 'rtpvp8pay picture-id-mode=15-bit mtu=1200',
  vp9: 'rtpvp9pay picture-id-mode=15-bit mtu=1200',
  h264: 'rtph264pay config-interval=-1 aggregate-mode=zero-latency mtu=1200',
  opus: 'rtpopuspay mtu=1200',
};

/** The per-viewer limits (see HelperConfig for what each one is). */
export const HELPER_LIMITS = {
  videoQueueBuffers: 30,
  audioQueueBuffers: 50,
  capsTimeoutMs: 5000,
  gatherTimeoutMs: 5000,
  connectTimeoutMs: 30_000,
  reapAfterMs: 4000,
  idleTimeoutMs: 10_000,
  keyframeOnConnect: true,
  keyframeMinIntervalMs: 500,
} as const;

const positive = (what: string) => z.int(`${what} must be a positive integer`).positive(`${what} must be a positive integer`);
const branch = (kind: string) =>
  z.strictObject({
    tee: z.string().min(1, `${kind}.tee must name a tee in the media description`),
    payloader: z.string().trim().min(1, `${kind}.payloader must be a gst-launch description`),
  });

const helperConfigSchema = z.strictObject({
  media: z.string().trim().min(1, 'media must be a gst-launch description ending in named tees'),
  video: branch('video'),
  audio: branch('audio').nullable(),
  stun: z.array(z.string().startsWith('stun://', 'stun URLs look like stun://host:port')),
  turn: z.array(z.string().regex(/^turns?:\/\//, 'turn URLs look like turn://user:pass@host:port')),
  icePorts: z
    .strictObject({ min: z.int(), max: z.int() })
    .refine((p) => p.min >= 1024 && p.min <= p.max && p.max <= 65535, 'icePorts must be {min, max} with 1024 <= min <= max <= 65535')
    .nullable(),
  statsIntervalMs: positive('statsIntervalMs'),
  videoQueueBuffers: positive('videoQueueBuffers'),
  audioQueueBuffers: positive('audioQueueBuffers'),
  capsTimeoutMs: positive('capsTimeoutMs'),
  gatherTimeoutMs: positive('gatherTimeoutMs'),
  connectTimeoutMs: positive('connectTimeoutMs'),
  reapAfterMs: positive('reapAfterMs'),
  idleTimeoutMs: positive('idleTimeoutMs'),
  keyframeOnConnect: z.boolean(),
  keyframeMinIntervalMs: positive('keyframeMinIntervalMs'),
  loop: z.boolean(),
}) satisfies z.ZodType<HelperConfig>;

export function helperConfig(options: WebrtcOptions, plan: WebrtcPlan, media: WebrtcMedia): HelperConfig {
  return checkHelperConfig({
    media: media.media,
    video: { tee: media.video.tee, payloader: PAYLOADERS[media.video.codec] },
    audio: media.audio ? { tee: media.audio.tee, payloader: PAYLOADERS.opus } : null,
    stun: options.stun.map(helperIceUrl),
    turn: options.turn.map(helperIceUrl),
    icePorts: options.icePorts ?? null,
    statsIntervalMs: Math.max(1, Math.round(options.statsInterval * 1000)),
    ...HELPER_LIMITS,
    loop: plan.loop,
  });
}

// A config that fails here is our bug, not the user's: a JobError naming the field.
export function checkHelperConfig(config: unknown): HelperConfig {
  const result = helperConfigSchema.safeParse(config);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? `config.${issue.path.join('.')}` : 'config';
  throw new JobError(`The WebRTC helper's config is wrong (${where}): ${issue.message}`, { data: { issues: result.error.issues } });
}
