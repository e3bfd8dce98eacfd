// record's fixed choices, apart from its zod schema (options.ts) so the command table and --help
// can name them without loading zod.
export const RECORD_FORMATS = ['mp4', 'mkv', 'ts'] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];
export const RECORD_CODECS = ['h264', 'h265'] as const;
export const DEFAULT_NAME = '%Y-%m-%d_%H-%M-%S_%i';
