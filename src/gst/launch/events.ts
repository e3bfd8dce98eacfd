// The typed events of a pipeline run: one variant per thing gst-launch tells us.
import { z } from 'zod';

const base = { atMs: z.number().optional() };

export const gstEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state-changed'), element: z.string(), isPipeline: z.boolean(), oldState: z.string(), newState: z.string(), pendingState: z.string(), ...base }),
  z.object({ type: z.literal('stream-start'), element: z.string(), ...base }),
  z.object({ type: z.literal('async-done'), element: z.string(), ...base }),
  z.object({ type: z.literal('new-clock'), clock: z.string(), ...base }),
  z.object({
    type: z.literal('progress'),
    positionSeconds: z.number(),
    durationSeconds: z.number().optional(),
    percent: z.number().optional(),
    speed: z.number().optional(),
    etaSeconds: z.number().optional(),
    ...base,
  }),
  z.object({
    type: z.literal('warning'),
    element: z.string().optional(),
    elementPath: z.string().optional(),
    message: z.string(),
    debug: z.string().optional(),
    ...base,
  }),
  z.object({
    type: z.literal('error'),
    /** runtime: posted on the bus; no-element / syntax / link: the description did not parse. */
    kind: z.enum(['runtime', 'no-element', 'syntax', 'link', 'other']),
    element: z.string().optional(),
    elementPath: z.string().optional(),
    message: z.string(),
    debug: z.string().optional(),
    ...base,
  }),
  z.object({ type: z.literal('eos'), ...base }),
  z.object({ type: z.literal('interrupt'), ...base }),
  z.object({ type: z.literal('element'), element: z.string(), name: z.string(), fields: z.string(), ...base }),
  z.object({ type: z.literal('qos'), element: z.string(), details: z.string(), ...base }),
  z.object({ type: z.literal('latency'), element: z.string(), ...base }),
  z.object({ type: z.literal('buffering'), element: z.string(), percent: z.number(), ...base }),
  z.object({ type: z.literal('tag'), element: z.string(), tags: z.string(), ...base }),
  z.object({ type: z.literal('caps'), elementPath: z.string(), element: z.string(), pad: z.string(), caps: z.string(), ...base }),
  z.object({ type: z.literal('buffer'), element: z.string(), bytes: z.number(), ptsSeconds: z.number().optional(), dtsSeconds: z.number().optional(), ...base }),
  /** The end of the stream passed an identity probe (silent=false): no more buffers will come through it. */
  z.object({ type: z.literal('stream-end'), element: z.string(), ...base }),
  z.object({ type: z.literal('ended'), executionSeconds: z.number(), ...base }),
  z.object({
    type: z.literal('stats'),
    frames: z.number().nullable(),
    bytes: z.number().nullable(),
    errors: z.number(),
    warnings: z.number(),
    uptimeSeconds: z.number(),
    ...base,
  }),
]);

export type GstEvent = z.infer<typeof gstEventSchema>;
export type GstEventType = GstEvent['type'];
export type EventOf<T extends GstEventType> = Extract<GstEvent, { type: T }>;
export type RunStats = Omit<EventOf<'stats'>, 'type' | 'atMs'>;
