import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { buildChecks } from '../../../src/health/checks.js';
import { countVerdicts, exitCodeOf } from '../../../src/health/report.js';
import { inspectEnv } from '../../../src/health/env-check.js';
import { renderDoctor } from '../../../src/report/doctor-view.js';
import type { HealthReport } from '../../../src/health/types.js';
import type { HealthFacts } from '../../../src/health/facts.js';
import type { Scope } from '../../../src/health/checks.js';
import { DEEPSTREAM_OFF, facts, listingFixture, listingWithout } from './fixtures.js';

const byId = (f: HealthFacts, scope: Scope = 'all') => {
  const built = buildChecks(f, scope);
  return { ...built, get: (id: string) => built.checks.find((c) => c.id === id)! };
};

// A report as healthReport makes it, from facts (no process).
function reportOf(f: HealthFacts, scope: Scope = 'all'): HealthReport {
  const b = buildChecks(f, scope);
  const exitCode = exitCodeOf(b.checks);
  return {
    exitCode, ok: exitCode === 0, scope, gstreamer: { installed: f.installed, version: f.version, tools: f.tools },
    plugins: f.listing?.totals ? { total: f.listing.totals.plugins, listed: f.listing.plugins.length, featureless: f.listing.featurelessPlugins, blacklisted: 0, features: f.listing.totals.features, consistent: f.listing.consistent } : null,
    pluginSets: b.pluginSets, codecs: b.codecs, commands: b.commands, python: f.python ?? null, deepstream: f.deepstream ?? null,
    checks: b.checks, counts: countVerdicts(b.checks), fixes: [], system: f.system, durationMs: 1,
  };
}

describe('buildChecks on the real 1.22 listing', () => {
  it('a complete machine: every command ready, DeepStream off is a warning, exit 0', () => {
    const { checks, commands, get } = byId(facts());
    expect(get('gstreamer')).toMatchObject({ verdict: 'ok', summary: expect.stringContaining('GStreamer 1.22.0') });
    for (const c of ['compress', 'hls', 'rtsp', 'webrtc'] as const) expect(commands[c]).toMatchObject({ ready: true, required: true });
    expect(commands.deepstream).toMatchObject({ ready: false, required: false });
    expect(get('command:deepstream').verdict).toBe('warn');
    expect(checks.filter((c) => c.verdict === 'fail')).toEqual([]);
    expect(exitCodeOf(checks)).toBe(0);
    expect(checks.map((c) => c.group)).toEqual(expect.arrayContaining(['gstreamer', 'plugins', 'codecs', 'muxers', 'commands', 'environment', 'system']));
  });

  it('--for compress: only the tools, that command and the environment', () => {
    const { checks } = byId(facts(), 'compress');
    expect(checks.map((c) => c.id)).toEqual(['gstreamer', 'command:compress', 'env:GSTREAMER_PLUGINS_PATH', 'env:GSTREAMER_DEBUG', 'env:DEEPSTREAM_ENABLED', 'env:NVIDIA_DEEPSTREAM_PATH']);
  });

  it('plugins-ugly missing: its set fails and compress, hls, rtsp are not ready with its package; webrtc falls back to VP8', () => {
    const f = facts({ listing: listingWithout(['x264']) });
    const { commands, get, checks } = byId(f);
    expect(get('plugin-set:ugly')).toMatchObject({ verdict: 'fail', fix: 'apt-get install -y gstreamer1.0-plugins-ugly' });
    for (const c of ['compress', 'hls', 'rtsp'] as const) {
      expect(commands[c]).toMatchObject({ ready: false, fix: 'apt-get install -y gstreamer1.0-plugins-ugly' });
      expect(commands[c]!.missing).toContainEqual({ element: 'x264enc', package: 'gstreamer1.0-plugins-ugly', required: true });
    }
    expect(commands.webrtc!.ready).toBe(true);
    expect(get('codec:h264').verdict).toBe('ok'); // openh264enc still encodes
    expect(exitCodeOf(checks)).toBe(1);
  });

  it('hlssink2 missing (plugins-bad hls plugin): only hls is not ready', () => {
    const { commands } = byId(facts({ listing: listingWithout(['hls']) }));
    expect(commands.hls).toMatchObject({ ready: false, fix: 'apt-get install -y gstreamer1.0-plugins-bad' });
    // Live HLS uses hlssink (same plugin): listed too, as an optional part.
    expect(commands.hls!.missing).toContainEqual({ element: 'hlssink', package: 'gstreamer1.0-plugins-bad', required: false });
    expect(commands.compress!.ready).toBe(true);
  });

  it('an empty registry: every set and command fails, with one apt line naming the packages', () => {
    const empty = listingFixture('empty-registry-listing.txt');
    const { commands, checks } = byId(facts({ listing: empty }));
    expect(checks.filter((c) => c.id.startsWith('plugin-set:')).every((c) => c.verdict === 'fail')).toBe(true);
    expect(commands.compress!.ready).toBe(false);
    expect(commands.compress!.fix).toMatch(/^apt-get install -y .*gstreamer1\.0-plugins-base.*gstreamer1\.0-plugins-ugly/);
    expect(commands.webrtc!.fix).toContain('gstreamer1.0-nice');
    expect(exitCodeOf(checks)).toBe(1);
  });

  it('the helper cannot import GstRtspServer: rtsp not ready with the typelib package, webrtc still ready', () => {
    const python = { interpreter: '/usr/bin/python3', ok: false, missing: ['GstRtspServer' as const], stderr: '' };
    const { commands, get } = byId(facts({ python }));
    expect(commands.rtsp).toMatchObject({ ready: false, fix: 'apt-get install -y python3-gi gir1.2-gst-rtsp-server-1.0' });
    expect(get('command:rtsp').summary).toContain('Python GstRtspServer');
    expect(commands.webrtc!.ready).toBe(true);
  });

  it('no interpreter at all: python3 is part of the fix', () => {
    const python = { interpreter: '/nonexistent/python3', ok: false, missing: ['Gst', 'GstRtspServer', 'GstWebRTC', 'GstSdp'] as const, stderr: '/nonexistent/python3 not found' };
    const { commands } = byId(facts({ python: { ...python, missing: [...python.missing] } }));
    expect(commands.webrtc!.fix).toBe('apt-get install -y python3 python3-gi gir1.2-gstreamer-1.0 gir1.2-gst-plugins-bad-1.0 gir1.2-gst-plugins-base-1.0');
  });

  it('GStreamer missing: exit 3, the apt line on the tools check and on every command', () => {
    const tools = { 'gst-launch-1.0': null, 'gst-inspect-1.0': null, 'gst-discoverer-1.0': null };
    const { checks, commands, get } = byId(facts({ tools, installed: false, version: undefined, listing: undefined }));
    expect(get('gstreamer')).toMatchObject({ verdict: 'fail', fix: expect.stringContaining('apt-get install -y gstreamer1.0-tools') });
    expect(commands.compress).toMatchObject({ ready: false, fix: get('gstreamer').fix });
    expect(exitCodeOf(checks)).toBe(3);
  });

  it('gst-inspect-1.0 present but failing is GStreamer being unusable: exit 3 with the error', () => {
    const { checks, get } = byId(facts({ listing: undefined, listingError: 'gst-inspect-1.0 failed (exit 1): boom' }));
    expect(get('gstreamer')).toMatchObject({ verdict: 'fail', summary: expect.stringContaining('boom') });
    expect(exitCodeOf(checks)).toBe(3);
  });

  it('an invalid GSTREAMER_DEBUG: exit 2 with readEnv\'s message and fix', () => {
    const { checks, get } = byId(facts({ env: inspectEnv({ GSTREAMER_DEBUG: '9' }) }));
    expect(get('env:GSTREAMER_DEBUG')).toMatchObject({ verdict: 'fail', summary: 'Environment variable GSTREAMER_DEBUG must be a number from 0 to 5.' });
    expect(get('env:GSTREAMER_DEBUG').fix).toContain('export GSTREAMER_DEBUG=');
    expect(exitCodeOf(checks)).toBe(2);
  });

  it('DeepStream counts when enabled or asked for', () => {
    const enabled = { ...DEEPSTREAM_OFF, enabled: true, reasons: ['nvinfer not found'] };
    expect(byId(facts({ deepstream: enabled })).get('command:deepstream')).toMatchObject({ verdict: 'fail', summary: 'deepstream not ready: nvinfer not found' });
    const asked = byId(facts(), 'deepstream');
    expect(asked.get('command:deepstream').verdict).toBe('fail');
    expect(asked.get('command:deepstream').missing).toEqual([{ element: 'nvinfer', package: expect.stringContaining('NVIDIA'), required: true }]);
    expect(exitCodeOf(asked.checks)).toBe(1);
    const ready = { ...DEEPSTREAM_OFF, available: true, enabled: true, version: '7.1', checks: [], reasons: [] };
    expect(byId(facts({ deepstream: ready }), 'deepstream').get('command:deepstream')).toMatchObject({ verdict: 'ok', summary: 'deepstream ready: DeepStream 7.1' });
  });
});

describe('a DeepStream probe that throws', () => {
  it('is a warning when DeepStream was not asked for, a failure when it was', () => {
    const broken = facts({ deepstream: undefined, deepstreamError: 'boom' });
    expect(byId(broken).get('command:deepstream')).toMatchObject({ verdict: 'warn', summary: 'deepstream not ready: DeepStream status unavailable: boom' });
    expect(exitCodeOf(byId(broken).checks)).toBe(0);
    expect(exitCodeOf(byId(broken, 'deepstream').checks)).toBe(1);
  });
});

describe('renderDoctor', () => {
  const chalk = new Chalk({ level: 0 });

  it('flutter-doctor lines, folded areas, a footer', () => {
    const lines = renderDoctor(reportOf(facts()), { verbose: false, chalk });
    expect(lines[0]).toBe('[✓] GStreamer 1.22.0: gst-launch-1.0, gst-inspect-1.0, gst-discoverer-1.0');
    expect(lines).toContain('[✓] Plugin sets: base, good, bad, ugly, libav (265 plugins, 1583 features)');
    expect(lines).toContain('[✓] Codecs: h264, h265, vp8, vp9, av1, aac, opus · hardware: none');
    expect(lines).toContain('[✓] compress ready');
    expect(lines.some((l) => l.startsWith('[!] deepstream not enabled'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^! Doctor found 1 warning/);
    expect(lines.some((l) => l.includes('✓ x264enc'))).toBe(false);
    expect(renderDoctor(reportOf(facts()), { verbose: true, chalk }).some((l) => l.includes('✓ x264enc'))).toBe(true);
  });

  it('a failed command shows what is missing and the fix; a repeated fix is printed once', () => {
    const lines = renderDoctor(reportOf(facts({ listing: listingWithout(['x264']) })), { verbose: false, chalk });
    expect(lines).toContain('[✗] compress not ready: missing x264enc');
    expect(lines).toContain('    ✗ H.264 in MP4 (the default): missing x264enc (gstreamer1.0-plugins-ugly)');
    expect(lines.filter((l) => l.includes('fix: apt-get install -y gstreamer1.0-plugins-ugly'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^✗ Doctor found \d+ problems/);
  });
});
