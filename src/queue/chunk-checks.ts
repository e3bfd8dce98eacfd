// What `queue add --chunk` refuses before anything is queued (exit 2), each with the reason and the way
// out: jobs other than compress, codecs and flags whose chunks could not be joined frame for frame,
// inputs that are not files, and videos the split cannot cut at keyframes without decoding.
import { UsageError } from '../errors.js';
import type { MediaInfo } from '../gst/discover/schema.js';
import { CHUNK_CODECS, NOT_CHUNKED } from '../jobs/chunk-codecs.js';
import { orientationOf } from '../jobs/orientation.js';
import { chunkFormat } from '../jobs/chunk-work.js';
import type { VideoCodec } from '../pipeline/codecs.js';

/** Video the split's QuickTime chunks can hold (qtmux's sink caps) and parsebin marks keyframes in. */
const SPLITTABLE = new Set(['video/x-h264', 'video/x-h265', 'video/x-vp8', 'video/x-vp9', 'video/x-av1', 'video/mpeg', 'video/x-divx', 'video/x-h263', 'image/jpeg', 'video/x-prores', 'video/x-dv']);

const DROP_CHUNK = 'or queue it without --chunk (one worker encodes the whole file)';

/** Codecs whose frames may come out of order (B-frames): splitting them needs each frame's decode time. */
const REORDERED = new Set(['video/x-h264', 'video/x-h265', 'video/mpeg', 'video/x-divx']);

export function checkChunkJob(kind: string): void {
  if (kind !== 'compress') throw new UsageError(`--chunk splits compress jobs, not ${kind}.`, { fix: `Drop --chunk for --kind ${kind}.`, data: { kind } });
}

export function checkChunkFlags(codec: VideoCodec, flags: Record<string, unknown>): void {
  if (!(CHUNK_CODECS as readonly string[]).includes(codec)) {
    throw new UsageError(`--chunk cannot encode ${codec}: ${NOT_CHUNKED[codec] ?? 'not supported'}.`, {
      fix: `Use --codec ${CHUNK_CODECS.join(', ')} with --chunk, ${DROP_CHUNK}.`,
      data: { codec, chunkCodecs: CHUNK_CODECS },
    });
  }
  if (flags.fps !== undefined) {
    throw new UsageError('--fps cannot be chunked: each chunk would convert its rate on its own, and a join could drop or repeat a frame.', { fix: `Drop --fps, ${DROP_CHUNK}.` });
  }
}

export function checkChunkInput(input: string, media: MediaInfo): void {
  const video = media.video[0]!;
  if (!SPLITTABLE.has(video.codec)) {
    throw new UsageError(`--chunk cannot split ${video.codecName} video at keyframes without decoding it (${input}).`, {
      fix: `Chunked inputs hold H.264, H.265, VP8, VP9, AV1, MPEG-1/2/4, ProRes, DV or Motion JPEG video; ${DROP_CHUNK}.`,
      data: { input, codec: video.codec },
    });
  }
  if (chunkFormat(media.container) === 'mkv' && REORDERED.has(video.codec)) {
    throw new UsageError(`"${input}" is ${media.container ?? 'an elementary stream'} with ${video.codecName} video: it keeps no decode times, which chunks of video with B-frames need (GStreamer's Matroska muxer shifts such frames).`, {
      fix: `Remux it to MP4 first, without re-encoding (ffmpeg -i "${input}" -c copy out.mp4), and queue that; ${DROP_CHUNK}.`,
      data: { input, container: media.container, codec: video.codec },
    });
  }
  if (!media.durationSeconds) throw new UsageError(`"${input}" has no known duration, so it cannot be split.`, { fix: `Remux it first (ffmpeg -i IN -c copy OUT.mp4), ${DROP_CHUNK}.`, data: { input } });
  const orientation = orientationOf(media);
  if (orientation) {
    throw new UsageError(`"${input}" is stored turned (${orientation}); its chunks would lose the tag that turns it upright.`, { fix: `Queue it without --chunk (compress turns it upright).`, data: { input, orientation } });
  }
}
