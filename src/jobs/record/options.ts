// The record job's options: one zod schema for the CLI, the REST body and the library.
import { z } from 'zod';
import { SPEED_PRESETS } from '../../pipeline/codecs.js';
import { parseJobOptions } from '../validate.js';
import { graphOption } from '../graph-option.js';
import { RECORD_CODECS, RECORD_FORMATS, DEFAULT_NAME } from './choices.js';

const positive = () => z.number({ error: 'must be a number' }).finite().positive({ error: 'must be above 0' });

export const recordOptionsSchema = z
  .object({
    input: z.string().min(1, { error: 'the input is empty' }),
    outputDir: z.string({ error: 'is required' }).min(1, { error: 'is required' }),
    /** Seconds per segment; segments close at the first keyframe after it. */
    segment: positive().default(60),
    maxSegmentSize: positive().optional(),
    format: z.enum(RECORD_FORMATS, { error: `must be one of ${RECORD_FORMATS.join(', ')}` }).default('mp4'),
    name: z
      .string()
      .min(1)
      .refine((n) => !n.split('/').some((part) => part === '..' || part.startsWith('.')), { error: 'must stay inside --output-dir (no "..", no hidden names)' })
      .default(DEFAULT_NAME),
    localTime: z.boolean().default(false),
    /** Seconds: closed segments older than this are deleted. */
    keep: positive().optional(),
    maxFiles: z.number().int({ error: 'must be a whole number' }).positive({ error: 'must be above 0' }).optional(),
    maxTotalSize: positive().optional(),
    duration: positive().optional(),
    /** Used only when the source is not already H.264/H.265. */
    codec: z.enum(RECORD_CODECS, { error: 'must be h264 or h265' }).default('h264'),
    bitrate: positive().optional(),
    /** Keep the source's first audio track (AAC: copied; else encoded to AAC). */
    audio: z.boolean().default(true),
    preset: z.enum(SPEED_PRESETS, { error: `must be one of ${SPEED_PRESETS.join(', ')}` }).default('veryfast'),
    /** A picture of the pipeline as it ran (--graph FILE.svg|.png|.dot). */
    graph: graphOption(),
  })
  .superRefine((o, ctx) => {
    if (o.maxSegmentSize !== undefined && o.maxTotalSize !== undefined && o.maxTotalSize < o.maxSegmentSize) {
      ctx.addIssue({ code: 'custom', path: ['maxTotalSize'], message: 'is smaller than --max-segment-size: every closed segment would be deleted at once' });
    }
  });

export type RecordOptionsInput = z.input<typeof recordOptionsSchema>;
export type RecordOptions = z.output<typeof recordOptionsSchema>;

export function parseRecordOptions(input: RecordOptionsInput | Record<string, unknown>): RecordOptions {
  return parseJobOptions(recordOptionsSchema, input);
}
