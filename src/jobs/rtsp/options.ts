// rtsp options: one schema for the CLI, the config file and the library (RTSPStreamPipeline).
import { z } from 'zod';
import { RTSP_BITRATE_KBPS } from './defaults.js';
import { graphOption } from '../graph-option.js';
import { streamEncodeFields } from '../stream-encode-schema.js';
import { resolveCodec } from '../../pipeline/codecs.js';
import { UsageError } from '../../errors.js';

/** Codecs with an RTP payloader (av1 has none in GStreamer 1.22). */
export const RTSP_CODECS = ['h264', 'h265', 'vp8', 'vp9'] as const;
export type RtspCodec = (typeof RTSP_CODECS)[number];
export const RTSP_AUDIO = ['auto', 'aac', 'opus', 'none'] as const;
export type RtspAudio = (typeof RTSP_AUDIO)[number];
export const RTSP_TRANSPORTS = ['udp-tcp', 'tcp'] as const;
export const AUTH_SCHEMES = ['basic', 'digest'] as const;
export const PUBLISH_SCHEMES = ['rtsp', 'rtsps', 'srt', 'rtmp', 'rtmps'] as const;

const codec = z.string().transform((value, ctx): RtspCodec => {
  const resolved = resolveCodec(value);
  if (!resolved || !(RTSP_CODECS as readonly string[]).includes(resolved)) {
    ctx.addIssue({ code: 'custom', message: `"${value}" cannot be streamed over RTP here (choose ${RTSP_CODECS.join(', ')})` });
    return z.NEVER;
  }
  return resolved as RtspCodec;
});

export const mountPathSchema = z.string().regex(/^\/[\w\-./]*$/, 'a mount path starts with "/" (letters, digits, - _ . /)');

/** What a mount may set for itself (config file); the rest comes from the server-wide options. */
const perMount = {
  codec: codec.optional(),
  bitrate: z.number().positive('must be above 0 (kbit/s)').max(1_000_000).optional(),
  scale: z.string().min(1).optional(),
  fps: z.number().positive().max(240).optional(),
  audio: z.enum(RTSP_AUDIO).optional(),
  loop: z.boolean().optional(),
};

export const mountSchema = z.object({ path: mountPathSchema, input: z.string().min(1, 'the input is empty'), ...perMount }).strict();
export const authUserSchema = z.object({
  user: z.string().min(1, 'the user name is empty').regex(/^[^:\s]+$/, 'a user name has no ":" or spaces'),
  pass: z.string().min(1, 'the password is empty'),
});

export const rtspOptionsSchema = z
  .object({
    mounts: z.array(mountSchema).min(1, 'give an input (lydlr-gst rtsp test) or --mount /path=INPUT'),
    host: z.string().min(1).default('127.0.0.1'),
    /** 0: any free port (the ready event says which). */
    port: z.int().min(0).max(65535).default(8554),
    ...streamEncodeFields({ codec: codec.default('h264'), bitrateKbps: { default: RTSP_BITRATE_KBPS, max: 1_000_000 }, fpsMax: 240, keyframeSeconds: { default: 1, max: 10 } }),
    audio: z.enum(RTSP_AUDIO).default('auto'),
    transport: z.enum(RTSP_TRANSPORTS).default('udp-tcp'),
    multicast: z.boolean().default(false),
    loop: z.boolean().default(false),
    auth: z.array(authUserSchema).default([]),
    authScheme: z.enum(AUTH_SCHEMES).default('basic'),
    /** Seconds between stats events; 0: none. */
    statsInterval: z.number().min(0).max(3600).default(5),
    /** Push to a media server instead of serving. */
    publish: z.string().min(1).optional(),
    /** --publish: reconnect attempts after a failure (default: no limit). */
    maxRetries: z.int().min(0).optional(),
    /** Record every served mount into this folder (the served stream itself: no second encode). */
    record: z.string().min(1, 'the folder is empty').optional(),
    /** A picture of the pipeline once it plays (--graph FILE.svg|.png|.dot). */
    graph: graphOption(),
  })
  .strict()
  .superRefine((o, ctx) => {
    const seen = new Set<string>();
    o.mounts.forEach((m, i) => {
      if (seen.has(m.path)) ctx.addIssue({ code: 'custom', message: `mount ${m.path} is given twice`, path: ['mounts', i, 'path'] });
      seen.add(m.path);
    });
    if (o.multicast && o.transport === 'tcp') ctx.addIssue({ code: 'custom', message: '--multicast needs UDP: drop --transport tcp', path: ['multicast'] });
    if (o.auth.length > 0 && new Set(o.auth.map((a) => a.user)).size !== o.auth.length) ctx.addIssue({ code: 'custom', message: 'a user is given twice', path: ['auth'] });
    if (o.publish !== undefined) checkPublish(o, ctx);
    if (o.record !== undefined) checkRecord(o, ctx);
  });

// --record: a client of our own server records what it serves; it needs the server (not --publish)
// and would have to put a password on gst-launch's command line, which ps shows to every user.
function checkRecord(o: { publish?: string | undefined; auth: unknown[] }, ctx: z.RefinementCtx): void {
  if (o.publish !== undefined) ctx.addIssue({ code: 'custom', message: 'records what the server serves, and --publish serves nothing: record the input with lydlr-gst record instead', path: ['record'] });
  if (o.auth.length > 0) ctx.addIssue({ code: 'custom', message: 'cannot log in to a server with --auth without showing the password in ps: drop --auth, or run lydlr-gst record rtsp://… with its own credentials', path: ['record'] });
}

// --publish: one input, a scheme we can push to, a codec that scheme's container carries.
function checkPublish(o: { publish?: string | undefined; mounts: unknown[]; codec: RtspCodec; audio: RtspAudio; auth: unknown[] }, ctx: z.RefinementCtx): void {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/./i.exec(o.publish ?? '')?.[1]?.toLowerCase();
  const issue = (message: string, path = 'publish') => ctx.addIssue({ code: 'custom', message, path: [path] });
  if (!scheme || !(PUBLISH_SCHEMES as readonly string[]).includes(scheme)) return issue(`must be an rtsp://, srt:// or rtmp:// URL, got "${o.publish}"`);
  if (o.mounts.length !== 1) issue('--publish pushes one input: give exactly one');
  if (o.auth.length > 0) issue('--auth protects our own server; to log in to the server you publish to, put user:pass@ in the URL', 'auth');
  if (scheme.startsWith('rtmp') && o.codec !== 'h264') issue('RTMP (FLV) carries H.264 only: use --codec h264', 'codec');
  if (scheme.startsWith('rtmp') && o.audio === 'opus') issue('RTMP (FLV) carries AAC audio, not Opus', 'audio');
  if (scheme === 'srt' && o.codec !== 'h264' && o.codec !== 'h265') issue('SRT sends MPEG-TS, which carries H.264 or H.265: use --codec h264', 'codec');
}

export type RtspOptionsInput = z.input<typeof rtspOptionsSchema>;
export type RtspOptions = z.output<typeof rtspOptionsSchema>;
export type MountOptions = z.output<typeof mountSchema>;
export type AuthUser = z.output<typeof authUserSchema>;

const FLAGS: Record<string, string> = {
  mounts: '--mount', keyframeInterval: '--keyframe-interval', authScheme: '--auth-scheme', statsInterval: '--stats-interval',
  maxRetries: '--max-retries', transport: '--transport',
};

// Validates and fills defaults; the first problem is a UsageError (exit 2) naming the flag.
export function parseRtspOptions(input: RtspOptionsInput, source = ''): RtspOptions {
  const parsed = rtspOptionsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const [head, index, field] = issue.path.map(String);
  const flag = FLAGS[head ?? ''] ?? (head ? `--${head.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : 'options');
  const where = head === 'mounts' && index !== undefined ? `${flag} ${input.mounts?.[Number(index)]?.path ?? `#${Number(index) + 1}`}${field ? ` (${field})` : ''}` : flag;
  const message = issue.code === 'unrecognized_keys' ? `unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : issue.message;
  throw new UsageError(`Invalid ${where}${source}: ${message}.`, { data: { flag, path: issue.path.map(String) } });
}

/** One mount with every setting resolved (its own, else the server's). */
export interface MountSettings {
  path: string;
  input: string;
  codec: RtspCodec;
  bitrate: number;
  preset: RtspOptions['preset'];
  scale: string | undefined;
  fps: number | undefined;
  keyframeInterval: number;
  audio: RtspAudio;
  loop: boolean;
}

export function mountSettings(options: RtspOptions, mount: MountOptions): MountSettings {
  return {
    path: mount.path,
    input: mount.input,
    codec: mount.codec ?? options.codec,
    bitrate: mount.bitrate ?? options.bitrate,
    preset: options.preset,
    scale: mount.scale ?? options.scale,
    fps: mount.fps ?? options.fps,
    keyframeInterval: options.keyframeInterval,
    audio: mount.audio ?? options.audio,
    loop: mount.loop ?? options.loop,
  };
}
