import { describe, expect, it } from 'vitest';
import { checkEncodeRequest, parseRange, rangeOf, type EncoderLimits } from '../../../src/jobs/encoder-limits.js';
import { UsageError } from '../../../src/errors.js';

describe('parseRange (caps field values as gst-inspect prints them)', () => {
  it.each<[string, { min: number; max: number } | undefined]>([
    ['[ 1, 32767 ]', { min: 1, max: 32767 }],
    ['(int)[ 16, 2147483647 ]', { min: 16, max: 2147483647 }],
    ['[ 0/1, 2147483647/1 ]', { min: 0, max: 2147483647 }],
    ['1280', { min: 1280, max: 1280 }],
    ['30000/1001', { min: 30000 / 1001, max: 30000 / 1001 }],
    ['{ (string)I420, (string)NV12 }', undefined],
  ])('%s', (text, range) => expect(parseRange(text)).toEqual(range));

  it('rangeOf spans every structure; a field no structure names is unbounded', () => {
    const structures = [{ name: 'video/x-raw', features: [], fields: { width: '[ 16, 4096 ]' } }, { name: 'video/x-raw', features: [], fields: { width: '[ 1, 8192 ]' } }];
    expect(rangeOf(structures, 'width')).toEqual({ min: 1, max: 8192 });
    expect(rangeOf(structures, 'height')).toEqual({ min: 0, max: Number.POSITIVE_INFINITY });
  });
});

describe('checkEncodeRequest', () => {
  const limits: EncoderLimits = { encoder: 'vp8enc', width: { min: 1, max: 16383 }, height: { min: 1, max: 16383 }, fps: { min: 0, max: 1000 }, bitrateKbps: { min: 1, max: 2147483 } };
  const refusal = (fn: () => void): UsageError => {
    try {
      fn();
    } catch (error) {
      if (error instanceof UsageError) return error;
      throw error;
    }
    throw new Error('accepted');
  };

  it('a width past the limit is a usage error naming the flag, the size and the allowed widths', () => {
    const error = refusal(() => checkEncodeRequest({ size: { width: 16384, height: 100 } }, limits, { size: '--scale 16384x100' }));
    expect(error.message).toBe('--scale 16384x100 asks for 16384x100 (even sides), which vp8enc cannot encode.');
    expect(error.fix).toBe('Widths 1–16383 and heights 1–16383 (the limits of vp8enc and videoscale).');
  });

  it('fps and bitrate outside their ranges are refused; values at the limits pass', () => {
    expect(refusal(() => checkEncodeRequest({ fps: 1001 }, limits, { size: '' })).message).toContain('--fps 1001');
    expect(refusal(() => checkEncodeRequest({ bitrateKbps: 2147484 }, limits, { size: '' })).fix).toBe('Give 1–2147483 kbit/s.');
    expect(() => checkEncodeRequest({ size: { width: 16383, height: 16383 }, fps: 1000, bitrateKbps: 2147483 }, limits, { size: '' })).not.toThrow();
  });
});
