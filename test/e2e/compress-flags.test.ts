// compress flags through the built CLI; every output is measured with ffprobe, not our own code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../helpers/cli.js';
import { countVideoFrames, decodeErrors, ffprobe, makeClip, makeDetailedClip } from '../helpers/media.js';

const tmp = tempDir('lydlr-compress-flags-');
const av = join(tmp.dir, 'av.mp4');
const detailed = join(tmp.dir, 'mandelbrot.mp4');
beforeAll(async () => {
  await makeClip(av, { seconds: 2, width: 320, height: 240, fps: 30, audio: true });
  await makeDetailedClip(detailed, { seconds: 4, width: 640, height: 360, fps: 30 });
});
afterAll(() => tmp.cleanup());

const videoOf = async (file: string) => (await ffprobe(file)).streams.find((s) => s.codec_type === 'video')!;

describe('compress --fps', () => {
  it.each([
    ['15', '15/1', 30],
    ['29.97', '30000/1001', 60],
    ['60', '60/1', 120],
  ])('--fps %s on a 2 s 30 fps clip: r_frame_rate and avg_frame_rate %s, %i frames', async (fps, rate, frames) => {
    const out = join(tmp.dir, `fps-${fps}.mp4`);
    const r = await cli(['compress', av, out, '--fps', fps, '--preset', 'ultrafast']);
    expect(r.exitCode, r.stderr).toBe(0);
    const video = await videoOf(out);
    expect([video.r_frame_rate, video.avg_frame_rate]).toEqual([rate, rate]);
    expect(Math.abs((await countVideoFrames(out)) - frames)).toBeLessThanOrEqual(1);
  });
});

describe('compress --bitrate', () => {
  const bitrateOf = async (target: number): Promise<{ measured: number; size: number }> => {
    const out = join(tmp.dir, `bitrate-${target}.mp4`);
    const r = await cli(['compress', detailed, out, '--bitrate', String(target), '--audio', 'none', '--preset', 'veryfast']);
    expect(r.exitCode, r.stderr).toBe(0);
    const probe = await ffprobe(out);
    return { measured: Number((probe.streams[0] as { bit_rate?: string }).bit_rate) / 1000, size: Number(probe.format.size) };
  };

  it.each([400, 1200])('--bitrate %i on a detailed moving clip: ffprobe measures within ±35 %% of it', async (target) => {
    const { measured } = await bitrateOf(target);
    expect(measured).toBeGreaterThan(target * 0.65);
    expect(measured).toBeLessThan(target * 1.35);
  });

  it('--bitrate 300 gives less than half the file --bitrate 1500 gives', async () => {
    const low = await bitrateOf(300);
    const high = await bitrateOf(1500);
    expect(low.size).toBeLessThan(high.size * 0.5);
  });
});

describe('compress --encoder', () => {
  it.each([
    ['x264enc', 'h264', 'x264enc', 'h264'],
    ['software', 'h264', 'x264enc', 'h264'],
    ['software', 'vp9', 'vp9enc', 'vp9'],
    ['vp8enc', 'vp8', 'vp8enc', 'vp8'],
  ])('--encoder %s --codec %s: the result names %s (not hardware), ffprobe reads %s', async (encoder, codec, element, codecName) => {
    const out = join(tmp.dir, `encoder-${encoder}-${codec}.${codec.startsWith('vp') ? 'webm' : 'mp4'}`);
    const r = await cli(['--json', 'compress', av, out, '--encoder', encoder, '--codec', codec, '--preset', 'ultrafast']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.result).toMatchObject({ ok: true, encoder: element, hardware: false });
    expect((await videoOf(out)).codec_name).toBe(codecName);
    expect(await decodeErrors(out)).toEqual({ exitCode: 0, errors: [] });
  });

  it('--encoder naming an element that is not installed: exit 3 naming it with the plugin search, no output', async () => {
    const out = join(tmp.dir, 'encoder-missing.mp4');
    const r = await cli(['compress', av, out, '--encoder', 'nosuchenc']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/element "nosuchenc" is not installed/);
    expect(r.stderr).toMatch(/plugins --search nosuchenc/);
    expect(existsSync(out)).toBe(false);
  });
});
