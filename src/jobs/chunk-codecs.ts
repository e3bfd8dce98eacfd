// The codecs a chunked encode writes. VP8 has no MP4 mapping in GStreamer (the chunks' container), and
// vp9enc in GStreamer 1.22 ends each encode 15-20 frames short at our quality settings (measured: a
// 6 s clip gives 165 of 180 frames): every join would lose frames, so both are refused with a reason.
import type { VideoCodec } from '../pipeline/codecs.js';

export const CHUNK_CODECS = ['h264', 'h265', 'av1'] as const satisfies readonly VideoCodec[];

export const NOT_CHUNKED: Partial<Record<VideoCodec, string>> = {
  vp8: 'VP8 chunks cannot be written as MP4, which keeps the exact timestamps the join needs',
  vp9: 'vp9enc (GStreamer 1.22) drops the last frames of every encode at this quality mode, which would leave a gap at every join',
};
