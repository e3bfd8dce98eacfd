import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { audioCodecString, av1CodecString, avcCodecString, capsFields, codecStringFromCaps, hevcCodecString, videoCodecString, vp9CodecString } from '../../../../src/jobs/hls/codecs-string.js';
import { readAvcSps, readHevcPtl, readSegmentSps, videoElementaryStream } from '../../../../src/jobs/hls/ts-sps.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/gst-1.22/hls/${name}`, import.meta.url));

// Caps as gst-launch -v prints them after h264parse / at the muxer's pads.
const H264_CAPS = 'video/x-h264, stream-format=(string)byte-stream, alignment=(string)au, level=(string)3.1, profile=(string)high, width=(int)1280, height=(int)720, framerate=(fraction)30/1, chroma-format=(string)4:2:0, parsed=(boolean)true';

describe('CODECS strings', () => {
  it.each([
    [{ profileIdc: 100, constraintFlags: 0, levelIdc: 31 }, 'avc1.64001f'],
    [{ profileIdc: 77, constraintFlags: 0x40, levelIdc: 30 }, 'avc1.4d401e'],
    [{ profileIdc: 66, constraintFlags: 0xc0, levelIdc: 21 }, 'avc1.42c015'],
    [{ profileIdc: 244, constraintFlags: 0, levelIdc: 40 }, 'avc1.f40028'],
  ])('avc1 from %j', (sps, expected) => expect(avcCodecString(sps)).toBe(expected));

  it('hev1 with reversed compatibility flags and trimmed constraint bytes', () => {
    expect(hevcCodecString({ profileSpace: 0, tier: 0, profileIdc: 1, compatibilityFlags: 0x60000000, constraintBytes: [0xb0, 0, 0, 0, 0, 0], levelIdc: 93 })).toBe('hev1.1.6.L93.B0');
    expect(hevcCodecString({ profileSpace: 0, tier: 1, profileIdc: 2, compatibilityFlags: 0x20000000, constraintBytes: [0, 0, 0, 0, 0, 0], levelIdc: 120 })).toBe('hev1.2.4.H120');
  });

  it.each([
    [H264_CAPS, 'avc1.64001f'],
    [H264_CAPS.replace('level=(string)3.1', 'level=(string)4').replace('(string)high', '(string)main'), 'avc1.4d4028'],
    [H264_CAPS.replace('(string)high', '(string)constrained-baseline').replace('3.1', '3'), 'avc1.42c01e'],
    [H264_CAPS.replace('(string)high', '(string)high-4:4:4'), 'avc1.f4001f'],
    ['video/x-h265, stream-format=(string)byte-stream, profile=(string)main, tier=(string)main, level=(string)3.1', 'hev1.1.6.L93.B0'],
    ['video/x-h264, profile=(string)high', undefined],
  ])('from caps %s', (caps, expected) => expect(codecStringFromCaps(caps)).toBe(expected));

  it.each([
    ['audio/mpeg, mpegversion=(int)4, stream-format=(string)adts, profile=(string)lc, rate=(int)48000', 'mp4a.40.2'],
    ['audio/mpeg, mpegversion=(int)4, profile=(string)he-aac', 'mp4a.40.5'],
    ['audio/mpeg, mpegversion=(int)4, profile=(string)he-aac-v2', 'mp4a.40.29'],
    ['audio/mpeg, mpegversion=(int)1, layer=(int)3', 'mp4a.40.34'],
    ['audio/mpeg, mpegversion=(int)4', 'mp4a.40.2'],
  ])('audio %s', (caps, expected) => expect(audioCodecString(caps)).toBe(expected));

  it('reads caps fields with types and commas inside values', () => {
    expect(capsFields(H264_CAPS)).toMatchObject({ name: 'video/x-h264', fields: { level: '3.1', profile: 'high', width: '1280', framerate: '30/1' } });
  });
});

describe('SPS from MPEG-TS segments (real hlssink2 output, GStreamer 1.22)', () => {
  it.each([
    ['x264-high-1280x720.head.ts', 'h264', 'avc1.64001f'],
    ['x264-high-640x360.head.ts', 'h264', 'avc1.64001e'],
    ['x265-main-640x360.head.ts', 'h265', 'hev1.1.6.L63.90'],
  ] as const)('%s → %s', (name, codec, expected) => {
    const sps = readSegmentSps(fixture(name), codec);
    expect(sps && videoCodecString(sps)).toBe(expected);
  });

  it('finds nothing in a stream without video or without TS packets', () => {
    expect(readSegmentSps(Buffer.alloc(1000), 'h264')).toBeUndefined();
    expect(videoElementaryStream(Buffer.from('not a transport stream'))).toBeUndefined();
  });

  // A synthetic stream: the SPS split across two TS packets, with an adaptation field in the second.
  it('joins PES payload across packets', () => {
    const es = Buffer.from([0, 0, 0, 1, 0x67, 0x4d, 0x40, 0x1e, 0xab, 0xcd, 0, 0, 1, 0x68, 0xee]);
    const pes = Buffer.concat([Buffer.from([0, 0, 1, 0xe0, 0, 0, 0x80, 0x00, 0x00]), es]);
    const first = packet(0x41, true, pes.subarray(0, 15));
    const second = packet(0x41, false, pes.subarray(15));
    const sps = readAvcSps(videoElementaryStream(Buffer.concat([first, second]))!);
    expect(sps).toEqual({ profileIdc: 0x4d, constraintFlags: 0x40, levelIdc: 0x1e });
  });

  it('removes emulation-prevention bytes in an HEVC SPS', () => {
    // NAL header (type 33), vps/sub-layers byte, PTL: profile 1, compat 60 00 00 [03] 00, constraints B0 00 00 [03] 00 00 [03] 00, level 93.
    const sps = Buffer.from([0, 0, 1, 0x42, 0x01, 0x01, 0x01, 0x60, 0, 0, 3, 0, 0xb0, 0, 0, 3, 0, 0, 3, 0, 93, 0xff]);
    expect(readHevcPtl(sps)).toMatchObject({ profileIdc: 1, compatibilityFlags: 0x60000000, constraintBytes: [0xb0, 0, 0, 0, 0, 0], levelIdc: 93 });
  });
});

function packet(pid: number, unitStart: boolean, payload: Buffer): Buffer {
  const p = Buffer.alloc(188, 0xff);
  p[0] = 0x47;
  p[1] = (unitStart ? 0x40 : 0) | (pid >> 8);
  p[2] = pid & 0xff;
  // Payload must fill the packet: stuff the rest with an adaptation field.
  const room = 184 - payload.length;
  if (room > 0) {
    p[3] = 0x30;
    p[4] = room - 1;
    if (room > 1) p[5] = 0;
    payload.copy(p, 4 + room);
  } else {
    p[3] = 0x10;
    payload.copy(p, 4);
  }
  return p;
}

describe('vp9CodecString', () => {
  const base = { profile: 0, level: 31, bitDepth: 8, chromaSubsampling: 1, fullRange: false, colourPrimaries: 1, transferCharacteristics: 1, matrixCoefficients: 1 };
  it('is the short form when the colour fields are the defaults (4:2:0 colocated, BT.709, limited range)', () => {
    expect(vp9CodecString(base)).toBe('vp09.00.31.08');
  });
  it('spells every field out otherwise', () => {
    expect(vp9CodecString({ ...base, colourPrimaries: 6, transferCharacteristics: 6, matrixCoefficients: 6 })).toBe('vp09.00.31.08.01.06.06.06.00');
    expect(vp9CodecString({ ...base, profile: 2, bitDepth: 10, fullRange: true })).toBe('vp09.02.31.10.01.01.01.01.01');
  });
});

describe('av1CodecString', () => {
  const base = { profile: 0, level: 8, tier: 0, bitDepth: 8, monochrome: false, subsamplingX: 1, subsamplingY: 1, chromaSamplePosition: 0, colorPrimaries: 1, transferCharacteristics: 1, matrixCoefficients: 1, fullRange: false };
  it('is the short form when the optional fields are the defaults', () => {
    expect(av1CodecString(base)).toBe('av01.0.08M.08');
    expect(av1CodecString({ ...base, level: 12, tier: 1, bitDepth: 10 })).toBe('av01.0.12H.10');
  });
  it('spells every field out otherwise (AV1-ISOBMFF: av01.0.04M.10.0.112.09.16.09.0 is its own example)', () => {
    expect(av1CodecString({ ...base, level: 4, bitDepth: 10, chromaSamplePosition: 2, colorPrimaries: 9, transferCharacteristics: 16, matrixCoefficients: 9 })).toBe('av01.0.04M.10.0.112.09.16.09.0');
    expect(av1CodecString({ ...base, colorPrimaries: 2, transferCharacteristics: 2, matrixCoefficients: 2 })).toBe('av01.0.08M.08.0.110.02.02.02.0');
  });
});

