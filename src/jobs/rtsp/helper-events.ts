// What the RTSP host (src/server/helper/rtsp_host.py) says on stdout, one JSON object a line.
import { z } from 'zod';

const peer = { address: z.string(), port: z.number().nullable().optional() };

export const helperEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), url: z.string(), mount: z.string(), port: z.number() }),
  z.object({ type: z.literal('client-connected'), ...peer }),
  z.object({ type: z.literal('client-disconnected'), ...peer }),
  z.object({ type: z.literal('media-eos'), mount: z.string() }),
  /** A mount's pipeline was (re)built: a first client, or one after the last had left or an error. */
  z.object({ type: z.literal('media-prepared'), mount: z.string() }),
  /** A mount's media pipeline reached PLAYING (once per media: the first viewer of a shared one). */
  z.object({ type: z.literal('media-playing'), mount: z.string() }),
  /** The answer to {"cmd":"graph"}: the media pipeline as dot text, or null with the reason. */
  z.object({ type: z.literal('graph'), mount: z.string(), dot: z.string().nullable(), message: z.string().optional() }),
  z.object({
    type: z.literal('error'),
    /** Start-up: bad-config, bad-launch, port-busy, bad-host, port-denied, listen-failed (exit 2). Later: media, loop-failed, bad-command. */
    code: z.string(),
    message: z.string(),
    mount: z.string().optional(),
    element: z.string().nullable().optional(),
    debug: z.string().nullable().optional(),
  }),
  z.object({
    type: z.literal('stats'),
    clients: z.number(),
    uptimeSeconds: z.number(),
    bytes: z.number(),
    mounts: z.record(z.string(), z.object({ bytes: z.number(), frames: z.number().optional() })),
  }),
]);

export type HelperEvent = z.infer<typeof helperEventSchema>;
export type HelperEventOf<T extends HelperEvent['type']> = Extract<HelperEvent, { type: T }>;

/** The host's first stdin line. */
export interface HelperConfig {
  host: string;
  port: number;
  /** recorded: rtsp --record keeps this mount (its SDP range then has no end, see rtsp_host.py). */
  mounts: { path: string; launch: string; shared: boolean; loop: boolean; record: boolean; recorded?: boolean }[];
  auth: { user: string; pass: string }[];
  authScheme: 'basic' | 'digest';
  protocols: 'udp-tcp' | 'tcp';
  multicast: boolean;
  statsIntervalMs: number;
}

/** Start-up failures the host reports before exiting 2. */
export const STARTUP_ERRORS = ['bad-config', 'bad-launch', 'port-busy', 'bad-host', 'port-denied', 'listen-failed'] as const;
