// The codecs a chunked encode writes. VP8 has no MP4 mapping in GStreamer (the chunks' container), so it
// is refused with a reason. VP9 is frame-exact since vp9enc runs without lookahead (see vpxProps).
import type { VideoCodec } from '../pipeline/codecs.js';

export const CHUNK_CODECS = ['h264', 'h265', 'vp9', 'av1'] as const satisfies readonly VideoCodec[];

export const NOT_CHUNKED: Partial<Record<VideoCodec, string>> = {
  vp8: 'VP8 chunks cannot be written as MP4, which keeps the exact timestamps the join needs',
};
