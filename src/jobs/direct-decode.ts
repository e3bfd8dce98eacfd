// The decoder to put straight after the parser when the input's video allows it, instead of decodebin.
// For 8-bit 4:2:0 progressive H.264, avdec_h264 yields I420 as it is, so no videoconvert is needed and
// a 3-frame queue is enough: decodebin's typefinding and a queue of up to 10 MB of raw frames
// (~7 frames at 720p) cost CPU and memory for nothing (figures in README "Speed", bench/compress-settings.mjs).
import type { VideoStream } from '../gst/discover/schema.js';
import { elementPresent } from '../gst/discover/no-decode.js';

export const DIRECT_H264_DECODER = 'avdec_h264';

/** Raw 8-bit I420 frames straight from this decoder. */
export interface DirectDecoder {
  element: string;
}

// What the stream needs to be for the direct path; anything else (10-bit, 4:2:2, interlaced, other codecs) keeps decodebin.
// `decoderPresent`: the probe only proves that some H.264 decoder exists (it may be openh264dec).
export function directDecoderFor(video: VideoStream | undefined, decoderPresent: boolean): DirectDecoder | undefined {
  if (!decoderPresent || !video || video.codecName !== 'h264') return undefined;
  if (video.depth !== 8 || video.chromaFormat !== '4:2:0' || video.interlaced === true) return undefined;
  return { element: DIRECT_H264_DECODER };
}

// Asked alongside the probe so it adds no wait; the probe asks the same (one answer, cached).
export function directDecoderPresent(env: NodeJS.ProcessEnv): Promise<boolean> {
  return elementPresent(DIRECT_H264_DECODER, env);
}
