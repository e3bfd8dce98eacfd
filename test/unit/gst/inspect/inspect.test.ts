import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, it, expect } from 'vitest';
import { parseBlacklist, parseListing, parseTotals } from '../../../../src/gst/inspect/listing-parse.js';
import { parseDescribe } from '../../../../src/gst/inspect/describe-parse.js';
import { capsFieldValues, parseCapsString, splitTopLevel } from '../../../../src/gst/inspect/caps.js';
import { parsePropertyFlags, toNumber } from '../../../../src/gst/inspect/properties.js';
import { describeResultSchema, listingSchema } from '../../../../src/gst/inspect/schema.js';
import type { DescribeResult, ElementInfo, PluginInfo, Property } from '../../../../src/gst/inspect/schema.js';
import { packageForPlugin } from '../../../../src/gst/inspect/installed-packages.js';
import { editDistance, suggest } from '../../../../src/gst/inspect/suggest.js';
import {
  describe as inspectDescribe, exists, findElements, hasElement, listBlacklisted, listFeatures, resolvePackage,
} from '../../../../src/gst/inspect/inspect.js';
import { gstChildEnv, readEnv } from '../../../../src/config/env.js';
import { EnvironmentError, UsageError } from '../../../../src/errors.js';
import { findOnPath } from '../../../../src/gst/tools.js';

const DIR = join(import.meta.dirname, '../../../fixtures/gst-1.22/inspect');
const fixture = (name: string): string => readFileSync(join(DIR, name), 'utf8');
const element = (name: string): ElementInfo => {
  const info = parseDescribe(name, fixture(`${name}.txt`));
  if (info.kind !== 'element') throw new Error(`${name} parsed as ${info.kind}`);
  return info;
};
const prop = (info: ElementInfo, name: string): Property => {
  const p = info.properties.find((q) => q.name === name);
  if (!p) throw new Error(`no property ${name}`);
  return p;
};

describe('parseListing (gst-inspect-1.0 with no arguments)', () => {
  const listing = parseListing(fixture('listing.txt'));

  it('agrees exactly with the Total count line', () => {
    expect(listing.totals).toEqual({ plugins: 265, features: 1583, blacklisted: 0 });
    expect(listing.features).toHaveLength(1583);
    expect(listing.plugins.length + listing.featurelessPlugins + listing.totals!.blacklisted).toBe(265);
    expect(listing.featurelessPlugins).toBe(9);
    expect(listing.consistent).toBe(true);
    expect(listing.unparsed).toEqual([]);
    expect(() => listingSchema.parse(listing)).not.toThrow();
  });

  it('tells the feature kinds apart by their line shape', () => {
    const count = (kind: string) => listing.features.filter((f) => f.kind === kind).length;
    expect(count('typefind')).toBe(174);
    expect(count('tracer')).toBe(6);
    expect(count('device-provider')).toBe(5);
    expect(count('dynamic-type')).toBe(1);
    expect(count('element')).toBe(1583 - 174 - 6 - 5 - 1);
    expect(listing.features.find((f) => f.name === 'x264enc')).toEqual({ plugin: 'x264', name: 'x264enc', kind: 'element', description: 'x264 H.264 Encoder' });
  });

  it('keeps descriptions that themselves contain ": " and typefinders without extensions', () => {
    expect(listing.features.find((f) => f.name === 'dataurisrc')?.description).toBe('data: URI source element');
    const octet = listing.features.find((f) => f.name === 'application/octet-stream');
    expect(octet).toMatchObject({ kind: 'typefind', plugin: 'typefindfunctions', extensions: [] });
    expect(listing.features.find((f) => f.name === 'application/ogg')?.extensions).toContain('ogv');
    expect(listing.features.find((f) => f.name === 'latency')).toMatchObject({ kind: 'tracer', plugin: 'coretracers', factoryType: 'GstTracerFactory' });
  });

  it('reads an empty registry (only the static core elements) with singular words', () => {
    const empty = parseListing(fixture('empty-registry-listing.txt'));
    expect(empty.totals).toEqual({ plugins: 1, features: 2, blacklisted: 0 });
    expect(empty.features.map((f) => f.name)).toEqual(['bin', 'pipeline']);
    expect(empty.consistent).toBe(true);
  });

  it('counts blacklisted entries the listing does not show', () => {
    const withBad = parseListing(fixture('blacklist-listing.txt'));
    expect(withBad.totals).toEqual({ plugins: 266, features: 1583, blacklisted: 1 });
    expect(withBad.featurelessPlugins).toBe(9);
    expect(withBad.consistent).toBe(true);
    expect(parseBlacklist(fixture('blacklist-one.txt'))).toEqual(['libgstbogus.so']);
    expect(parseBlacklist(fixture('blacklist-none.txt'))).toEqual([]);
  });

  it('never throws on odd input and says when the totals are missing', () => {
    const odd = parseListing('garbage\n\x00\nplugin:  el: Long\nTotal count: many');
    expect(odd.features).toHaveLength(1);
    expect(odd.totals).toBeNull();
    expect(odd.consistent).toBe(false);
    expect(parseTotals('Total count: 3 plugins (2 blacklist entries not shown), 1 feature')).toEqual({ plugins: 3, blacklisted: 2, features: 1 });
  });
});

describe('parseDescribe: elements', () => {
  it('reads factory and plugin details (x264enc)', () => {
    const x = element('x264enc');
    expect(x.factory).toMatchObject({
      rank: { name: 'primary', value: 256 }, longName: 'x264 H.264 Encoder', klass: 'Codec/Encoder/Video',
      description: 'libx264-based H.264 video encoder', author: expect.stringContaining('Josef Zlomek'),
    });
    expect(x.plugin).toMatchObject({
      name: 'x264', version: '1.22.0', license: 'GPL', sourceModule: 'gst-plugins-ugly',
      filename: '/lib/x86_64-linux-gnu/gstreamer-1.0/libgstx264.so', binaryPackage: 'GStreamer Ugly Plugins (Debian)',
      originUrl: 'https://tracker.debian.org/pkg/gst-plugins-ugly1.0', releaseDate: '2023-01-23',
    });
    expect(x.hierarchy).toEqual(['GObject', 'GInitiallyUnowned', 'GstObject', 'GstElement', 'GstVideoEncoder', 'GstX264Enc']);
    expect(x.interfaces).toEqual(['GstPreset']);
    expect(x.presets.map((p) => p.name)).toContain('Profile High');
    expect(x.presets.find((p) => p.name === 'Zero Latency')).toEqual({ name: 'Zero Latency' });
  });

  it('reads every property with flags, type, range, default and enum/flags values', () => {
    const x = element('x264enc');
    expect(x.properties).toHaveLength(fixture('x264enc.txt').split('\n').filter((l) => /^ {24}flags: /.test(l)).length);
    expect(prop(x, 'bitrate')).toEqual({
      name: 'bitrate', blurb: 'Bitrate in kbit/sec', type: 'Unsigned Integer', range: { min: 1, max: 2048000 }, default: 2048,
      flags: ['readable', 'writable', 'changeable in NULL, READY, PAUSED or PLAYING state'],
    });
    const preset = prop(x, 'speed-preset');
    expect(preset).toMatchObject({ type: 'Enum', typeName: 'GstX264EncPreset', default: 6, defaultNicks: ['medium'] });
    expect(preset.values).toHaveLength(11);
    expect(preset.values?.[1]).toEqual({ value: 1, nick: 'ultrafast', description: 'ultrafast' });
    expect(prop(x, 'frame-packing').values?.[0]).toEqual({ value: -1, nick: 'auto', description: 'Automatic (use incoming video information)' });
    expect(prop(x, 'tune')).toMatchObject({ type: 'Flags', default: 0, defaultNicks: [], values: [
      { value: 1, nick: 'stillimage', description: 'Still image' }, { value: 2, nick: 'fastdecode', description: 'Fast decode' },
      { value: 4, nick: 'zerolatency', description: 'Zero latency' },
    ] });
    expect(prop(x, 'min-force-key-unit-interval').range).toEqual({ min: 0, max: '18446744073709551615' });
    expect(prop(x, 'ip-factor')).toMatchObject({ type: 'Float', range: { min: 0, max: 2 }, default: 1.4 });
    expect(prop(x, 'multipass-cache-file')).toMatchObject({ type: 'String', default: 'x264.log' });
    expect(prop(x, 'parent')).toMatchObject({ type: 'Object', typeName: 'GstObject' });
    expect(prop(x, 'sync-lookahead')).toMatchObject({ type: 'Integer', range: { min: -1, max: 250 }, default: -1 });
  });

  it('reads enums of videotestsrc and combined flag defaults of playbin', () => {
    const pattern = prop(element('videotestsrc'), 'pattern');
    expect(pattern).toMatchObject({ type: 'Enum', typeName: 'GstVideoTestSrcPattern', default: 0, defaultNicks: ['smpte'] });
    expect(pattern.values?.slice(0, 2)).toEqual([
      { value: 0, nick: 'smpte', description: 'SMPTE 100% color bars' }, { value: 1, nick: 'snow', description: 'Random (television snow)' },
    ]);
    const flags = prop(element('playbin'), 'flags');
    expect(flags).toMatchObject({ type: 'Flags', default: 0x617, defaultNicks: ['soft-colorbalance', 'deinterlace', 'soft-volume', 'text', 'audio', 'video'] });
    expect(flags.values).toHaveLength(13);
    expect(prop(element('playbin'), 'subtitle-font-desc')).toMatchObject({ type: 'String', default: null, flags: ['writable'] });
  });

  it('reads pad templates with several caps structures and caps features', () => {
    const mux = element('mp4mux');
    const video = mux.padTemplates.find((t) => t.name === 'video_%u')!;
    expect(video).toMatchObject({ direction: 'sink', presence: 'request', padType: 'GstQTMuxPad' });
    expect(video.caps.structures.map((s) => s.name)).toEqual([
      'video/mpeg', 'video/x-divx', 'video/x-h264', 'video/x-h265', 'video/x-mp4-part', 'video/x-av1', 'video/x-vp9',
    ]);
    const h264 = video.caps.structures.find((s) => s.name === 'video/x-h264')!;
    expect(capsFieldValues(h264.fields['stream-format']!)).toEqual(['avc', 'avc3']);
    expect(video.padProperties.map((p) => p.name)).toContain('trak-timescale');
    const gl = element('glupload').padTemplates.find((t) => t.direction === 'sink')!;
    expect(gl.caps.structures).toHaveLength(8);
    expect(gl.caps.structures[0]!.features).toEqual(['memory:GLMemory', 'meta:GstVideoOverlayComposition']);
    expect(gl.caps.structures[6]!.features).toEqual([]);
    const conv = element('audioconvert').padTemplates[0]!;
    expect(capsFieldValues(conv.caps.structures[0]!.fields.format!)).toContain('S16LE');
    expect(conv.caps.structures[0]!.fields.rate).toBe('[ 1, 2147483647 ]');
  });

  it('reads webrtcbin: request and sometimes templates, pad properties, signals, actions, children', () => {
    const w = element('webrtcbin');
    expect(w.padTemplates.map((t) => [t.name, t.direction, t.presence, t.padType])).toEqual([
      ['sink_%u', 'sink', 'request', 'GstWebRTCBinSinkPad'], ['src_%u', 'src', 'sometimes', 'GstWebRTCBinSrcPad'],
    ]);
    expect(w.padTemplates[0]!.padProperties.map((p) => p.name)).toEqual(['msid', 'transceiver']);
    expect(w.signals).toContain('on-ice-candidate');
    expect(w.signals.slice(0, 3)).toEqual(['pad-added', 'pad-removed', 'no-more-pads']);
    expect(w.actions).toEqual(expect.arrayContaining(['create-offer', 'set-remote-description', 'add-ice-candidate']));
    expect(w.children).toEqual(['rtpbin']);
    expect(w.pads).toEqual([]);
    expect(prop(w, 'bundle-policy')).toMatchObject({ type: 'Enum', default: 0, defaultNicks: ['none'] });
    expect(prop(w, 'local-description')).toMatchObject({ type: 'Boxed', typeName: 'GstWebRTCSessionDescription', flags: ['readable'] });
  });

  it('reads caps-typed properties, arrays, fractions, boxed structures, clocking and URI handling', () => {
    expect(prop(element('capsfilter'), 'caps')).toMatchObject({ type: 'Caps', caps: { any: true, structures: [] } });
    expect(prop(element('appsrc'), 'caps')).toMatchObject({ type: 'Caps', default: null });
    expect(element('appsrc').uriHandler).toEqual({ type: 'source', protocols: ['appsrc'] });
    expect(prop(element('audioconvert'), 'mix-matrix')).toMatchObject({ type: 'Array', typeName: 'GstValueArray', default: '<  >' });
    expect(prop(element('vp8enc'), 'timebase')).toMatchObject({ type: 'Fraction', range: { min: '0/1', max: '2147483647/1' }, default: '0/1' });
    expect(prop(element('vp8enc'), 'temporal-scalability-layer-id')).toMatchObject({ type: 'ValueArray', typeName: 'gint' });
    const identity = element('identity');
    expect(prop(identity, 'stats')).toMatchObject({ type: 'Boxed', typeName: 'GstStructure' });
    expect(prop(identity, 'silent')).toMatchObject({ type: 'Boolean', default: true });
    expect(identity.clocking).toEqual({ requiresClock: true, providesClock: false, notes: ['element requires a clock'] });
    expect(identity.signals).toEqual(['handoff']);
    expect(element('pulsesink').clocking.providesClock).toBe(true);
    expect(element('filesrc').uriHandler).toEqual({ type: 'source', protocols: ['file'] });
    expect(element('filesrc').pads).toEqual([{ name: 'src', direction: 'src', template: 'src' }]);
    expect(prop(element('filesrc'), 'typefind').flags).toEqual(['readable', 'writable', 'deprecated']);
    expect(element('hlssink2').padTemplates.map((t) => [t.name, t.caps.any])).toEqual([['audio', true], ['video', true]]);
  });

  it('parses every element fixture into a valid record with no untyped property', () => {
    const elements = readdirSync(DIR).filter((f) => f.endsWith('.txt') && !/listing|blacklist|nonexistent/.test(f));
    for (const file of elements) {
      const text = fixture(file);
      const info = describeResultSchema.parse(parseDescribe(file.replace(/\.txt$/, ''), text));
      if (info.kind !== 'element') continue;
      const headers = text.split('\n').filter((l) => /^ {24}flags: /.test(l)).length;
      expect(info.properties.length, file).toBe(headers);
      expect(info.properties.filter((p) => p.type === 'Unknown').map((p) => p.name), file).toEqual([]);
    }
  });
});

describe('parseDescribe: plugins, typefinders, tracers', () => {
  it('reads a plugin with its features and summary', () => {
    const core = parseDescribe('coreelements', fixture('coreelements.txt')) as PluginInfo;
    expect(core.kind).toBe('plugin');
    expect(core.plugin).toMatchObject({ name: 'coreelements', sourceModule: 'gstreamer', license: 'LGPL' });
    expect(Object.keys(core.plugin.fields)).not.toContain('capsfilter:');
    expect(core.features).toHaveLength(22);
    expect(core.features.find((f) => f.name === 'dataurisrc')?.description).toBe('data: URI source element');
    expect(core.featureCounts).toEqual({ element: 22 });
    expect(core.totalFeatures).toBe(22);
    const pulse = parseDescribe('pulseaudio', fixture('pulseaudio.txt')) as PluginInfo;
    expect(pulse.featureCounts).toEqual({ element: 2, 'device-provider': 1 });
    const tracers = parseDescribe('coretracers', fixture('coretracers.txt')) as PluginInfo;
    expect(tracers.features.map((f) => f.name)).toContain('latency');
    expect(tracers.featureCounts).toEqual({ tracer: 6 });
  });

  it('reads a plugin that registered nothing (nvcodec without a GPU)', () => {
    const nv = parseDescribe('nvcodec', fixture('nvcodec.txt')) as PluginInfo;
    expect(nv).toMatchObject({ kind: 'plugin', features: [], totalFeatures: 0, plugin: { sourceModule: 'gst-plugins-bad' } });
  });

  it('reads a typefinder and a tracer', () => {
    expect(parseDescribe('application/ogg', fixture('typefind-application-ogg.txt'))).toMatchObject({
      kind: 'typefind', rank: { value: 256 }, caps: ['application/ogg', 'video/ogg', 'audio/ogg', 'application/kate'],
      extensions: expect.arrayContaining(['ogg', 'oga']), plugin: { name: 'typefindfunctions' },
    });
    expect(parseDescribe('latency', fixture('latency.txt'))).toMatchObject({ kind: 'tracer', plugin: { name: 'coretracers' } });
  });

  it('never throws on garbage', () => {
    const results: DescribeResult[] = ['', 'x', 'Factory Details:\n  Rank\n', 'Pad Templates:\n  SRC template: \'src\'\n    Capabilities:\n      ???\n'].map((t) => parseDescribe('z', t));
    for (const r of results) expect(() => describeResultSchema.parse(r)).not.toThrow();
  });
});

describe('caps strings and small parsers', () => {
  it('splits at top-level commas only', () => {
    expect(splitTopLevel('a, b=(string)"x\\, y", c=<1, 2>, d={ (string)e, (string)f }', ',')).toEqual(['a', 'b=(string)"x\\, y"', 'c=<1, 2>', 'd={ (string)e, (string)f }']);
    const caps = parseCapsString('video/x-h264, stream-format=(string)avc, framerate=(fraction)30/1, codec_data=(buffer)0164');
    expect(caps.structures[0]).toEqual({ name: 'video/x-h264', features: [], fields: { 'stream-format': 'avc', framerate: '30/1', codec_data: '0164' } });
    expect(parseCapsString('video/x-raw(memory:GLMemory), format=RGBA; video/x-raw').structures.map((s) => [s.name, s.features])).toEqual([
      ['video/x-raw', ['memory:GLMemory']], ['video/x-raw', []],
    ]);
  });

  it('keeps uint64 exact and splits flag phrases that contain commas', () => {
    expect(toNumber('18446744073709551615')).toBe('18446744073709551615');
    expect(toNumber('-1')).toBe(-1);
    expect(toNumber('1.4')).toBe(1.4);
    expect(parsePropertyFlags('readable, writable, controllable, changeable only in NULL or READY state')).toEqual([
      'readable', 'writable', 'controllable', 'changeable only in NULL or READY state',
    ]);
  });
});

describe('suggest', () => {
  const listing = parseListing(fixture('listing.txt'));
  const names = [...listing.features.map((f) => f.name), ...listing.plugins];

  it('measures edits, counting a swap as one', () => {
    expect(editDistance('x264enc', 'x264enc')).toBe(0);
    expect(editDistance('x246enc', 'x264enc')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('offers the closest real names', () => {
    expect(suggest('x246enc', names)[0]).toBe('x264enc');
    expect(suggest('vp8end', names)).toContain('vp8enc');
    expect(suggest('h264pars', names)[0]).toBe('h264parse');
    expect(suggest('webrtcbn', names)[0]).toBe('webrtcbin');
    expect(suggest('x264', names)).toContain('x264enc');
    expect(suggest('qqqqqqqqqq', names)).toEqual([]);
    expect(suggest('x264enc', ['x264enc'])).toEqual([]);
    expect(suggest('mp4mx', names, { limit: 1 })).toEqual(['mp4mux']);
  });
});

describe('packageForPlugin', () => {
  it('maps plugin details to the Debian package, honouring Debian\'s splits', () => {
    const pkg = (name: string) => packageForPlugin(element(name).plugin!);
    expect(pkg('x264enc')).toBe('gstreamer1.0-plugins-ugly');
    expect(pkg('webrtcbin')).toBe('gstreamer1.0-plugins-bad');
    expect(pkg('vp8enc')).toBe('gstreamer1.0-plugins-good');
    expect(pkg('opusenc')).toBe('gstreamer1.0-plugins-base');
    expect(pkg('avenc_aac')).toBe('gstreamer1.0-libav');
    expect(pkg('rtspclientsink')).toBe('gstreamer1.0-rtsp');
    expect(pkg('identity')).toBe('gstreamer1.0-tools');
    expect(pkg('glupload')).toBe('gstreamer1.0-gl');
    expect(pkg('pulsesink')).toBe('gstreamer1.0-pulseaudio');
  });
});

const hasGst = findOnPath('gst-inspect-1.0') !== undefined;

describe.runIf(hasGst)('live gst-inspect-1.0', () => {
  it('lists features once, cached, in agreement with the raw Total count line', async () => {
    const first = listFeatures();
    expect(listFeatures()).toBe(first);
    const listing = await first;
    const raw = execFileSync('gst-inspect-1.0', [], { env: { ...process.env, LC_ALL: 'C', GST_INSPECT_NO_COLORS: '1' }, encoding: 'utf8' });
    const line = raw.split('\n').find((l) => l.startsWith('Total count:'))!;
    const m = /(\d+) plugins?.*?(\d+) features?/.exec(line)!;
    expect(listing.features).toHaveLength(Number(m[2]));
    expect(listing.totals?.plugins).toBe(Number(m[1]));
    expect(listing.consistent).toBe(true);
    expect(await hasElement('x264enc')).toBe(true);
    expect(await hasElement('nonexistent')).toBe(false);
    expect((await findElements((f) => f.name.endsWith('enc'))).map((f) => f.name)).toContain('x264enc');
  });

  it('describes an element, a plugin, and an unknown name with suggestions', async () => {
    const x = await inspectDescribe('x264enc');
    expect(x).toMatchObject({ kind: 'element', plugin: { sourceModule: 'gst-plugins-ugly' } });
    expect(await inspectDescribe('coreelements')).toMatchObject({ kind: 'plugin' });
    const missing = await inspectDescribe('nonexistent');
    expect(missing).toMatchObject({ kind: 'not-found', name: 'nonexistent' });
    expect(await inspectDescribe('x246enc')).toMatchObject({ kind: 'not-found', suggestions: expect.arrayContaining(['x264enc']) });
    expect(await inspectDescribe('--help')).toMatchObject({ kind: 'not-found' });
    const provider = await inspectDescribe('pulsedeviceprovider');
    expect(provider).toMatchObject({ kind: 'not-found', feature: { kind: 'device-provider', plugin: 'pulseaudio' } });
  });

  it('answers --exists, including a version that is too new', async () => {
    expect(await exists('x264enc')).toBe('present');
    expect(await exists('nonexistent')).toBe('missing');
    expect(await exists('x264enc', '1.20')).toBe('present');
    expect(await exists('x264enc', '99.0')).toBe('too-old');
    await expect(exists('x264enc', '1.x')).rejects.toBeInstanceOf(UsageError);
    expect(await listBlacklisted()).toEqual([]);
  });

  it('names the Debian package for every element the jobs use', async () => {
    const expected: Record<string, string> = {
      x264enc: 'gstreamer1.0-plugins-ugly', x265enc: 'gstreamer1.0-plugins-bad', vp8enc: 'gstreamer1.0-plugins-good',
      vp9enc: 'gstreamer1.0-plugins-good', av1enc: 'gstreamer1.0-plugins-bad', avenc_aac: 'gstreamer1.0-libav',
      avdec_h264: 'gstreamer1.0-libav', hlssink2: 'gstreamer1.0-plugins-bad', webrtcbin: 'gstreamer1.0-plugins-bad',
      nicesrc: 'gstreamer1.0-nice', rtspclientsink: 'gstreamer1.0-rtsp', srtsink: 'gstreamer1.0-plugins-bad',
      rtmp2sink: 'gstreamer1.0-plugins-bad', mp4mux: 'gstreamer1.0-plugins-good', matroskamux: 'gstreamer1.0-plugins-good',
      webmmux: 'gstreamer1.0-plugins-good', mpegtsmux: 'gstreamer1.0-plugins-bad', opusenc: 'gstreamer1.0-plugins-base',
      h264parse: 'gstreamer1.0-plugins-bad', filesrc: 'gstreamer1.0-tools',
    };
    for (const [el, pkg] of Object.entries(expected)) {
      expect(await resolvePackage(el), el).toMatchObject({ package: pkg, installed: true, from: 'plugin' });
    }
  });

  it('reads an empty registry: nothing installed, packages from the table, cached apart', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'lydlr-empty-'));
    const env = gstChildEnv(readEnv(), {}, { ...process.env, GST_PLUGIN_SYSTEM_PATH: empty, GST_REGISTRY: join(empty, 'registry.bin') });
    const listing = await listFeatures({ env });
    expect(listing.totals).toEqual({ plugins: 1, features: 2, blacklisted: 0 });
    expect(await hasElement('x264enc', { env })).toBe(false);
    expect(await resolvePackage('x264enc', { env })).toEqual({ package: 'gstreamer1.0-plugins-ugly', installed: false, from: 'table' });
    expect(await inspectDescribe('x264enc', { env })).toMatchObject({ kind: 'not-found' });
    expect(await hasElement('x264enc')).toBe(true);
    rmSync(empty, { recursive: true, force: true });
  });

  it('says GStreamer is missing (exit 3) when gst-inspect-1.0 is not on PATH', async () => {
    const env = { ...process.env, PATH: '/nonexistent' };
    const error = await listFeatures({ env }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnvironmentError);
    expect((error as EnvironmentError).exitCode).toBe(3);
    expect((error as EnvironmentError).fix).toContain('apt-get install');
  });
});
