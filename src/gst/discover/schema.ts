// What a media probe tells us (gst-discoverer-1.0 -v), as zod schemas with inferred types.
import { z } from 'zod';

export const videoStreamSchema = z.object({
  /** The caps name, e.g. video/x-h264. */
  codec: z.string(),
  /** h264, h265, vp8, vp9, av1, mpeg2, … (the caps name without its prefix when unknown). */
  codecName: z.string(),
  width: z.number(),
  height: z.number(),
  /** Frames per second from the framerate fraction; 0 when the stream declares a variable rate (0/1). */
  fps: z.number(),
  framerate: z.string(),
  variableFrameRate: z.boolean(),
  bitrateKbps: z.number().optional(),
  profile: z.string().optional(),
  level: z.string().optional(),
  /** Bits per luma sample (8, 10, 12) from the caps. */
  depth: z.number().optional(),
  chromaFormat: z.string().optional(),
  /** ffmpeg-style name derived from chroma format and depth (yuv420p, yuv420p10le, yuv444p…) or the raw format. */
  pixelFormat: z.string().optional(),
  pixelAspectRatio: z.string().optional(),
  interlaced: z.boolean().optional(),
  /** The caps' colorimetry when the stream states it (bt709, bt601, bt2020, or range:matrix:transfer:primaries). */
  colorimetry: z.string().optional(),
  /** The caps' stream-format: avc/avc3/hvc1/hev1 (configuration out of band or in band), byte-stream. */
  streamFormat: z.string().optional(),
  /** The caps' codec_data in hex: the avcC/hvcC/av1C configuration record when the container carries one. */
  codecData: z.string().optional(),
});

export const audioStreamSchema = z.object({
  codec: z.string(),
  /** aac, mp3, mp2, opus, vorbis, flac, ac3, pcm, … */
  codecName: z.string(),
  channels: z.number(),
  sampleRate: z.number(),
  bitrateKbps: z.number().optional(),
  profile: z.string().optional(),
  language: z.string().optional(),
  channelLayout: z.string().optional(),
  /** The caps' codec_data in hex (AAC: the AudioSpecificConfig). */
  codecData: z.string().optional(),
});

export const subtitleStreamSchema = z.object({ codec: z.string(), language: z.string().optional() });

export const mediaInfoSchema = z.object({
  uri: z.string(),
  /** null when unknown (live sources). */
  durationSeconds: z.number().nullable(),
  seekable: z.boolean(),
  live: z.boolean(),
  /** mp4, mov, mkv, webm, ts, ogg, flv, avi, … or null for an elementary stream. */
  container: z.string().nullable(),
  containerCaps: z.string().nullable(),
  video: z.array(videoStreamSchema),
  audio: z.array(audioStreamSchema),
  subtitles: z.array(subtitleStreamSchema),
  tags: z.record(z.string(), z.string()),
  /** Human descriptions of missing elements (decoders, URI handlers); streams may then be incomplete. */
  missingPlugins: z.array(z.string()),
});

export const discoverOutcomeSchema = z.object({
  result: z.enum(['ok', 'error', 'missing-plugins', 'timeout', 'invalid-uri', 'busy', 'unknown']),
  /** GStreamer's own sentence for an error ("Resource not found."). */
  message: z.string().optional(),
  /** Also set when no stream could be read at all (an unknown URI scheme). */
  missingPlugins: z.array(z.string()),
  info: mediaInfoSchema.nullable(),
});

export type VideoStream = z.infer<typeof videoStreamSchema>;
export type AudioStream = z.infer<typeof audioStreamSchema>;
export type SubtitleStream = z.infer<typeof subtitleStreamSchema>;
export type MediaInfo = z.infer<typeof mediaInfoSchema>;
export type DiscoverOutcome = z.infer<typeof discoverOutcomeSchema>;
