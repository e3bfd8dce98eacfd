// .mov, .flv and .ts outputs through the built CLI: ffprobe names the format and codecs, ffmpeg plays them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cli, tempDir } from '../helpers/cli.js';
import { decodeErrors, ffprobe, makeClip, streamDuration } from '../helpers/media.js';

const tmp = tempDir('lydlr-compress-containers-');
const av = join(tmp.dir, 'av.mp4');
beforeAll(async () => {
  await makeClip(av, { seconds: 2, width: 320, height: 240, audio: true });
});
afterAll(() => tmp.cleanup());

describe('compress output containers', () => {
  it.each([
    ['out.mov', 'mov', 'mov,mp4,m4a,3gp,3g2,mj2'],
    ['out.flv', 'flv', 'flv'],
    ['out.ts', 'ts', 'mpegts'],
    ['out.m2ts', 'ts', 'mpegts'],
  ])('%s: container %s in the result, ffprobe format %s with h264 + aac of equal length, ffmpeg decodes it cleanly', async (name, container, formatName) => {
    const out = join(tmp.dir, name);
    const r = await cli(['--json', 'compress', av, out, '--preset', 'ultrafast']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.result).toMatchObject({ ok: true, container, output: out });
    const probe = await ffprobe(out);
    expect(probe.format.format_name).toBe(formatName);
    expect(probe.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort()).toEqual(['audio:aac', 'video:h264']);
    const video = await streamDuration(out, 'video');
    expect(Math.abs(video - 2)).toBeLessThan(0.1);
    expect(Math.abs((await streamDuration(out, 'audio')) - video)).toBeLessThan(0.1);
    expect(await decodeErrors(out)).toEqual({ exitCode: 0, errors: [] });
  });
});
