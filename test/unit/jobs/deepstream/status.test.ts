import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepstreamStatus, parseVersionFile, type DeepstreamStatus } from '../../../../src/jobs/deepstream/status.js';
import { parseCudaVersion, parseGpuQuery, parseTegraRelease } from '../../../../src/jobs/deepstream/gpu.js';
import { describe as inspectDescribe, listFeatures } from '../../../../src/gst/inspect/inspect.js';
import { gstChildEnv, readEnv } from '../../../../src/config/env.js';
import { UsageError } from '../../../../src/errors.js';
import { FAKE_GPU, makeFakeDeepstream, type FakeDeepstream } from '../../../helpers/fake-deepstream.js';
import { tempDir } from '../../../helpers/cli.js';

const check = (s: DeepstreamStatus, name: string) => s.checks.find((c) => c.name === name)!;
const NO_TEGRA = '/nonexistent/nv_tegra_release';

describe('status parsers', () => {
  it.each([
    ['Version: 7.1\n', '7.1'],
    ['Version: 6.4.0\nsomething', '6.4.0'],
    ['  Version:7.0', '7.0'],
    ['version 7.1', null],
    ['', null],
  ])('version file %j → %s', (text, version) => expect(parseVersionFile(text)).toBe(version));

  it('reads nvidia-smi\'s CSV query, one GPU a line, names with commas kept', () => {
    expect(parseGpuQuery('NVIDIA A2, 550.54.15\nTesla T4, 535.104.05\n')).toEqual([
      { name: 'NVIDIA A2', driver: '550.54.15' }, { name: 'Tesla T4', driver: '535.104.05' },
    ]);
    expect(parseGpuQuery('Odd, Name, 470.1')).toEqual([{ name: 'Odd, Name', driver: '470.1' }]);
    expect(parseGpuQuery('No devices were found')).toEqual([]);
    expect(parseGpuQuery('')).toEqual([]);
  });

  it('reads the CUDA version from the banner and the L4T release on Jetson', () => {
    expect(parseCudaVersion('| NVIDIA-SMI 550.54.15   Driver Version: 550.54.15   CUDA Version: 12.4     |')).toBe('12.4');
    expect(parseCudaVersion('no banner')).toBeNull();
    expect(parseTegraRelease('# R36 (release), REVISION: 3.0, GCID: 36191598, BOARD: generic, EABI: aarch64')).toBe('R36.3.0');
    expect(parseTegraRelease('garbage')).toBeNull();
  });
});

describe('deepstreamStatus on this machine (no DeepStream, no GPU)', () => {
  const real = (extra: NodeJS.ProcessEnv) => deepstreamStatus({ env: { ...process.env, ...extra }, tegraReleaseFile: NO_TEGRA });
  const installedHere = existsSync('/opt/nvidia/deepstream/deepstream');

  it.each([
    ['unset', {}, 'DEEPSTREAM_ENABLED is not set'],
    ['false', { DEEPSTREAM_ENABLED: 'false' }, 'DEEPSTREAM_ENABLED is false'],
  ])('DEEPSTREAM_ENABLED %s: unavailable, says so with the fix', async (_label, extra, reason) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
    if (!('DEEPSTREAM_ENABLED' in extra)) delete env.DEEPSTREAM_ENABLED;
    const s = await deepstreamStatus({ env, tegraReleaseFile: NO_TEGRA });
    expect(s.available).toBe(false);
    expect(s.enabled).toBe(false);
    expect(check(s, 'DEEPSTREAM_ENABLED')).toMatchObject({ ok: false, reason, fix: 'export DEEPSTREAM_ENABLED=true' });
    expect(s.reasons[0]).toBe(reason);
  });

  it.skipIf(installedHere)('enabled but nothing installed: every missing part is a reason', async () => {
    const s = await real({ DEEPSTREAM_ENABLED: 'yes' });
    expect(s).toMatchObject({ available: false, enabled: true, version: null, path: '/opt/nvidia/deepstream/deepstream' });
    expect(check(s, 'DEEPSTREAM_ENABLED').ok).toBe(true);
    expect(check(s, 'deepstream-path')).toMatchObject({ ok: false, reason: '/opt/nvidia/deepstream/deepstream does not exist' });
    expect(check(s, 'nvinfer')).toMatchObject({ ok: false, found: false, required: true, reason: 'nvinfer not found: is /opt/nvidia/deepstream/deepstream/lib/gst-plugins on GSTREAMER_PLUGINS_PATH?' });
    expect(check(s, 'nvtracker')).toMatchObject({ ok: true, found: false, required: false });
    expect(check(s, 'gst-inspect-1.0').ok).toBe(true);
    expect(check(s, 'gpu')).toMatchObject({ ok: false, found: false });
    expect(s.gpu).toBeUndefined();
    expect(s.reasons).toContain('nvstreammux, nvinfer, nvvideoconvert, nvdsosd not found: is /opt/nvidia/deepstream/deepstream/lib/gst-plugins on GSTREAMER_PLUGINS_PATH?');
  });

  it('an invalid DEEPSTREAM_ENABLED is a usage error (exit 2)', async () => {
    await expect(real({ DEEPSTREAM_ENABLED: 'sometimes' })).rejects.toThrow(UsageError);
  });

  it('without gst-inspect-1.0 on PATH it still answers, with the apt line', async () => {
    const s = await deepstreamStatus({ env: { PATH: '/nonexistent', DEEPSTREAM_ENABLED: 'true' }, tegraReleaseFile: NO_TEGRA });
    expect(check(s, 'gst-inspect-1.0')).toMatchObject({ ok: false, found: false });
    expect(check(s, 'gst-inspect-1.0').fix).toContain('apt-get');
    expect(s.available).toBe(false);
  });
});

describe('deepstreamStatus with a faked installation', () => {
  let fake: FakeDeepstream;
  beforeAll(() => {
    fake = makeFakeDeepstream();
  });
  afterAll(() => fake.cleanup());

  it('enabled: available, version 7.1, every element found, the GPU described', async () => {
    const s = await deepstreamStatus({ env: fake.env({ DEEPSTREAM_ENABLED: 'true' }), tegraReleaseFile: NO_TEGRA });
    expect(s.reasons).toEqual([]);
    expect(s).toMatchObject({ available: true, enabled: true, version: '7.1', path: fake.root, pluginPath: join(fake.root, 'lib', 'gst-plugins') });
    expect(s.checks.every((c) => c.ok && c.found)).toBe(true);
    expect(s.gpu).toEqual({ ...FAKE_GPU, count: 1 });
    expect(check(s, 'gpu').detail).toBe('NVIDIA A2, driver 550.54.15, CUDA 12.4');
  });

  it('disabled (DEEPSTREAM_ENABLED=false): unavailable, though everything is found', async () => {
    const s = await deepstreamStatus({ env: fake.env({ DEEPSTREAM_ENABLED: 'false' }), tegraReleaseFile: NO_TEGRA });
    expect(s).toMatchObject({ available: false, enabled: false, version: '7.1' });
    expect(s.reasons).toEqual(['DEEPSTREAM_ENABLED is false']);
  });

  // The fake elements are real GStreamer plugins in <root>/lib/gst-plugins: GStreamer lists them only
  // with that folder on GST_PLUGIN_PATH, so finding them proves deepstreamStatus put it there.
  it('finds the nv elements through the lib/gst-plugins of NVIDIA_DEEPSTREAM_PATH, which it puts on the plugin path itself', async () => {
    const env = fake.env({ DEEPSTREAM_ENABLED: 'true', GST_PLUGIN_PATH: undefined, GSTREAMER_PLUGINS_PATH: undefined });
    const plain = await listFeatures({ env: gstChildEnv(readEnv(env), {}, env) });
    expect(plain.features.some((f) => f.name === 'nvinfer')).toBe(false);
    const s = await deepstreamStatus({ env, tegraReleaseFile: NO_TEGRA });
    expect(check(s, 'nvinfer')).toMatchObject({ ok: true, found: true });
    expect(s.available).toBe(true);
  });

  it('another NVIDIA_DEEPSTREAM_PATH without nvinfer: not found there, though this installation has it', async () => {
    const other = makeFakeDeepstream({ elements: ['nvstreammux', 'nvvideoconvert', 'nvdsosd'] });
    try {
      const env = other.env({ DEEPSTREAM_ENABLED: 'true' });
      delete env.GST_PLUGIN_PATH;
      const s = await deepstreamStatus({ env, tegraReleaseFile: NO_TEGRA });
      expect(check(s, 'nvstreammux')).toMatchObject({ ok: true, found: true });
      expect(check(s, 'nvinfer')).toMatchObject({ ok: false, found: false });
      const info = await inspectDescribe('nvinfer', { env: { ...env, GST_PLUGIN_PATH: fake.pluginPath } });
      expect(info.kind).toBe('element');
    } finally {
      other.cleanup();
    }
  });
});

describe('deepstreamStatus: broken installations', () => {
  it('a missing element, a GPU without driver, a version file without a version', async () => {
    const fake = makeFakeDeepstream({ elements: ['nvstreammux', 'nvvideoconvert', 'nvdsosd'], gpu: 'no-driver' });
    try {
      writeFileSync(join(fake.root, 'version'), 'DeepStream\n');
      const s = await deepstreamStatus({ env: fake.env({ DEEPSTREAM_ENABLED: '1' }), tegraReleaseFile: NO_TEGRA });
      expect(s.available).toBe(false);
      expect(check(s, 'version')).toMatchObject({ ok: false, reason: `${join(fake.root, 'version')} has no "Version: X.Y" line` });
      expect(check(s, 'nvinfer')).toMatchObject({ ok: false, found: false });
      expect(check(s, 'nvinfer').fix).toContain(`GSTREAMER_PLUGINS_PATH=${join(fake.root, 'lib', 'gst-plugins')}`);
      expect(check(s, 'nvtracker')).toMatchObject({ ok: true, found: false });
      expect(check(s, 'gpu').reason).toContain("couldn't communicate with the NVIDIA driver");
      expect(s.reasons).toContain(`nvinfer not found: is ${join(fake.root, 'lib', 'gst-plugins')} on GSTREAMER_PLUGINS_PATH?`);
    } finally {
      fake.cleanup();
    }
  });

  it('Jetson: no nvidia-smi, the L4T release file names the driver', async () => {
    const fake = makeFakeDeepstream({ gpu: 'absent' });
    const { dir, cleanup } = tempDir();
    try {
      const tegra = join(dir, 'nv_tegra_release');
      writeFileSync(tegra, '# R36 (release), REVISION: 3.0, GCID: 36191598, BOARD: generic, EABI: aarch64, DATE: Mon May  6 17:34:21 UTC 2024\n');
      const env = fake.env({ DEEPSTREAM_ENABLED: 'true', PATH: `${fake.bin}:/usr/bin:/bin` });
      const s = await deepstreamStatus({ env, tegraReleaseFile: tegra });
      expect(s.available).toBe(true);
      expect(s.gpu).toMatchObject({ name: 'NVIDIA Jetson (Tegra)', driver: 'R36.3.0', cuda: null });
    } finally {
      cleanup();
      fake.cleanup();
    }
  });
});
