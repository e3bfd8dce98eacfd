// Matroska codec strings from CodecPrivate bytes (taken from files ffmpeg 5.1 wrote, and VP9's
// feature list written out per the codec mapping), and VP9 levels against the level table.
import { describe, expect, it } from 'vitest';
import { codecFromPrivate, vp9Features } from '../../../../src/media/mkv/codec-private.js';
import { vp9Level } from '../../../../src/media/mp4/codec-config.js';

const hex = (s: string) => Buffer.from(s.replace(/\s/g, ''), 'hex');

describe('codecFromPrivate', () => {
  it('V_MPEG4/ISO/AVC: the avcC in CodecPrivate (High, level 1.1) is avc1.64000B', () => {
    expect(codecFromPrivate('V_MPEG4/ISO/AVC', hex('0164000bffe100196764000bacd942847e5c04'))).toEqual({ codecString: 'avc1.64000B', profileIdc: 100, levelIdc: 11 });
  });

  it('V_MPEGH/ISO/HEVC: an hvcC with parameter-set arrays is hvc1 (Main, level 1, constraint byte 90); with none it is hev1', () => {
    const withArrays = hex('01 01 60000000 900000000000 1e f000 fc fd f8 f8 0000 0f 04 20000100');
    expect(codecFromPrivate('V_MPEGH/ISO/HEVC', withArrays)).toEqual({ codecString: 'hvc1.1.6.L30.90', profileIdc: 1, levelIdc: 30 });
    const noArrays = Buffer.from(withArrays.subarray(0, 23));
    noArrays[22] = 0;
    expect(codecFromPrivate('V_MPEGH/ISO/HEVC', noArrays).codecString).toBe('hev1.1.6.L30.90');
  });

  it('V_AV1: the av1C (Main profile, level index 0, 8-bit) is av01.0.00M.08', () => {
    expect(codecFromPrivate('V_AV1', hex('81000c000a0a00000003b4ff700be001'))).toEqual({ codecString: 'av01.0.00M.08', profileIdc: 0, levelIdc: 0, bitDepth: 8 });
  });

  it('V_VP9: profile 2, level 3.1, 10-bit, 4:2:0 in the feature list is vp09.02.31.10', () => {
    expect(codecFromPrivate('V_VP9', hex('010102 02011f 03010a 040101'))).toEqual({ codecString: 'vp09.02.31.10', profileIdc: 2, levelIdc: 31, bitDepth: 10 });
  });

  it('V_VP9 with no CodecPrivate (ffmpeg 5.1, GStreamer) or only some features: no string, the numbers it has', () => {
    expect(codecFromPrivate('V_VP9', undefined)).toEqual({});
    expect(codecFromPrivate('V_VP9', hex('02011f')).levelIdc).toBe(31);
    expect(codecFromPrivate('V_VP9', hex('02011f')).codecString).toBeUndefined();
  });

  it('unknown feature IDs and a cut-short feature are skipped', () => {
    expect(vp9Features(hex('0902abcd 010100 0201'))).toEqual({ profile: 0 });
  });

  it('a CodecPrivate that is not the expected record gives nothing rather than a wrong string', () => {
    expect(codecFromPrivate('V_MPEG4/ISO/AVC', hex('00000001674d'))).toEqual({});
    expect(codecFromPrivate('V_AV1', hex('0a0b0000'))).toEqual({});
  });

  it('audio: AAC-LC and HE-AAC from the AudioSpecificConfig, the rest by name', () => {
    expect(codecFromPrivate('A_AAC', hex('1188'))).toEqual({ codecString: 'mp4a.40.2' });
    expect(codecFromPrivate('A_AAC', hex('2b09'))).toEqual({ codecString: 'mp4a.40.5' });
    expect(codecFromPrivate('A_OPUS', hex('4f707573'))).toEqual({ codecString: 'opus' });
    expect(codecFromPrivate('A_VORBIS', undefined)).toEqual({ codecString: 'vorbis' });
    expect(codecFromPrivate('S_TEXT/UTF8', undefined)).toEqual({});
  });
});

describe('vp9Level (VP9 level table: luma picture size and sample rate)', () => {
  it.each([
    [160, 120, 25, 10],
    [640, 360, 30, 21], // 230 400 pixels, 6.9 M samples/s
    [1280, 720, 30, 31],
    [1280, 720, 60, 40],
    [1920, 1080, 30, 40],
    [1920, 1080, 60, 41],
    [3840, 2160, 30, 50],
    [3840, 2160, 60, 51],
    [7680, 4320, 30, 60],
  ])('%ix%i at %i fps is level %i', (w, h, fps, level) => {
    expect(vp9Level(w, h, fps)).toBe(level);
  });

  it('an unknown rate judges the size alone; no picture, or one beyond level 6.2, is 0', () => {
    expect(vp9Level(1920, 1080, 0)).toBe(40);
    expect(vp9Level(0, 0, 30)).toBe(0);
    expect(vp9Level(16384, 16384, 30)).toBe(0);
  });
});
