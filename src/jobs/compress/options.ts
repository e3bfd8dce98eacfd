// compress options: one schema for the CLI, the library and the REST API.
import { z } from 'zod';
import { graphOption } from '../graph-option.js';
import { CONTAINERS, SPEED_PRESETS, VIDEO_CODECS, resolveCodec, type VideoCodec } from '../../pipeline/codecs.js';

import { AUDIO_MODES } from './audio-modes.js';
export { AUDIO_MODES, type AudioMode } from './audio-modes.js';

const codec = z
  .string()
  .transform((value, ctx): VideoCodec => {
    const resolved = resolveCodec(value);
    if (!resolved) {
      ctx.addIssue({ code: 'custom', message: `unknown codec "${value}" (choose ${VIDEO_CODECS.join(', ')}; x264 = h264)` });
      return z.NEVER;
    }
    return resolved;
  });

export const compressOptionsSchema = z
  .object({
    inputs: z.array(z.string().min(1)).min(1, 'give at least one input'),
    output: z.string().min(1).optional(),
    outputDir: z.string().min(1).optional(),
    container: z.enum(CONTAINERS).optional(),
    codec: codec.default('h264'),
    level: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').optional(),
    bitrate: z.number().positive('must be above 0 (kbit/s)').optional(),
    preset: z.enum(SPEED_PRESETS).optional(),
    scale: z.string().optional(),
    fps: z.number().positive().max(240).optional(),
    audio: z.enum(AUDIO_MODES).default('auto'),
    audioTrack: z.union([z.literal('all'), z.coerce.number().int().min(1, 'is a track number from 1, or all')]).optional(),
    encoder: z.string().min(1).default('auto'),
    jobs: z.number().int().positive().max(64).optional(),
    duration: z.number().positive().optional(),
    overwrite: z.boolean().default(false),
    dryRun: z.boolean().default(false),
    graph: graphOption(),
  })
  .refine((o) => !(o.level !== undefined && o.bitrate !== undefined), { message: '--level and --bitrate exclude each other: pick one', path: ['bitrate'] })
  .refine((o) => o.outputDir !== undefined || o.inputs.length <= 1, { message: 'several inputs need --output-dir DIR', path: ['outputDir'] })
  .refine((o) => o.outputDir === undefined || o.output === undefined, { message: 'give an output file or --output-dir, not both', path: ['outputDir'] })
  .refine((o) => o.graph === undefined || o.outputDir === undefined, { message: '--graph draws one pipeline: give one input and an output file, not --output-dir', path: ['graph'] })
  .refine((o) => o.outputDir !== undefined || o.output !== undefined, { message: 'give an output file (lydlr-gst compress in.mp4 out.mp4) or --output-dir DIR', path: ['output'] });

export type CompressOptionsInput = z.input<typeof compressOptionsSchema>;
export type CompressOptions = z.output<typeof compressOptionsSchema>;
