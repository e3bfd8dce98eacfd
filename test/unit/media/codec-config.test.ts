// Codec strings from configuration records written out byte by byte, against the examples in
// the specifications and the issue (not against our own output).
import { describe, expect, it } from 'vitest';
import { av1CodecString, avcCodecString, hevcCodecString, mp4aCodecString, vp9CodecString } from '../../../src/media/mp4/codec-config.js';

const bytes = (...b: number[]) => Buffer.from(b);

describe('RFC 6381 codec strings', () => {
  it('avcC High (100) level 3.1 with no constraint flags is avc1.64001F', () => {
    expect(avcCodecString('avc1', bytes(0x01, 0x64, 0x00, 0x1f, 0xff)).codec).toBe('avc1.64001F');
  });

  it('hvcC Main, compatible with Main and Main 10, level 3.1 (93), progressive-source constraint byte B0 is hvc1.1.6.L93.B0', () => {
    const hvcC = bytes(0x01, 0x01, 0x60, 0x00, 0x00, 0x00, 0xb0, 0, 0, 0, 0, 0, 93);
    expect(hevcCodecString('hvc1', hvcC).codec).toBe('hvc1.1.6.L93.B0');
  });

  it('hvcC Main 10 High tier level 5.1 (153) in a hev1 entry is hev1.2.4.H153.90', () => {
    // profile_idc 2, tier flag set (0x20); compatibility flag 2 only (0x20000000 reversed = 4).
    const hvcC = bytes(0x01, 0x22, 0x20, 0x00, 0x00, 0x00, 0x90, 0, 0, 0, 0, 0, 153);
    expect(hevcCodecString('hev1', hvcC).codec).toBe('hev1.2.4.H153.90');
  });

  it('vpcC profile 0 level 3.1 8-bit 4:2:0 is vp09.00.31.08', () => {
    expect(vp9CodecString(bytes(1, 0, 0, 0, 0, 31, 0x82)).codec).toBe('vp09.00.31.08');
  });

  it('av1C Main profile level 5 (index 5) Main tier 8-bit is av01.0.05M.08; 10-bit High tier is av01.0.05H.10', () => {
    expect(av1CodecString(bytes(0x81, 0x05, 0x0c)).codec).toBe('av01.0.05M.08');
    expect(av1CodecString(bytes(0x81, 0x05, 0xcc)).codec).toBe('av01.0.05H.10');
  });

  it('esds with AAC-LC (object type 0x40, audio object type 2) is mp4a.40.2; MP3 (0x6B) is mp4a.6B', () => {
    const aac = bytes(0, 0, 0, 0, 0x03, 0x19, 0x00, 0x01, 0x00, 0x04, 0x11, 0x40, 0x15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x05, 0x02, 0x11, 0x90, 0x06, 0x01, 0x02);
    expect(mp4aCodecString(aac)?.codec).toBe('mp4a.40.2');
    const mp3 = bytes(0, 0, 0, 0, 0x03, 0x15, 0x00, 0x01, 0x00, 0x04, 0x0d, 0x6b, 0x15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x06, 0x01, 0x02);
    expect(mp4aCodecString(mp3)?.codec).toBe('mp4a.6B');
  });
});
