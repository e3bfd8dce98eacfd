import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, afterAll } from 'vitest';
import { chooseEncoder } from '../../../src/jobs/encoder-choice.js';
import { gstChildEnv, readEnv } from '../../../src/config/env.js';

const PLUGINS = '/usr/lib/x86_64-linux-gnu/gstreamer-1.0';
const env = () => ({ ...gstChildEnv(readEnv()), LC_ALL: 'C' });

// A plugin folder and registry of its own, holding every system plugin but x264 (real GStreamer, one plugin fewer).
const tmp = mkdtempSync(join(tmpdir(), 'lydlr-encoder-choice-'));
const withoutX264 = join(tmp, 'plugins');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('chooseEncoder asks the registry about each element', () => {
  it('auto on a machine without hardware encoders picks x264enc, software', async () => {
    const choice = await chooseEncoder('h264', 'auto', env());
    expect(choice).toEqual({ element: 'x264enc', hardware: false, reason: 'no working hardware encoder' });
  });

  it('an installed element asked for by name is taken as is', async () => {
    expect(await chooseEncoder('h264', 'x264enc', env())).toMatchObject({ element: 'x264enc', reason: 'asked for by name' });
  });

  it('an element that is not installed is refused with exit code 3', async () => {
    await expect(chooseEncoder('h264', 'nosuchenc', env())).rejects.toMatchObject({ exitCode: 3, message: expect.stringContaining('nosuchenc') });
  });

  it('without the x264 plugin, auto refuses h264 (exit 3) while vp8 still gets vp8enc', async () => {
    mkdirSync(withoutX264);
    for (const f of readdirSync(PLUGINS)) if (f !== 'libgstx264.so') symlinkSync(join(PLUGINS, f), join(withoutX264, f));
    const limited = { ...env(), GST_PLUGIN_SYSTEM_PATH: withoutX264, GST_REGISTRY: join(tmp, 'registry.bin') };
    await expect(chooseEncoder('h264', 'auto', limited)).rejects.toMatchObject({ exitCode: 3, message: expect.stringContaining('x264enc') });
    expect(await chooseEncoder('vp8', 'auto', limited)).toMatchObject({ element: 'vp8enc', hardware: false });
  }, 120_000);
});
