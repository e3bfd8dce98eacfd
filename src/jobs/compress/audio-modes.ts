// What --audio accepts (a plain list: the CLI's flags load no zod).
export const AUDIO_MODES = ['auto', 'copy', 'aac', 'opus', 'vorbis', 'mp3', 'none'] as const;
export type AudioMode = (typeof AUDIO_MODES)[number];
