// compress --encoder with a hardware H.264 encoder present: a fake nvh264enc (test/helpers/fake-elements/
// hw-encoder: the real pad templates, x264enc inside) in a plugin folder put on GST_PLUGIN_PATH for
// these tests only, with a private registry file so the user's registry never learns it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempFiles, type TempFiles } from '../helpers/cli.js';
import { fakeElementsEnv, installFakeElements } from '../helpers/fake-elements/install.js';
import { countVideoFrames, ffprobe } from '../helpers/media.js';

let tmp: TempFiles;
let pluginDir: string;
const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => Object.fromEntries(Object.entries({
  ...process.env, ...fakeElementsEnv(join(tmp.dir, 'registry.bin')), GST_PLUGIN_PATH: pluginDir, ...extra,
}).filter(([, v]) => v !== undefined));
const compress = (out: string, args: string[], extra?: NodeJS.ProcessEnv) =>
  cli(['--json', 'compress', 'test:ball', join(tmp.dir, out), '--duration', '2', ...args], { env: env(extra) });

beforeAll(() => {
  tmp = tempFiles('lydlr-hwenc-');
  pluginDir = join(tmp.dir, 'plugins');
  installFakeElements('hw-encoder', pluginDir);
});
afterAll(() => tmp.cleanup());

describe('compress --encoder with a (fake) nvh264enc present', () => {
  it('auto picks nvh264enc (it encodes the test frames): result says hardware, the MP4 holds 60 H.264 frames', async () => {
    const r = await compress('auto.mp4', ['--encoder', 'auto']);
    expect(r.exitCode).toBe(0);
    expect(r.result).toMatchObject({ ok: true, encoder: 'nvh264enc', hardware: true });
    expect((await ffprobe(join(tmp.dir, 'auto.mp4'))).streams[0]).toMatchObject({ codec_name: 'h264' });
    expect(await countVideoFrames(join(tmp.dir, 'auto.mp4'))).toBe(60);
  });

  it('--encoder nvh264enc by name, with --bitrate: used, hardware, the pipeline gives it bitrate in kbit/s', async () => {
    const dry = await compress('named-dry.mp4', ['--encoder', 'nvh264enc', '--bitrate', '800', '--dry-run']);
    const jobs = dry.result?.jobs as { encoder: string; pipeline: string }[];
    expect(jobs[0]?.encoder).toBe('nvh264enc');
    expect(jobs[0]?.pipeline).toMatch(/ nvh264enc bitrate=800 /);
    const r = await compress('named.mp4', ['--encoder', 'nvh264enc', '--bitrate', '800']);
    expect(r.result).toMatchObject({ ok: true, encoder: 'nvh264enc', hardware: true });
    expect(await countVideoFrames(join(tmp.dir, 'named.mp4'))).toBe(60);
  });

  it('nvh264enc present but failing its test frames: auto falls back to x264enc, not hardware, the MP4 still holds 60 frames', async () => {
    const r = await compress('fallback.mp4', ['--encoder', 'auto'], { LYDLR_FAKE_NVENC_BROKEN: '1' });
    expect(r.exitCode).toBe(0);
    expect(r.result).toMatchObject({ ok: true, encoder: 'x264enc', hardware: false });
    expect(await countVideoFrames(join(tmp.dir, 'fallback.mp4'))).toBe(60);
  });

  it('--encoder nvh264enc asked for by name while it fails: exit 1, the error names nvh264enc, no output file', async () => {
    const r = await compress('broken.mp4', ['--encoder', 'nvh264enc'], { LYDLR_FAKE_NVENC_BROKEN: '1' });
    expect(r.exitCode).toBe(1);
    expect(JSON.stringify(r.result?.error)).toContain('nvh264enc');
    await expect(ffprobe(join(tmp.dir, 'broken.mp4'))).rejects.toThrow();
  });
});
