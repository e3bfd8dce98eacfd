// doctor, status and diagnostics through the built CLI, on the real machine and on broken copies of it:
// no GStreamer on PATH, a plugin set taken away, an empty registry, bad variables, no Python bindings.
import { execa } from 'execa';
import { chmodSync, existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { makeFakeDeepstream } from '../helpers/fake-deepstream.js';

const APT_GST = 'apt-get update && apt-get install -y gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav';

interface Check { id: string; verdict: string; summary: string; fix?: string; details: string[] }
interface Readiness { ready: boolean; required: boolean; fix?: string; missing: { element: string; package?: string }[] }
const checks = (r: Record<string, unknown> | undefined): Check[] => (r?.checks ?? []) as Check[];
const commands = (r: Record<string, unknown> | undefined): Record<string, Readiness> => (r?.commands ?? {}) as Record<string, Readiness>;

// The plugin folder this GStreamer loads from, and gst-inspect's own Total count line.
async function systemPluginDir(): Promise<string> {
  const out = await execa('gst-inspect-1.0', ['coreelements'], { env: { LC_ALL: 'C' } });
  return dirname(/Filename\s+(\S+)/.exec(out.stdout)![1]!);
}

describe('doctor on this machine', () => {
  it('is ready: exit 0, flutter-doctor lines, a warning for DeepStream only', async () => {
    const r = await cli(['doctor']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^\[✓\] GStreamer 1\.\d+\.\d+: gst-launch-1\.0, gst-inspect-1\.0, gst-discoverer-1\.0$/);
    for (const c of ['compress', 'hls', 'rtsp', 'webrtc']) expect(lines).toContain(`[✓] ${c} ready`);
    expect(r.stdout).toMatch(/\[✓\] Plugin sets: base, good, bad, ugly, libav \(\d+ plugins, \d+ features\)/);
    expect(r.stdout).toMatch(/\[✓\] Codecs: h264, h265, vp8, vp9, av1, aac, opus · hardware: none/);
    expect(r.stdout).toMatch(/\[!\] deepstream not enabled: DEEPSTREAM_ENABLED is not set/);
    expect(r.stdout).toMatch(/\[✓\] System: .*CPU cores/);
  });

  it('--json: the whole report in one result line, totals equal to gst-inspect-1.0\'s own', async () => {
    const [r, raw] = await Promise.all([cli(['--json', 'doctor']), execa('gst-inspect-1.0', { env: { LC_ALL: 'C' } })]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const total = /^Total count: (\d+) plugins?(?: \((\d+) blacklist\D+\))?, (\d+) features?$/m.exec(raw.stdout)!;
    expect(r.result).toMatchObject({
      type: 'result', command: 'doctor', ok: true, exitCode: 0, scope: 'all',
      gstreamer: { installed: true, version: expect.stringMatching(/^1\.\d+\.\d+$/) },
      plugins: { total: Number(total[1]), features: Number(total[3]), consistent: true },
    });
    const p = r.result!.plugins as { total: number; listed: number; featureless: number; blacklisted: number };
    expect(p.listed + p.featureless + p.blacklisted).toBe(p.total);
    for (const c of ['compress', 'hls', 'rtsp', 'webrtc']) expect(commands(r.result)[c]).toMatchObject({ ready: true, required: true });
    expect(commands(r.result).deepstream).toMatchObject({ ready: false, required: false });
    const h264 = (r.result!.codecs as { codec: string; present: { encoders: string[] } }[]).find((c) => c.codec === 'h264')!;
    expect(h264.present.encoders).toContain('x264enc');
    expect(r.result!.python).toMatchObject({ interpreter: '/usr/bin/python3', ok: true, missing: [] });
    expect((r.result!.deepstream as { available: boolean }).available).toBe(false);
    expect(checks(r.result).every((c) => ['ok', 'warn', 'fail'].includes(c.verdict) && typeof c.summary === 'string')).toBe(true);
  });

  it('--for rtsp checks only what rtsp needs; --verbose lists every element and the Python import', async () => {
    const r = await cli(['--json', 'doctor', '--for', 'rtsp']);
    expect(r.exitCode).toBe(0);
    expect(checks(r.result).map((c) => c.id)).toEqual(['gstreamer', 'command:rtsp', 'env:GSTREAMER_PLUGINS_PATH', 'env:GSTREAMER_DEBUG', 'env:DEEPSTREAM_ENABLED', 'env:NVIDIA_DEEPSTREAM_PATH']);
    expect(Object.keys(commands(r.result))).toEqual(['rtsp']);
    const v = await cli(['doctor', '--for', 'rtsp', '--verbose']);
    expect(v.stdout).toContain('✓ H.264 over RTP: x264enc, h264parse, rtph264pay');
    expect(v.stdout).toContain('✓ /usr/bin/python3 imports Gst, GstRtspServer');
    const bad = await cli(['doctor', '--for', 'nonsense']);
    expect(bad.exitCode).toBe(2);
  });

  it('spawns one gst-inspect-1.0 listing per plugin path and no process per element', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const log = join(dir, 'calls.log');
      const wrapper = join(dir, 'gst-inspect-1.0');
      writeFileSync(wrapper, `#!/bin/sh\necho "\${GST_PLUGIN_PATH:-}|$*" >> '${log}'\nexec /usr/bin/gst-inspect-1.0 "$@"\n`);
      chmodSync(wrapper, 0o755);
      const r = await cli(['doctor'], { env: { PATH: `${dir}:${process.env.PATH}` } });
      expect(r.exitCode).toBe(0);
      const calls = readFileSync(log, 'utf8').trim().split('\n');
      // The listing, the version, and DeepStream's listing with its plugin folder added.
      expect(calls.filter((c) => c === '|')).toHaveLength(1);
      expect(calls.filter((c) => c === '|--version')).toHaveLength(1);
      expect(calls.filter((c) => !c.endsWith('|') && !c.endsWith('|--version'))).toEqual([]);
      expect(calls.length).toBeLessThanOrEqual(3);
    } finally {
      cleanup();
    }
  });
});

describe('GStreamer missing from PATH', () => {
  const env = { PATH: '/nonexistent' };

  it('doctor exits 3 with the apt line (human and --json)', async () => {
    const r = await cli(['doctor'], { env });
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toContain('[✗] GStreamer is not installed (gst-launch-1.0 is not on PATH).');
    expect(r.stdout).toContain(`fix: ${APT_GST}`);
    expect(r.stdout.split(APT_GST)).toHaveLength(2); // printed once, not under every command
    const j = await cli(['--json', 'doctor'], { env });
    expect(j.exitCode).toBe(3);
    expect(j.result).toMatchObject({ ok: false, exitCode: 3, gstreamer: { installed: false }, fixes: expect.arrayContaining([APT_GST]) });
    expect(commands(j.result).compress).toMatchObject({ ready: false, fix: APT_GST });
  });

  it.each([
    [['plugins']], [['plugins', 'show', 'x264enc']], [['plugins', '--missing']], [['status']],
    [['launch', 'videotestsrc num-buffers=1 ! fakesink']], [['test']],
  ])('%j exits 3 with the same hint, no stack trace', async (args) => {
    const r = await cli(args, { env });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/✗ GStreamer is not installed \(gst-(launch|inspect)-1\.0 is not on PATH\)\./);
    expect(r.stderr).toContain(`fix: ${APT_GST}`);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('status --json: installed false in the error, exit 3', async () => {
    const r = await cli(['--json', 'status'], { env });
    expect(r.exitCode).toBe(3);
    expect(r.result).toMatchObject({ ok: false, exitCode: 3, error: { installed: false, fix: APT_GST } });
  });

  it('diagnostics still writes its report, then exits 3', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'diag.txt');
      const r = await cli(['diagnostics', '--output', file], { env });
      expect(r.exitCode).toBe(3);
      expect(readFileSync(file, 'utf8')).toContain(APT_GST);
    } finally {
      cleanup();
    }
  });
});

describe('a plugin set taken away', () => {
  const ugly = tempDir('lydlr-no-ugly-');
  const empty = tempDir('lydlr-empty-');
  let noUglyEnv: Record<string, string>;
  let emptyEnv: Record<string, string>;

  beforeAll(async () => {
    // Every plugin of this machine except those Debian ships in gstreamer1.0-plugins-ugly.
    const pluginDir = await systemPluginDir();
    const uglyFiles = new Set((await execa('dpkg', ['-L', 'gstreamer1.0-plugins-ugly'])).stdout.split('\n').filter((f) => f.endsWith('.so')).map((f) => f.split('/').pop()));
    const plugins = join(ugly.dir, 'plugins');
    await execa('mkdir', ['-p', plugins]);
    for (const f of readdirSync(pluginDir).filter((f) => f.endsWith('.so') && !uglyFiles.has(f))) symlinkSync(join(pluginDir, f), join(plugins, f));
    expect(existsSync(join(plugins, 'libgstx264.so'))).toBe(false);
    noUglyEnv = { GST_PLUGIN_SYSTEM_PATH: plugins, GST_REGISTRY: join(ugly.dir, 'registry.bin') };
    emptyEnv = { GST_PLUGIN_SYSTEM_PATH: empty.dir, GST_REGISTRY: join(empty.dir, 'registry.bin') };
    // Build the registries once (a cold scan takes a few seconds).
    await execa('gst-inspect-1.0', ['--version'], { env: noUglyEnv });
    await execa('gst-inspect-1.0', { env: noUglyEnv });
  });
  afterAll(() => {
    ugly.cleanup();
    empty.cleanup();
  });

  it('without plugins-ugly: compress, hls and rtsp are not ready, each naming gstreamer1.0-plugins-ugly; webrtc falls back to VP8', async () => {
    const r = await cli(['--json', 'doctor'], { env: noUglyEnv });
    expect(r.exitCode).toBe(1);
    const c = commands(r.result);
    for (const name of ['compress', 'hls', 'rtsp']) {
      expect(c[name]).toMatchObject({ ready: false, fix: 'apt-get install -y gstreamer1.0-plugins-ugly' });
      expect(c[name]!.missing).toContainEqual({ element: 'x264enc', package: 'gstreamer1.0-plugins-ugly', required: true });
    }
    expect(c.webrtc!.ready).toBe(true);
    expect(checks(r.result).find((k) => k.id === 'plugin-set:ugly')).toMatchObject({ verdict: 'fail', fix: 'apt-get install -y gstreamer1.0-plugins-ugly' });
    const human = await cli(['doctor'], { env: noUglyEnv });
    expect(human.exitCode).toBe(1);
    expect(human.stdout).toContain('[✗] compress not ready: missing x264enc');
    expect(human.stdout).toContain('fix: apt-get install -y gstreamer1.0-plugins-ugly');
  });

  it('doctor --for webrtc is still ready (exit 0); --for hls is not (exit 1)', async () => {
    expect((await cli(['doctor', '--for', 'webrtc'], { env: noUglyEnv })).exitCode).toBe(0);
    expect((await cli(['doctor', '--for', 'hls'], { env: noUglyEnv })).exitCode).toBe(1);
  });

  it('plugins --missing names the set; plugins show x264enc exits 3 with the package', async () => {
    const m = await cli(['--json', 'plugins', '--missing'], { env: noUglyEnv });
    expect(m.exitCode).toBe(0);
    expect(m.result!.missing).toContain('gstreamer1.0-plugins-ugly');
    const s = await cli(['plugins', 'show', 'x264enc'], { env: noUglyEnv });
    expect(s.exitCode).toBe(3);
    expect(s.stderr).toContain('"x264enc" is not installed (it comes from gstreamer1.0-plugins-ugly)');
    expect(s.stderr).toContain('fix: apt-get install -y gstreamer1.0-plugins-ugly');
  });

  it('an empty plugin folder: every set and command fails (exit 1), one apt line with the core packages', async () => {
    const r = await cli(['--json', 'doctor'], { env: emptyEnv });
    expect(r.exitCode).toBe(1);
    const c = commands(r.result);
    for (const name of ['compress', 'hls', 'rtsp', 'webrtc']) expect(c[name]!.ready).toBe(false);
    expect(c.compress!.fix).toMatch(/^apt-get install -y .*gstreamer1\.0-plugins-base/);
    expect(c.compress!.fix).toContain('gstreamer1.0-plugins-ugly');
    expect(c.compress!.fix).toContain('gstreamer1.0-libav');
    expect(r.result!.plugins).toMatchObject({ total: 1, listed: 1 });
  });
});

describe('bad settings', () => {
  it('GSTREAMER_DEBUG=9: doctor reports it and exits 2; other commands exit 2 with the same message', async () => {
    const env = { GSTREAMER_DEBUG: '9' };
    const d = await cli(['doctor'], { env });
    expect(d.exitCode).toBe(2);
    expect(d.stdout).toContain('Environment variable GSTREAMER_DEBUG must be a number from 0 to 5.');
    expect(d.stdout).toContain('fix: export GSTREAMER_DEBUG=2');
    expect(d.stdout).toContain('[✓] compress ready');
    for (const args of [['plugins'], ['status'], ['plugins', 'show', 'x264enc']]) {
      const r = await cli(args, { env });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('Environment variable GSTREAMER_DEBUG must be a number from 0 to 5.');
    }
  });

  it('GSTREAMER_PLUGINS_PATH naming a missing folder is a warning, not a failure', async () => {
    const r = await cli(['--json', 'doctor', '--for', 'compress'], { env: { GSTREAMER_PLUGINS_PATH: '/nonexistent/gst-plugins' } });
    expect(r.exitCode).toBe(0);
    expect(checks(r.result).find((c) => c.id === 'env:GSTREAMER_PLUGINS_PATH')).toMatchObject({ verdict: 'warn' });
  });

  it('no Python bindings for the helper: rtsp and webrtc are not ready, with the packages', async () => {
    const r = await cli(['--json', 'doctor'], { env: { LYDLR_PYTHON: '/nonexistent/python3' } });
    expect(r.exitCode).toBe(1);
    const c = commands(r.result);
    expect(c.rtsp).toMatchObject({ ready: false, fix: 'apt-get install -y python3 python3-gi gir1.2-gstreamer-1.0 gir1.2-gst-rtsp-server-1.0' });
    expect(c.webrtc!.ready).toBe(false);
    expect(c.compress!.ready).toBe(true);
  });

  it('DeepStream switched on or asked for, without an installation: not ready, exit 1', async () => {
    const on = await cli(['--json', 'doctor'], { env: { DEEPSTREAM_ENABLED: 'true' } });
    expect(on.exitCode).toBe(1);
    expect(commands(on.result).deepstream).toMatchObject({ ready: false, required: true });
    const asked = await cli(['doctor', '--for', 'deepstream'], { env: { DEEPSTREAM_ENABLED: 'false' } });
    expect(asked.exitCode).toBe(1);
    expect(asked.stdout).toContain('[✗] deepstream not ready: DEEPSTREAM_ENABLED is false');
  });
});

describe('doctor and deepstream status give one answer (a faked DeepStream installation)', () => {
  it('enabled: ready with the version and GPU, exit 0; the report carries the very status `deepstream status` prints', async () => {
    const fake = makeFakeDeepstream();
    try {
      const env = fake.env({ DEEPSTREAM_ENABLED: 'true' });
      const [d, s] = await Promise.all([cli(['--json', 'doctor', '--for', 'deepstream'], { env }), cli(['--json', 'deepstream', 'status'], { env })]);
      expect(d.exitCode).toBe(0);
      expect(commands(d.result).deepstream).toMatchObject({ ready: true, required: true });
      const status = s.result!;
      expect(status).toMatchObject({ available: true, version: '7.1' });
      expect(d.result!.deepstream).toMatchObject({ available: status.available, version: status.version, checks: status.checks });
      const human = await cli(['doctor', '--for', 'deepstream'], { env });
      expect(human.stdout).toContain('[✓] deepstream ready: DeepStream 7.1, NVIDIA A2');
      const off = await cli(['doctor', '--for', 'deepstream'], { env: fake.env({ DEEPSTREAM_ENABLED: 'false' }) });
      expect(off.exitCode).toBe(1);
      expect(off.stdout).toContain('[✗] deepstream not ready: DEEPSTREAM_ENABLED is false');
    } finally {
      fake.cleanup();
    }
  });
});

describe('status', () => {
  it('one screen, and the same facts in --json', async () => {
    const r = await cli(['status']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^✓ GStreamer 1\.\d+\.\d+ installed/);
    expect(r.stdout).toMatch(/Plugins\s+\d+ \(\d+ with features, \d+ without, 0 blacklisted\)/);
    expect(r.stdout).toContain('DeepStream not available: DEEPSTREAM_ENABLED is not set');
    const j = await cli(['--json', 'status']);
    expect(j.result).toMatchObject({ ok: true, installed: true, consistent: true, deepstream: { available: false } });
    const f = j.result!.features as { total: number; byKind: Record<string, number> };
    expect(Object.values(f.byKind).reduce((a, b) => a + b, 0)).toBe(f.total);
  });
});

describe('diagnostics', () => {
  it('prints everything, writes text or JSON with --output, and never overwrites without --overwrite', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const r = await cli(['diagnostics']);
      expect(r.exitCode).toBe(0);
      for (const section of ['== Doctor ==', '== Versions ==', '== Environment ==', '== Registry ==', '== Blacklisted plugins ==']) expect(r.stdout).toContain(section);
      expect(r.stdout).toMatch(/gstreamer1\.0-tools\s+1\.22/);
      const text = join(dir, 'diag.txt');
      const w = await cli(['diagnostics', '--output', text]);
      expect(w.exitCode).toBe(0);
      expect(w.stdout).toContain(`Wrote diagnostics to ${text}`);
      expect(readFileSync(text, 'utf8')).toContain('== Versions ==');
      const again = await cli(['diagnostics', '--output', text]);
      expect(again.exitCode).toBe(2);
      expect(again.stderr).toContain('already exists');
      expect((await cli(['diagnostics', '--output', text, '--overwrite'])).exitCode).toBe(0);
      const json = join(dir, 'diag.json');
      expect((await cli(['diagnostics', '-o', json])).exitCode).toBe(0);
      const d = JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>;
      expect(d).toMatchObject({ tool: { name: 'lydlr-gst' }, node: { version: process.version }, report: { exitCode: 0 }, blacklisted: [] });
      expect((d.packages as { name: string; status: string }[]).find((p) => p.name === 'gstreamer1.0-tools')).toMatchObject({ status: 'ii' });
      expect(readdirSync(dir).sort()).toEqual(['diag.json', 'diag.txt']);
    } finally {
      cleanup();
    }
  });
});
