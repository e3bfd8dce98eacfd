// webrtc options: one schema for the CLI and the library (WebRTCPipeline).
import { z } from 'zod';
import { graphOption } from '../graph-option.js';
import { streamEncodeFields } from '../stream-encode-schema.js';
import { WEBRTC_BITRATE_KBPS } from './defaults.js';
import { resolveCodec } from '../../pipeline/codecs.js';
import { parseJobOptions, toFlag } from '../validate.js';
import { parseIceUrl, type IceServer } from './ice-servers.js';

/** What every browser decodes over WebRTC (H.264 as constrained baseline). */
export const WEBRTC_CODECS = ['vp8', 'vp9', 'h264'] as const;
export type WebrtcCodec = (typeof WEBRTC_CODECS)[number];

const codec = z.string().transform((value, ctx): WebrtcCodec => {
  const resolved = resolveCodec(value);
  if (!resolved || !(WEBRTC_CODECS as readonly string[]).includes(resolved)) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a WebRTC video codec browsers decode (choose ${WEBRTC_CODECS.join(', ')})` });
    return z.NEVER;
  }
  return resolved as WebrtcCodec;
});

function iceUrl(kinds: IceServer['kind'][], example: string) {
  return z.string().transform((value, ctx): IceServer => {
    const parsed = parseIceUrl(value);
    if (typeof parsed === 'string' || !kinds.includes(parsed.kind)) {
      ctx.addIssue({ code: 'custom', message: typeof parsed === 'string' ? parsed : `"${value}" is not a ${example} URL` });
      return z.NEVER;
    }
    return parsed;
  });
}

// "40000-40100" or {min, max}: the UDP ports ICE may use (firewalls, port forwards).
const icePorts = z
  .preprocess(
    (value) => {
      const m = typeof value === 'string' ? /^(\d+)-(\d+)$/.exec(value.trim()) : null;
      return m ? { min: Number(m[1]), max: Number(m[2]) } : value;
    },
    z.object({ min: z.int(), max: z.int() }, { error: 'must be MIN-MAX, e.g. 40000-40100' }),
  )
  .refine((p) => p.min >= 1024 && p.min <= p.max && p.max <= 65535, 'must be a range within 1024-65535, low to high');

export const webrtcOptionsSchema = z
  .object({
    input: z.string().min(1, 'give an input: test, a file, /dev/videoN or rtsp://…'),
    host: z.string().min(1).default('127.0.0.1'),
    /** 0: any free port (the ready event says which). */
    port: z.int().min(0).max(65535).default(8080),
    // A joining viewer gets a keyframe at once anyway; the interval is for the regular ones.
    ...streamEncodeFields({ codec: codec.default('vp8'), bitrateKbps: { default: WEBRTC_BITRATE_KBPS, max: 100_000 }, fpsMax: 120, keyframeSeconds: { default: 2, max: 60 } }),
    /** Opus audio when the input has audio. */
    audio: z.boolean().default(true),
    loop: z.boolean().default(false),
    stun: z.array(iceUrl(['stun'], 'stun://host:port')).default([]),
    turn: z.array(iceUrl(['turn', 'turns'], 'turn://user:pass@host:port')).default([]),
    /** The address viewers can reach, announced beside the host candidates (1:1 NAT, containers). */
    iceHost: z.union([z.ipv4(), z.ipv6()], { error: 'must be an IP address' }).optional(),
    icePorts: icePorts.optional(),
    maxViewers: z.int().positive().max(10_000).optional(),
    /** Viewers must send Authorization: Bearer <token>. */
    token: z.string().regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces').optional(),
    /** Access-Control-Allow-Origin for WHEP (pages on other origins may play). */
    corsOrigin: z.string().min(1).default('*'),
    /** Seconds between stats events. */
    statsInterval: z.number().min(0.5).max(3600).default(5),
    /** A picture of the shared media pipeline once it plays (--graph FILE.svg|.png|.dot). */
    graph: graphOption(),
  })
  .strict();

export type WebrtcOptionsInput = z.input<typeof webrtcOptionsSchema>;
export type WebrtcOptions = z.output<typeof webrtcOptionsSchema>;

const FLAGS: Record<string, string> = { audio: '--no-audio', corsOrigin: '--cors-origin' };

/** The viewer token from the environment, where ps cannot show it. */
export const TOKEN_ENV = 'LYDLR_WEBRTC_TOKEN';

// Validates and fills defaults; the first problem is a UsageError (exit 2) naming the flag.
export function parseWebrtcOptions(input: WebrtcOptionsInput): WebrtcOptions {
  return parseJobOptions(webrtcOptionsSchema, input, (field) => FLAGS[field.split('.')[0]!] ?? toFlag(field));
}
