// Codec strings outside an index: VP9 from the caps (profile, bit depth) and the level its size
// and rate need, what Matroska's CodecPrivate said taking precedence.
import { describe, expect, it } from 'vitest';
import { codecStringFromCaps } from '../../../src/jobs/probe/caps-codec-string.js';

describe('codecStringFromCaps for VP9', () => {
  it('profile 0 at 1280x720, 30 fps, 8-bit is vp09.00.31.08; profile 2 10-bit at 1920x1080 60 fps is vp09.02.41.10', () => {
    expect(codecStringFromCaps('vp9', { profile: '0', depth: 8, width: 1280, height: 720, fps: 30 })).toBe('vp09.00.31.08');
    expect(codecStringFromCaps('vp9', { profile: '2', depth: 10, width: 1920, height: 1080, fps: 60 })).toBe('vp09.02.41.10');
  });

  it('profiles 0 and 1 are 8-bit when the caps do not say; profile 2 without a depth, or no profile at all, stays "vp9"', () => {
    expect(codecStringFromCaps('vp9', { profile: '1', width: 160, height: 120, fps: 25 })).toBe('vp09.01.10.08');
    expect(codecStringFromCaps('vp9', { profile: '2', width: 160, height: 120, fps: 25 })).toBe('vp9');
    expect(codecStringFromCaps('vp9', { width: 160, height: 120, fps: 25 })).toBe('vp9');
  });

  it('CodecPrivate\'s level (and profile, depth) win over the derived ones', () => {
    expect(codecStringFromCaps('vp9', { profile: '0', depth: 8, width: 160, height: 120, fps: 25 }, { levelIdc: 41 })).toBe('vp09.00.41.08');
  });

  it('other codecs are unchanged: H.264 from codec_data, short names otherwise', () => {
    expect(codecStringFromCaps('h264', { codecData: '0164001fffe1' })).toBe('avc1.64001F');
    expect(codecStringFromCaps('vp8', {})).toBe('vp8');
  });
});
