import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codecCandidates, codecCheck, codecMatrix } from '../../../src/health/codec-matrix.js';
import { envChecks, inspectEnv } from '../../../src/health/env-check.js';
import { parseGstVersion, toolsCheck } from '../../../src/health/gst-tools.js';
import { muxersCheck } from '../../../src/health/muxers.js';
import { PLUGIN_SETS, pluginSetChecks, pluginSetStatus } from '../../../src/health/plugin-sets.js';
import { evaluateNeed } from '../../../src/health/readiness.js';
import { describeSystem, systemInfo } from '../../../src/health/system-info.js';
import { filterListing } from '../../../src/gst/inspect/plugins.js';
import { notFoundError } from '../../../src/gst/inspect/describe.js';
import { fixForMissing, missingElement } from '../../../src/health/fixes.js';
import { EnvironmentError, UsageError } from '../../../src/errors.js';
import { ELEMENTS, LISTING, listingFixture } from './fixtures.js';

describe('codec matrix', () => {
  const rows = codecMatrix(ELEMENTS);
  const row = (c: string) => rows.find((r) => r.codec === c)!;

  it('covers h264, h265, vp8, vp9, av1, aac, opus with encoder, decoder and parser', () => {
    expect(rows.map((r) => r.codec)).toEqual(['h264', 'h265', 'vp8', 'vp9', 'av1', 'aac', 'opus']);
    expect(row('h264').present).toEqual({ encoders: ['x264enc', 'openh264enc'], decoders: ['avdec_h264', 'openh264dec'], parsers: ['h264parse'], hardware: [] });
    expect(row('vp8').parsers).toEqual([]);
    expect(row('aac').present.encoders).toEqual(['avenc_aac', 'voaacenc']);
    expect(rows.every((r) => codecCheck(r).verdict === 'ok')).toBe(true);
  });

  it('names hardware candidates by vendor scheme, and finds unexpected ones in the listing', () => {
    const c = codecCandidates('h264', new Set(['vah264lpenc', 'd3d11h264dec', 'x264enc']));
    expect(c.encoders.hardware).toEqual(expect.arrayContaining(['nvh264enc', 'vah264enc', 'vaapih264enc', 'qsvh264enc', 'v4l2h264enc', 'vah264lpenc']));
    expect(c.decoders.hardware).toEqual(expect.arrayContaining(['nvh264dec', 'vah264dec', 'v4l2slh264dec', 'nvv4l2decoder', 'd3d11h264dec']));
    const withGpu = codecMatrix(new Set([...ELEMENTS, 'nvh264enc', 'vah264dec']));
    expect(withGpu[0]!.present.hardware).toEqual(['nvh264enc', 'vah264dec']);
    expect(codecCheck(withGpu[0]!).summary).toContain('hardware: nvh264enc, vah264dec');
  });

  it('a codec without an encoder is a warning with the package of the usual one', () => {
    const names = new Set([...ELEMENTS].filter((e) => e !== 'vp9enc'));
    const check = codecCheck(codecMatrix(names).find((r) => r.codec === 'vp9')!);
    expect(check).toMatchObject({ verdict: 'warn', fix: 'apt-get install -y gstreamer1.0-plugins-good' });
    expect(check.summary).toMatch(/^vp9: no encoder/);
  });
});

describe('plugin sets and muxers', () => {
  it('all core sets installed on the real listing; alsa and vaapi are not', () => {
    const status = pluginSetStatus(new Set(LISTING.plugins));
    expect(status.filter((s) => s.core).every((s) => s.state === 'installed')).toBe(true);
    expect(status.filter((s) => s.state !== 'installed').map((s) => s.package)).toEqual(['gstreamer1.0-alsa', 'gstreamer1.0-vaapi']);
    expect(pluginSetChecks(status).map((c) => c.id)).toEqual(['plugin-set:base', 'plugin-set:good', 'plugin-set:bad', 'plugin-set:ugly', 'plugin-set:libav']);
  });

  it('a set with some plugins gone is partial: a warning and a reinstall', () => {
    const plugins = new Set(LISTING.plugins.filter((p) => p !== 'vpx'));
    const good = pluginSetChecks(pluginSetStatus(plugins)).find((c) => c.id === 'plugin-set:good')!;
    expect(good).toMatchObject({ verdict: 'warn', fix: 'apt-get install --reinstall -y gstreamer1.0-plugins-good' });
    expect(good.summary).toContain('no vpx plugin');
  });

  it('the markers are real plugin names', () => {
    const known = new Set(LISTING.plugins);
    for (const s of PLUGIN_SETS.filter((x) => !['alsa', 'vaapi'].includes(x.id))) expect(s.markers.filter((m) => !known.has(m))).toEqual([]);
  });

  it('muxers from the container table', () => {
    expect(muxersCheck(ELEMENTS)).toMatchObject({ verdict: 'ok', summary: 'mp4mux, qtmux, matroskamux, webmmux, mpegtsmux, flvmux' });
    const check = muxersCheck(new Set([...ELEMENTS].filter((e) => e !== 'webmmux')));
    expect(check).toMatchObject({ verdict: 'warn', fix: 'apt-get install -y gstreamer1.0-plugins-good' });
  });
});

describe('needs, fixes, tools', () => {
  it('a need is met by any complete alternative; otherwise the preferred one says what it lacks', () => {
    const need = { what: 'video', anyOf: [['vp8enc', 'rtpvp8pay'], ['x264enc', 'rtph264pay']], required: true };
    expect(evaluateNeed(need, new Set(['x264enc', 'rtph264pay']))).toEqual({ met: true, elements: ['x264enc', 'rtph264pay'], missing: [] });
    expect(evaluateNeed(need, new Set(['rtpvp8pay']))).toEqual({ met: false, elements: ['vp8enc', 'rtpvp8pay'], missing: ['vp8enc'] });
  });

  it('one apt line for Debian packages, a note for NVIDIA, a search hint for unknown names', () => {
    const fix = fixForMissing([missingElement('x264enc', true), missingElement('hlssink2', true), missingElement('h264parse', true), missingElement('nvinfer', true), missingElement('frobnicate', true)]);
    expect(fix).toBe('apt-get install -y gstreamer1.0-plugins-ugly gstreamer1.0-plugins-bad; install the NVIDIA DeepStream SDK / drivers (not a Debian package); find the package providing frobnicate (apt-file search libgst…)');
  });

  it('the version line and the tools check', () => {
    expect(parseGstVersion('gst-inspect-1.0 version 1.22.0\nGStreamer 1.22.0\nhttps://tracker.debian.org/pkg/gstreamer1.0\n')).toBe('1.22.0');
    const tools = { 'gst-launch-1.0': '/usr/bin/gst-launch-1.0', 'gst-inspect-1.0': '/usr/bin/gst-inspect-1.0', 'gst-discoverer-1.0': null };
    expect(toolsCheck({ tools, version: '1.22.0' })).toMatchObject({ verdict: 'warn', fix: 'apt-get install -y gstreamer1.0-plugins-base-apps' });
    expect(toolsCheck({ tools: { ...tools, 'gst-inspect-1.0': null }, version: undefined })).toMatchObject({ verdict: 'fail', summary: 'GStreamer is not installed (gst-inspect-1.0 is not on PATH).' });
  });
});

describe('environment variables', () => {
  it('keeps going past an invalid value, reports it, and leaves it out', () => {
    const facts = inspectEnv({ GSTREAMER_DEBUG: 'loud', DEEPSTREAM_ENABLED: 'maybe', PATH: '/usr/bin' });
    expect(facts.cleaned).toEqual({ PATH: '/usr/bin' });
    expect(facts.config).toMatchObject({ debugLevel: undefined, deepstreamEnabled: undefined });
    const checks = envChecks(facts);
    expect(checks.filter((c) => c.verdict === 'fail').map((c) => c.id)).toEqual(['env:GSTREAMER_DEBUG', 'env:DEEPSTREAM_ENABLED']);
    expect(checks.find((c) => c.id === 'env:DEEPSTREAM_ENABLED')!.fix).toContain('export DEEPSTREAM_ENABLED=true');
  });

  it('a plugin folder that is not there is a warning naming it', () => {
    const check = envChecks(inspectEnv({ GSTREAMER_PLUGINS_PATH: `${tmpdir()}:/nonexistent/plugins` })).find((c) => c.id === 'env:GSTREAMER_PLUGINS_PATH')!;
    expect(check).toMatchObject({ verdict: 'warn', fix: `export GSTREAMER_PLUGINS_PATH=${tmpdir()}   (or unset it)` });
    expect(check.summary).toContain('/nonexistent/plugins');
  });
});

describe('system info from a fake root', () => {
  const root = mkdtempSync(join(tmpdir(), 'lydlr-sys-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const put = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  it('reads the OS name, NVIDIA GPUs from the driver, and DRM render nodes', () => {
    put('etc/os-release', 'NAME="Debian GNU/Linux"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n');
    put('proc/driver/nvidia/version', 'NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.14  Thu Feb 22 01:44:30 UTC 2024\n');
    put('proc/driver/nvidia/gpus/0000:01:00.0/information', 'Model: \t\t NVIDIA GeForce RTX 3090\nIRQ: 1\n');
    put('sys/class/drm/card1/device/vendor', '0x8086\n');
    put('sys/class/drm/card1/device/uevent', 'DRIVER=i915\nPCI_ID=8086:9A49\n');
    put('dev/dri/renderD128', '');
    const info = systemInfo(root);
    expect(info.os.name).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(info.gpus).toEqual([
      { vendor: 'nvidia', name: 'NVIDIA GeForce RTX 3090', device: undefined, driver: '550.54.14' },
      { vendor: 'intel', name: undefined, device: '/dev/dri/renderD128', driver: 'i915' },
    ]);
    expect(describeSystem(info)).toContain('nvidia NVIDIA GeForce RTX 3090 driver 550.54.14, intel driver i915');
    expect(info.cpu.cores).toBeGreaterThan(0);
  });

  it('no GPU at all', () => {
    expect(systemInfo(join(root, 'nothing')).gpus).toEqual([]);
    expect(describeSystem(systemInfo(join(root, 'nothing')))).toMatch(/no GPU$/);
  });
});

describe('plugin list', () => {
  it('accounts for every plugin of the Total count line, every feature naming its plugin', () => {
    const list = filterListing(LISTING, {});
    expect(list.totals).toEqual({ plugins: 265, features: 1583, blacklisted: 0 });
    expect(list.accounting.listed + list.accounting.featureless + list.accounting.blacklisted).toBe(265);
    expect(list.plugins).toHaveLength(256);
    expect(list.features).toHaveLength(1583);
    expect(list.plugins.reduce((n, p) => n + p.features.length, 0)).toBe(1583);
    expect(list.consistent).toBe(true);
  });

  it('filters by text (name, description, plugin) and by kind', () => {
    const x264 = filterListing(LISTING, { search: 'X264' });
    expect(x264.features.map((f) => `${f.plugin}:${f.name}`)).toEqual(['typefindfunctions:video/x-h264', 'x264:x264enc']);
    const tracers = filterListing(LISTING, { type: 'tracer' });
    expect(tracers.plugins.map((p) => p.name)).toEqual(['coretracers']);
    expect(tracers.plugins[0]!.counts).toEqual({ tracer: 6 });
    expect(filterListing(LISTING, { search: 'mpeg-ts', type: 'element' }).features.every((f) => f.kind === 'element')).toBe(true);
  });

  it('an empty registry has only the static elements', () => {
    const list = filterListing(listingFixture('empty-registry-listing.txt'), {});
    expect(list.plugins.map((p) => p.name)).toEqual(['staticelements']);
  });
});

describe('unknown names', () => {
  it('a typo is a usage error with suggestions; a known element not installed names its package (exit 3)', () => {
    const typo = notFoundError({ kind: 'not-found', name: 'x264enx', suggestions: ['x264enc', 'x265enc'] });
    expect(typo).toBeInstanceOf(UsageError);
    expect(typo.message).toBe('No element or plugin named "x264enx". Did you mean "x264enc", "x265enc"?');
    const vaapi = notFoundError({ kind: 'not-found', name: 'vaapih264enc', suggestions: [] });
    expect(vaapi).toBeInstanceOf(EnvironmentError);
    expect(vaapi.fix).toBe('apt-get install -y gstreamer1.0-vaapi');
    const provider = notFoundError({ kind: 'not-found', name: 'pulsedeviceprovider', suggestions: [], feature: { plugin: 'pulseaudio', name: 'pulsedeviceprovider', kind: 'device-provider', description: 'GstDeviceProviderFactory' } });
    expect(provider.exitCode).toBe(2);
    expect(provider.fix).toBe('lydlr-gst plugins show pulseaudio');
  });
});
