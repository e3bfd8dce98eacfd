import { describe, expect, it } from 'vitest';
import { directDecoderFor } from '../../../src/jobs/direct-decode.js';
import type { VideoStream } from '../../../src/gst/discover/schema.js';

// An 8-bit 4:2:0 progressive H.264 stream as the probe describes it.
const h264: VideoStream = {
  codec: 'video/x-h264', codecName: 'h264', width: 1280, height: 720, fps: 30, framerate: '30/1', variableFrameRate: false,
  depth: 8, chromaFormat: '4:2:0', pixelFormat: 'yuv420p', interlaced: false,
};

describe('directDecoderFor', () => {
  it('8-bit 4:2:0 progressive H.264 with avdec_h264 installed: avdec_h264', () => {
    expect(directDecoderFor(h264, true)).toEqual({ element: 'avdec_h264' });
  });

  it.each([
    ['10-bit H.264', { ...h264, depth: 10, pixelFormat: 'yuv420p10le' }],
    ['4:2:2 H.264', { ...h264, chromaFormat: '4:2:2', pixelFormat: 'yuv422p' }],
    ['interlaced H.264', { ...h264, interlaced: true }],
    ['H.264 whose bit depth the probe did not report', { ...h264, depth: undefined }],
    ['H.265', { ...h264, codec: 'video/x-h265', codecName: 'h265' }],
  ])('%s: none, decodebin stays', (_name, stream) => {
    expect(directDecoderFor(stream, true)).toBeUndefined();
  });

  it('8-bit H.264 but avdec_h264 missing (another decoder passed the probe): none', () => {
    expect(directDecoderFor(h264, false)).toBeUndefined();
  });

  it('no video stream: none', () => {
    expect(directDecoderFor(undefined, true)).toBeUndefined();
  });
});
