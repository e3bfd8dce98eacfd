import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDiscoverer } from '../../../../src/gst/discover/parse.js';
import { settleNoDecode } from '../../../../src/gst/discover/no-decode.js';
import { noDecodeEnv } from '../../../../src/gst/discover/no-decode-env.js';

const DIR = join(import.meta.dirname, '../../../fixtures/gst-1.22/discover');
const outcome = (name: string) => parseDiscoverer(readFileSync(join(DIR, name), 'utf8'));
// Recorded with noDecodeEnv's ranks: a 6 s 1280x720 30 fps H.264 (High, 4:2:0 8-bit) + AAC mp4.
const noDecode = outcome('h264-aac.no-decode.mp4.txt');
const only = (names: string[]) => async (element: string) => names.includes(element);

describe('noDecodeEnv', () => {
  it('ranks the H.264, H.265, VP8, VP9 and AV1 software decoders NONE', () => {
    const ranks = noDecodeEnv({}).GST_PLUGIN_FEATURE_RANK!.split(',');
    expect(ranks).toEqual(expect.arrayContaining(['avdec_h264:NONE', 'openh264dec:NONE', 'avdec_h265:NONE', 'vp9dec:NONE', 'dav1ddec:NONE']));
  });

  it('keeps the ranks the user set, first', () => {
    expect(noDecodeEnv({ GST_PLUGIN_FEATURE_RANK: 'vah264dec:MAX' }).GST_PLUGIN_FEATURE_RANK).toMatch(/^vah264dec:MAX,avdec_h264:NONE,/);
  });
});

describe('settleNoDecode', () => {
  it('the recorded no-decode probe is "missing-plugins" for the H.264 decoder, with the stream fully described', () => {
    expect(noDecode.result).toBe('missing-plugins');
    expect(noDecode.missingPlugins).toEqual(['H.264 (High Profile) decoder']);
    expect(noDecode.info?.video[0]).toMatchObject({ codec: 'video/x-h264', width: 1280, height: 720, fps: 30, depth: 8, chromaFormat: '4:2:0' });
  });

  it('an installed H.264 decoder (openh264dec alone is enough) makes it "ok" with nothing missing and the same streams', async () => {
    const settled = await settleNoDecode(noDecode, only(['openh264dec']));
    expect(settled?.result).toBe('ok');
    expect(settled?.missingPlugins).toEqual([]);
    expect(settled?.info?.missingPlugins).toEqual([]);
    expect(settled?.info?.video).toEqual(noDecode.info?.video);
    expect(settled?.info?.durationSeconds).toBe(6);
  });

  it('no H.264 decoder installed: undefined, so the full probe decides (and refuses)', async () => {
    expect(await settleNoDecode(noDecode, only(['avdec_h265']))).toBeUndefined();
  });

  it('another plugin missing besides the video decoder (two reports, one video stream): undefined', async () => {
    const twoMissing = { ...noDecode, missingPlugins: [...noDecode.missingPlugins, 'MPEG-4 AAC decoder'] };
    expect(await settleNoDecode(twoMissing, only(['avdec_h264']))).toBeUndefined();
  });

  it('a video codec outside the decoder table: undefined', async () => {
    const mpeg2 = { ...noDecode, info: { ...noDecode.info!, video: [{ ...noDecode.info!.video[0]!, codec: 'video/mpeg' }] } };
    expect(await settleNoDecode(mpeg2, only(['avdec_h264']))).toBeUndefined();
  });

  it('an error or a full success passes through unchanged', async () => {
    for (const name of ['missing-file.txt', 'h264-aac.mp4.txt']) {
      expect(await settleNoDecode(outcome(name), only([]))).toEqual(outcome(name));
    }
  });
});
