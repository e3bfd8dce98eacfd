// The snapshot job's options: one zod schema for the CLI, the REST body and the library.
import { z } from 'zod';
import { parseJobOptions } from '../validate.js';

const size = () => z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(16, { error: 'must be at least 16' }).max(8192, { error: 'must be at most 8192' });

export const snapshotOptionsSchema = z.object({
  input: z.string().min(1, { error: 'the input is empty' }),
  output: z.string({ error: 'is required' }).min(1, { error: 'is required' }),
  /** Seconds into a file; absent: its first frame (or a live source's next frame). */
  at: z.number({ error: 'must be a number' }).finite().min(0, { error: 'must be 0 or more' }).optional(),
  /** Take the keyframe at or before `at` (one frame decoded) instead of the exact frame at it. */
  fast: z.boolean().default(false),
  width: size().optional(),
  height: size().optional(),
  overwrite: z.boolean().default(false),
  /** Seconds a live source may take to deliver a picture. */
  timeout: z.number({ error: 'must be a number' }).positive({ error: 'must be above 0' }).default(20),
});

export type SnapshotOptionsInput = z.input<typeof snapshotOptionsSchema>;
export type SnapshotOptions = z.output<typeof snapshotOptionsSchema>;

export function parseSnapshotOptions(input: SnapshotOptionsInput | Record<string, unknown>): SnapshotOptions {
  return parseJobOptions(snapshotOptionsSchema, input);
}
