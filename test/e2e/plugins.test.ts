// plugins and plugins show through the built CLI, checked against raw gst-inspect-1.0 on this machine.
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

interface Feature { plugin: string; name: string; kind: string; description: string }

async function rawTotals(): Promise<{ plugins: number; blacklisted: number; features: number; names: Set<string> }> {
  const out = (await execa('gst-inspect-1.0', { env: { LC_ALL: 'C', GST_INSPECT_NO_COLORS: '1' } })).stdout;
  const m = /^Total count: (\d+) plugins?(?: \((\d+) blacklist\D+\))?, (\d+) features?$/m.exec(out)!;
  const names = new Set(out.split('\n').map((l) => /^([^:\s]+): /.exec(l)?.[1]).filter((n): n is string => Boolean(n)));
  return { plugins: Number(m[1]), blacklisted: Number(m[2] ?? 0), features: Number(m[3]), names };
}

describe('plugins', () => {
  it('--json: every feature names its plugin; plugins and totals agree exactly with gst-inspect-1.0', async () => {
    const [r, raw] = await Promise.all([cli(['--json', 'plugins']), rawTotals()]);
    expect(r.exitCode).toBe(0);
    const result = r.result!;
    expect(result.totals).toEqual({ plugins: raw.plugins, features: raw.features, blacklisted: raw.blacklisted });
    const features = result.features as Feature[];
    expect(features).toHaveLength(raw.features);
    expect(features.every((f) => typeof f.plugin === 'string' && f.plugin !== '' && typeof f.name === 'string')).toBe(true);
    const plugins = result.plugins as { name: string; features: string[] }[];
    expect(new Set(plugins.map((p) => p.name))).toEqual(raw.names);
    const a = result.accounting as { listed: number; featureless: number; blacklisted: number };
    expect(a.listed).toBe(plugins.length);
    expect(a.listed + a.featureless + a.blacklisted).toBe(raw.plugins);
    expect(result.consistent).toBe(true);
    expect(features.find((f) => f.name === 'x264enc')).toEqual({ plugin: 'x264', name: 'x264enc', kind: 'element', description: 'x264 H.264 Encoder' });
  });

  it('human: each plugin with its features, and the totals line', async () => {
    const r = await cli(['plugins']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^x264 \(1 element\)\n {2}x264enc {2}x264 H\.264 Encoder$/m);
    expect(r.stdout).toMatch(/\d+ plugins, \d+ features: \d+ with features \+ \d+ that registered none \+ \d+ blacklisted ✓ matches gst-inspect-1\.0/);
  });

  it('--search and --type filter; a bad --type is exit 2', async () => {
    const s = await cli(['--json', 'plugins', '--search', 'h264parse']);
    expect((s.result!.features as Feature[]).map((f) => f.name)).toEqual(['h264parse']);
    const t = await cli(['plugins', '--type', 'tracer', '--json']);
    const tracers = t.result!.features as Feature[];
    expect(tracers.length).toBeGreaterThan(0);
    expect(tracers.every((f) => f.kind === 'tracer' && f.plugin === 'coretracers')).toBe(true);
    const human = await cli(['plugins', '--search', 'x264']);
    expect(human.stdout).toContain('x264enc');
    expect(human.stdout).toMatch(/2 features in 2 plugins match "x264"/);
    expect((await cli(['plugins', '--type', 'bogus'])).exitCode).toBe(2);
  });

  it('--missing lists the common plugin sets with their state', async () => {
    const r = await cli(['--json', 'plugins', '--missing']);
    expect(r.exitCode).toBe(0);
    const sets = r.result!.sets as { package: string; state: string; core: boolean }[];
    expect(sets.filter((s) => s.core).map((s) => [s.package, s.state])).toEqual([
      ['gstreamer1.0-plugins-base', 'installed'], ['gstreamer1.0-plugins-good', 'installed'], ['gstreamer1.0-plugins-bad', 'installed'],
      ['gstreamer1.0-plugins-ugly', 'installed'], ['gstreamer1.0-libav', 'installed'],
    ]);
    const human = await cli(['plugins', '--missing']);
    expect(human.stdout).toMatch(/✓ gstreamer1\.0-plugins-ugly\s+installed/);
  });
});

describe('plugins show', () => {
  it('plugins show x264enc --json: factory, plugin, properties and pad templates as a typed record', async () => {
    const r = await cli(['plugins', 'show', 'x264enc', '--json']);
    expect(r.exitCode).toBe(0);
    const e = r.result!;
    expect(e).toMatchObject({
      command: 'plugins show', kind: 'element', name: 'x264enc', package: 'gstreamer1.0-plugins-ugly',
      factory: { rank: { name: 'primary', value: 256 }, longName: 'x264 H.264 Encoder', klass: 'Codec/Encoder/Video' },
      plugin: { name: 'x264', license: 'GPL', sourceModule: 'gst-plugins-ugly', version: expect.stringMatching(/^1\.\d+/) },
    });
    const props = e.properties as { name: string; type: string; default: unknown; range?: unknown; values?: { nick: string }[]; flags: string[] }[];
    expect(props.find((p) => p.name === 'speed-preset')).toMatchObject({ type: 'Enum', typeName: 'GstX264EncPreset', default: 6, defaultNicks: ['medium'] });
    expect(props.find((p) => p.name === 'speed-preset')!.values!.map((v) => v.nick)).toContain('veryslow');
    expect(props.find((p) => p.name === 'bitrate')).toMatchObject({ type: 'Unsigned Integer', range: { min: 1, max: 2048000 }, default: 2048 });
    expect(props.find((p) => p.name === 'analyse')).toMatchObject({ type: 'Flags' });
    const pads = e.padTemplates as { name: string; direction: string; presence: string; caps: { structures: { name: string; fields: Record<string, string> }[] } }[];
    expect(pads.map((p) => [p.name, p.direction, p.presence])).toEqual([['sink', 'sink', 'always'], ['src', 'src', 'always']]);
    expect(pads[1]!.caps.structures[0]).toMatchObject({ name: 'video/x-h264', fields: { 'stream-format': '{ (string)avc, (string)byte-stream }' } });
  });

  it('human view: details, pad templates, properties with enum values', async () => {
    const r = await cli(['plugins', 'show', 'x264enc']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^x264enc: x264 H\.264 Encoder$/m);
    expect(r.stdout).toMatch(/^Plugin: x264 \(1\.\d+\.\d+ · GPL · gst-plugins-ugly · package gstreamer1\.0-plugins-ugly\)$/m);
    expect(r.stdout).toContain('Pad templates (2):');
    expect(r.stdout).toMatch(/speed-preset: Preset name/);
    expect(r.stdout).toMatch(/values: None \(0\), ultrafast \(1\)/);
  });

  it('a plugin, a typefinder and a featureless plugin', async () => {
    const core = await cli(['--json', 'plugins', 'show', 'coreelements']);
    expect(core.result).toMatchObject({ kind: 'plugin', name: 'coreelements', plugin: { sourceModule: 'gstreamer' } });
    expect((core.result!.features as { name: string }[]).map((f) => f.name)).toContain('identity');
    const tf = await cli(['--json', 'plugins', 'show', 'video/x-h264']);
    expect(tf.result).toMatchObject({ kind: 'typefind', extensions: ['h264', 'x264', '264'] });
    const nv = await cli(['plugins', 'show', 'nvcodec']);
    expect(nv.exitCode).toBe(0);
    expect(nv.stdout).toContain('none (this plugin registered no feature on this machine)');
  });

  it('an unknown name exits 2 with "did you mean" from the real names', async () => {
    const r = await cli(['plugins', 'show', 'x264enx']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('No element or plugin named "x264enx". Did you mean "x264enc"');
    const j = await cli(['--json', 'plugins', 'show', 'matroskamx']);
    expect(j.exitCode).toBe(2);
    expect(j.result).toMatchObject({ ok: false, exitCode: 2, error: { name: 'UsageError', suggestions: expect.arrayContaining(['matroskamux']) } });
  });

  it('a known element that is not installed exits 3 with its package', async () => {
    const r = await cli(['plugins', 'show', 'vaapih264enc']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('fix: apt-get install -y gstreamer1.0-vaapi');
  });
});
