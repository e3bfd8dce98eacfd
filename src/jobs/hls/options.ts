// The hls job's options: one zod schema for the CLI and the library, with messages that name the flag.
import { z } from 'zod';
import { SPEED_PRESETS, resolveCodec } from '../../pipeline/codecs.js';
import { parseJobOptions } from '../validate.js';
import { graphOption } from '../graph-option.js';
import { HLS_CODECS, HLS_VIDEO_CODECS, type HlsCodec } from './video-codecs.js';

const isHlsCodec = (codec: string): codec is HlsCodec => (HLS_CODECS as readonly string[]).includes(codec);

export { HLS_CODECS, type HlsCodec } from './video-codecs.js';
export const HLS_FORMATS = ['ts', 'fmp4'] as const;
/** LL-HLS parts shorter than this cost more in requests than they save in latency. */
export const MIN_PART_SECONDS = 0.2;

const positive = () => z.number({ error: 'must be a number' }).finite().positive({ error: 'must be above 0' });
const count = () => z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(0, { error: 'must be 0 or more' });

export const hlsOptionsSchema = z
  .object({
    input: z.string().min(1, { error: 'the input is empty' }),
    outputDir: z.string({ error: 'is required' }).min(1, { error: 'is required' }),
    playlistName: z
      .string()
      .regex(/^[^/\\]+\.m3u8$/, { error: 'must be a file name ending in .m3u8 (no folders)' })
      .default('playlist.m3u8'),
    segmentDuration: positive().max(60, { error: 'must be 60 s or less' }).default(2),
    /** undefined: live for live inputs (test, rtsp://, /dev/video*), VOD for files. */
    live: z.boolean().optional(),
    loop: z.boolean().default(false),
    playlistLength: count().default(5),
    /** undefined: playlist length + 2 (a player may still fetch a segment that just left the window). */
    maxFiles: count().optional(),
    ladder: z.string().optional(),
    codec: z
      .string()
      .transform((c, ctx) => {
        const codec = resolveCodec(c);
        if (codec !== undefined && isHlsCodec(codec)) return codec;
        ctx.addIssue({ code: 'custom', message: `"${c}" cannot go into HLS segments here (use h264 or h265; vp9 or av1 with --format fmp4)` });
        return z.NEVER;
      })
      .default('h264'),
    /** Video kbit/s (single rendition); the ladder items carry their own. */
    bitrate: positive().optional(),
    preset: z.enum(SPEED_PRESETS, { error: `must be one of ${SPEED_PRESETS.join(', ')}` }).optional(),
    scale: z.string().optional(),
    audio: z.boolean().default(true),
    audioTrack: z.union([z.literal('all'), z.coerce.number().int().min(1, 'is a track number from 1')]).optional(),
    audioBitrate: positive().max(512, { error: 'is in kbit/s, 512 at most' }).default(128),
    /** Stop after this many seconds (live), or the length of a test source. */
    duration: positive().optional(),
    serve: z.number().int().min(0).max(65535).optional(),
    host: z.string().min(1).default('127.0.0.1'),
    overwrite: z.boolean().default(false),
    /** ts: MPEG-TS segments; fmp4: an init segment and fragmented-MP4 (.m4s) segments, #EXT-X-VERSION:7. */
    format: z.enum(HLS_FORMATS, { error: `must be one of ${HLS_FORMATS.join(', ')}` }).default('ts'),
    /** LL-HLS: parts, preload hints, blocking playlist reloads and delta updates (live fmp4). */
    lowLatency: z.boolean().default(false),
    partDuration: positive().min(MIN_PART_SECONDS, { error: `must be ${MIN_PART_SECONDS} s or more` }).default(0.5),
    /** A picture of the pipeline as it ran (--graph FILE.svg|.png|.dot). */
    graph: graphOption(),
  })
  .superRefine((o, ctx) => {
    if (o.ladder !== undefined && o.scale !== undefined) ctx.addIssue({ code: 'custom', message: '--scale and --ladder do not go together: each ladder item sets its own size' });
    if (o.ladder !== undefined && o.bitrate !== undefined) ctx.addIssue({ code: 'custom', message: '--bitrate and --ladder do not go together: give bitrates per item (720p@2500)' });
    if (o.loop && o.live === false) ctx.addIssue({ code: 'custom', message: '--loop needs live output (drop --no-live)' });
    if (!HLS_VIDEO_CODECS[o.codec].formats.includes(o.format)) {
      ctx.addIssue({ code: 'custom', message: `--codec ${o.codec} needs --format fmp4: MPEG-TS segments carry H.264 or H.265 here (add --format fmp4, or use --codec h264)` });
    }
    if (o.lowLatency && o.format !== 'fmp4') ctx.addIssue({ code: 'custom', message: '--low-latency needs --format fmp4 (LL-HLS parts are fragmented MP4)' });
    if (o.lowLatency && o.live === false) ctx.addIssue({ code: 'custom', message: '--low-latency is for live output (drop --no-live)' });
    if (o.lowLatency && o.partDuration >= (o.segmentDuration ?? 2)) ctx.addIssue({ code: 'custom', message: `--part-duration ${o.partDuration} must be shorter than --segment-duration ${o.segmentDuration ?? 2}` });
    const window = o.playlistLength;
    if (o.maxFiles !== undefined && o.maxFiles > 0 && (window === 0 || o.maxFiles < window)) {
      ctx.addIssue({ code: 'custom', message: `--max-files ${o.maxFiles} would delete segments the playlist still lists (--playlist-length ${window === 0 ? '0 keeps all' : window})` });
    }
  });

export type HlsOptionsInput = z.input<typeof hlsOptionsSchema>;
export type HlsOptions = z.output<typeof hlsOptionsSchema>;

// Validates options; the first problem becomes a usage error (exit 2).
export function parseHlsOptions(input: HlsOptionsInput | Record<string, unknown>): HlsOptions {
  return parseJobOptions(hlsOptionsSchema, input);
}

// The number of segment files kept on disk in live mode.
export function effectiveMaxFiles(o: Pick<HlsOptions, 'maxFiles' | 'playlistLength'>): number {
  if (o.maxFiles !== undefined) return o.maxFiles;
  return o.playlistLength === 0 ? 0 : o.playlistLength + 2;
}
