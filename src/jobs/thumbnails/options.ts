// The thumbnails job's options: one zod schema for the CLI, the REST body and the library.
import { z } from 'zod';
import { parseJobOptions } from '../validate.js';
import { graphOption } from '../graph-option.js';

export const THUMBNAIL_FORMATS = ['jpg', 'png', 'webp'] as const;

const grid = z
  .string()
  .regex(/^[1-9]\d*x[1-9]\d*$/i, { error: 'must be COLUMNSxROWS, e.g. 10x10' })
  .transform((g) => {
    const [columns, rows] = g.toLowerCase().split('x').map(Number) as [number, number];
    return { columns, rows };
  });

export const thumbnailsOptionsSchema = z
  .object({
    input: z.string().min(1, { error: 'the input is empty' }),
    outputDir: z.string({ error: 'is required' }).min(1, { error: 'is required' }),
    /** Seconds between thumbnails. */
    every: z.number({ error: 'must be a number' }).finite().positive({ error: 'must be above 0' }).optional(),
    /** This many thumbnails, evenly spread over the whole duration. */
    count: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).positive({ error: 'must be above 0' }).max(10000).optional(),
    width: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(16).max(4096).default(160),
    format: z.enum(THUMBNAIL_FORMATS, { error: `must be one of ${THUMBNAIL_FORMATS.join(', ')}` }).default('jpg'),
    /** Sprite sheets of COLUMNSxROWS thumbnails (more sheets when there are more) plus a WebVTT index. */
    sprite: grid.optional(),
    overwrite: z.boolean().default(false),
    /** A picture of the decode pass as it ran (--graph FILE.svg|.png|.dot). */
    graph: graphOption(),
  })
  .superRefine((o, ctx) => {
    if (o.every !== undefined && o.count !== undefined) ctx.addIssue({ code: 'custom', path: ['count'], message: 'cannot be combined with --every: give one' });
  });

export type ThumbnailsOptionsInput = z.input<typeof thumbnailsOptionsSchema>;
export type ThumbnailsOptions = z.output<typeof thumbnailsOptionsSchema>;

export function parseThumbnailsOptions(input: ThumbnailsOptionsInput | Record<string, unknown>): ThumbnailsOptions {
  return parseJobOptions(thumbnailsOptionsSchema, input);
}
