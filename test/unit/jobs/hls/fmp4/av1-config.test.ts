// AV1 in fMP4: the av1C made from the stream's sequence header, in place of GStreamer 1.22's zeros.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BoxStream, findBox, payloadOf } from '../../../../../src/jobs/hls/fmp4/boxes.js';
import { av1ConfigBox, findSequenceHeader, needsAv1Config, parseSequenceHeader, withAv1Config } from '../../../../../src/jobs/hls/fmp4/av1-config.js';
import { readInitTracks } from '../../../../../src/jobs/hls/fmp4/init-segment.js';

const boxes = new BoxStream().push(readFileSync(new URL('../../../../fixtures/jobs/hls-fmp4/av1.mp4', import.meta.url)));
const moov = boxes.find((b) => b.type === 'moov')!;
const firstMdat = payloadOf(boxes.find((b) => b.type === 'mdat')!);

// The fixture's first sample, read by hand: 12 00 (temporal delimiter, size 0), then 0a 0b (sequence header,
// size 11): 00 00 00 03 b4 fd fe 06 d7 c8 02 → profile 0, one operating point at level 0 (2.0), 160x96 (8- and
// 7-bit sizes 159 and 95), 8-bit, no colour description (2/2/2), limited range, 4:2:0, sample position 0.
const SEQUENCE_HEADER = Buffer.from('0a0b00000003b4fdfe06d7c802', 'hex');

describe('findSequenceHeader and parseSequenceHeader', () => {
  it('find the sequence header OBU after the temporal delimiter and read it', () => {
    const seq = findSequenceHeader(firstMdat)!;
    expect(seq.obu.equals(SEQUENCE_HEADER)).toBe(true);
    expect(parseSequenceHeader(seq.payload)).toEqual({
      profile: 0, level: 0, tier: 0, bitDepth: 8, monochrome: false, subsamplingX: 1, subsamplingY: 1, chromaSamplePosition: 0,
      colorPrimaries: 2, transferCharacteristics: 2, matrixCoefficients: 2, fullRange: false,
    });
  });

  it('finds nothing in OBUs without one', () => {
    expect(findSequenceHeader(Buffer.from('1200', 'hex'))).toBeUndefined();
  });

  it('refuses a sequence header cut short', () => {
    expect(() => parseSequenceHeader(SEQUENCE_HEADER.subarray(2, 6))).toThrow(/cut short/);
  });
});

describe('av1C', () => {
  it('is marker+version 0x81, profile/level, the colour bits, no presentation delay, then the sequence header OBU', () => {
    const box = av1ConfigBox(parseSequenceHeader(SEQUENCE_HEADER.subarray(2)), SEQUENCE_HEADER);
    expect(box.toString('hex')).toBe(`00000019${Buffer.from('av1C').toString('hex')}81000c00${SEQUENCE_HEADER.toString('hex')}`);
  });

  it('GStreamer 1.22 writes zeros, which players refuse; the moov is rewritten with the real one and every size on the way', () => {
    expect(needsAv1Config(moov)).toBe(true);
    expect(readInitTracks(moov)[0]!.codec).toBeUndefined();
    const fixed = withAv1Config(moov, firstMdat);
    expect(needsAv1Config(fixed)).toBe(false);
    // The old av1C: 13 bytes (a header and five zeros); the new one 25 (a header, four fixed bytes, the 13-byte OBU).
    expect(fixed.bytes.length).toBe(moov.bytes.length - 13 + 25);
    // Reads back whole through the new sizes (BoxStream checks every header).
    const again = new BoxStream().push(fixed.bytes);
    expect(again.map((b) => b.type)).toEqual(['moov']);
    const stbl = findBox(payloadOf(again[0]!), 'trak', 'mdia', 'minf', 'stbl')!;
    expect(payloadOf(stbl).includes(SEQUENCE_HEADER)).toBe(true);
    expect(readInitTracks(fixed)).toEqual([{ id: 1, kind: 'video', timescale: 1000, codec: 'av01.0.00M.08.0.110.02.02.02.0' }]);
  });

  it('refuses a first fragment without a sequence header', () => {
    expect(() => withAv1Config(moov, Buffer.from('1200', 'hex'))).toThrow(/no sequence header/);
  });
});
