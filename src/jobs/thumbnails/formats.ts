// thumbnails' image formats, apart from its zod schema (options.ts) so the command table and
// --help can name them without loading zod.
export const THUMBNAIL_FORMATS = ['jpg', 'png', 'webp'] as const;
