// The codecs a chunked encode writes. VP8 has no MP4 mapping in GStreamer (the chunks' container), and
// vp9enc in GStreamer 1.22 ends an encode 15-20 frames short when its bitrate cap is high, as in our
// quality mode (a 6 s clip gives 165 of 180 frames; 180 at --bitrate 1000): a join would lose frames,
// so both are refused with a reason.
import type { VideoCodec } from '../pipeline/codecs.js';

export const CHUNK_CODECS = ['h264', 'h265', 'av1'] as const satisfies readonly VideoCodec[];

export const NOT_CHUNKED: Partial<Record<VideoCodec, string>> = {
  vp8: 'VP8 chunks cannot be written as MP4, which keeps the exact timestamps the join needs',
  vp9: 'vp9enc (GStreamer 1.22) can end an encode short of its last frames (measured: 165 of 180 at the default quality), which would leave a gap at a join',
};
