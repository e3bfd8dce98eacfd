// The job record the API answers with, as a zod schema (for the OpenAPI document and the tests).
import { z } from 'zod';
import { gstEventSchema, type GstEventType } from '../gst/launch/events.js';

/** A job kind: one per POST route (compression, hls, rtsp, webrtc, deepstream-inference, test-pipeline, and any registered job's). */
export type JobKindName = string;

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'stopped'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const FINAL_STATES: readonly JobState[] = ['succeeded', 'failed', 'stopped'];

type EventVariant<T extends GstEventType> = Extract<(typeof gstEventSchema.options)[number], { shape: { type: z.ZodLiteral<T> } }>;
// One variant of the event union (its progress and stats records are the job's).
function variant<T extends GstEventType>(type: T): EventVariant<T> {
  return gstEventSchema.options.find((o) => o.shape.type.value === type) as EventVariant<T>;
}

export const progressSchema = variant('progress').omit({ type: true, atMs: true });
export const statsSchema = variant('stats').omit({ type: true, atMs: true });

/** A command's error, as in its --json result (name, message, fix and its structured fields). */
export const errorSchema = z.looseObject({ name: z.string(), message: z.string(), fix: z.string().optional() });

/** A command's --json result record (the last NDJSON line): type "result", ok, command, and its fields. */
export const resultRecordSchema = z.looseObject({
  type: z.literal('result'),
  ok: z.boolean(),
  command: z.string(),
  exitCode: z.number().optional(),
  error: errorSchema.optional(),
});

export const jobSchema = z.object({
  id: z.string(),
  kind: z.string().describe('the job kind: the POST route that started it (compression, hls, rtsp…)'),
  state: z.enum(JOB_STATES),
  /** The CLI command the job runs, copy-pasteable (passwords and tokens masked). */
  command: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  pid: z.number().nullable(),
  /** The latest progress event (percent only when the duration is known). */
  progress: progressSchema.nullable(),
  stats: statsSchema,
  /** Every URL or playlist the job published (ready events), in order. */
  urls: z.array(z.string()),
  /** The ready events themselves (rtsp: one per mount; webrtc: page and whep; hls: playlist). */
  ready: z.array(z.record(z.string(), z.unknown())),
  /** The command's --json result record, once it has ended. */
  result: resultRecordSchema.nullable(),
  error: errorSchema.nullable(),
  exitCode: z.number().nullable(),
  links: z.object({ self: z.string(), events: z.string() }),
});

export type JobRecord = z.output<typeof jobSchema>;

export const jobListSchema = z.object({ jobs: z.array(jobSchema), counts: z.record(z.string(), z.number()) });
