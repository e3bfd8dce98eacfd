import { describe, expect, it } from 'vitest';
import { defaultBitrateKbps, parseLadder, resolveLadder } from '../../../../src/jobs/hls/ladder.js';
import { UsageError } from '../../../../src/errors.js';

describe('parseLadder', () => {
  it.each([
    ['720p', [{ width: undefined, height: 720, bitrateKbps: 2800 }]],
    ['1080p, 720p ,360p', [{ height: 1080, bitrateKbps: 5000 }, { height: 720 }, { height: 360, bitrateKbps: 800 }]],
    ['1280x720@2500', [{ width: 1280, height: 720, bitrateKbps: 2500 }]],
    ['720p@2.5M', [{ width: undefined, height: 720, bitrateKbps: 2500 }]],
    ['640x360@800k', [{ width: 640, height: 360, bitrateKbps: 800 }]],
    ['4k,hd', [{ height: 2160 }, { height: 720 }]],
  ])('%s', (text, expected) => {
    const items = parseLadder(text);
    expect(items).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(items[i]).toMatchObject(e));
  });

  it.each(['720p,banana', '', 'x720', '720p@', '1280x@2000', '720p,720p', '10p', '720p@5'])('refuses %j with exit 2', (text) => {
    const error = (() => {
      try {
        parseLadder(text);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
  });

  it('names the unknown item', () => {
    expect(() => parseLadder('720p,banana')).toThrow(/"banana"/);
  });
});

describe('resolveLadder', () => {
  const input = { width: 1280, height: 720 };

  it('keeps the input aspect, even sides, and skips renditions above the input', () => {
    const r = resolveLadder(parseLadder('1080p,720p,360p,240p'), input);
    expect(r.renditions.map((x) => [x.name, x.width, x.height])).toEqual([['720p', 1280, 720], ['360p', 640, 360], ['240p', 426, 240]]);
    expect(r.skipped).toEqual([{ text: '1080p', reason: expect.stringMatching(/1920x1080 is larger than the input \(1280x720\)/) }]);
  });

  it('names by size when two renditions share a height', () => {
    const r = resolveLadder(parseLadder('640x360@900,480x360@600'), input);
    expect(r.renditions.map((x) => x.name)).toEqual(['640x360', '480x360']);
  });

  it('assumes 16:9 and skips nothing when the input size is unknown', () => {
    const r = resolveLadder(parseLadder('1080p'), undefined);
    expect(r.renditions[0]).toMatchObject({ width: 1920, height: 1080 });
    expect(r.skipped).toEqual([]);
  });
});

describe('defaultBitrateKbps', () => {
  it('follows the table and raises it for high frame rates', () => {
    expect(defaultBitrateKbps(720)).toBe(2800);
    expect(defaultBitrateKbps(720, 60)).toBe(4200);
    expect(defaultBitrateKbps(600)).toBeGreaterThan(2000);
    expect(defaultBitrateKbps(600)).toBeLessThan(2800);
  });
});
