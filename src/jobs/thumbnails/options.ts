// The thumbnails job's options: one zod schema for the CLI, the REST body and the library.
import { z } from 'zod';
import { parseJobOptions } from '../validate.js';
import { graphOption } from '../graph-option.js';
import { THUMBNAIL_FORMATS } from './formats.js';

const grid = z
  .string()
  .regex(/^[1-9]\d*x[1-9]\d*$/i)
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
    /**
     * Sprite sheets plus a WebVTT index: COLUMNSxROWS tiles a sheet (more sheets when there are more), or
     * true for sheets `columns` wide whose rows follow from the count.
     */
    // `--sprite talk.mp4` reads the input as the grid (commander takes the word after a flag whose value
    // is optional), so the message says where the input goes.
    sprite: z.union([grid, z.boolean()], { error: 'must be COLUMNSxROWS (e.g. 10x10), or nothing and --columns N; put the input before --sprite' }).optional(),
    /** Tiles per sheet row with `sprite: true` (alone it means sprite sheets too). */
    columns: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).positive({ error: 'must be above 0' }).max(1000).optional(),
    overwrite: z.boolean().default(false),
    /** A picture of the decode pass as it ran (--graph FILE.svg|.png|.dot). */
    graph: graphOption(),
  })
  .superRefine((o, ctx) => {
    if (o.every !== undefined && o.count !== undefined) ctx.addIssue({ code: 'custom', path: ['count'], message: 'cannot be combined with --every: give one' });
    if (o.columns !== undefined && typeof o.sprite === 'object') ctx.addIssue({ code: 'custom', path: ['columns'], message: 'cannot be combined with --sprite COLSxROWS: give --sprite --columns N or --sprite COLSxROWS' });
    if (o.columns !== undefined && o.sprite === false) ctx.addIssue({ code: 'custom', path: ['columns'], message: 'lays out sprite sheets, and sprite is false' });
  });

export type ThumbnailsOptionsInput = z.input<typeof thumbnailsOptionsSchema>;
export type ThumbnailsOptions = z.output<typeof thumbnailsOptionsSchema>;

export function parseThumbnailsOptions(input: ThumbnailsOptionsInput | Record<string, unknown>): ThumbnailsOptions {
  return parseJobOptions(thumbnailsOptionsSchema, input);
}
