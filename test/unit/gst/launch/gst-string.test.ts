import { describe, expect, it } from 'vitest';
import { unescapeGstString } from '../../../../src/gst/launch/gst-string.js';

describe('unescapeGstString', () => {
  it('turns octal UTF-8 bytes and backslash escapes back into the file name (as splitmuxsink printed it)', () => {
    // gst-launch-1.0 -m's text for location "/tmp/r \"it's\" é, = !/x.ts".
    expect(unescapeGstString(String.raw`/tmp/r\ \"it\'s\"\ \303\251\,\ \=\ \!/x.ts`)).toBe(`/tmp/r "it's" é, = !/x.ts`);
  });

  it('leaves plain text alone', () => {
    expect(unescapeGstString('/srv/cam1/2026-01-01.mp4')).toBe('/srv/cam1/2026-01-01.mp4');
  });
});
