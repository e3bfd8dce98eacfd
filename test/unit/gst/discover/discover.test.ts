import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { parseDiscoverer } from '../../../../src/gst/discover/parse.js';
import { fractionToNumber } from '../../../../src/gst/discover/media.js';
import { discoverOutcomeSchema, mediaInfoSchema } from '../../../../src/gst/discover/schema.js';
import type { MediaInfo } from '../../../../src/gst/discover/schema.js';
import { discover, infoOrThrow, toUri } from '../../../../src/gst/discover/discover.js';
import { EnvironmentError, UsageError } from '../../../../src/errors.js';
import { findOnPath } from '../../../../src/gst/tools.js';

const DIR = join(import.meta.dirname, '../../../fixtures/gst-1.22/discover');
const outcome = (name: string) => parseDiscoverer(readFileSync(join(DIR, name), 'utf8'));
const info = (name: string): MediaInfo => {
  const o = outcome(name);
  if (!o.info) throw new Error(`${name}: no info (${o.result})`);
  return o.info;
};

describe('parseDiscoverer on recorded gst-discoverer-1.0 -v output', () => {
  it('reads an H.264 + AAC mp4', () => {
    const m = info('h264-aac.mp4.txt');
    expect(m).toMatchObject({ uri: 'file:///tmp/media/h264-aac.mp4', durationSeconds: 3, seekable: true, live: false, container: 'mp4', containerCaps: 'video/quicktime' });
    expect(m.video).toEqual([{
      codec: 'video/x-h264', codecName: 'h264', width: 1280, height: 720, fps: 30, framerate: '30/1', variableFrameRate: false,
      bitrateKbps: 3037.8, profile: 'high', level: '3.1', depth: 8, chromaFormat: '4:2:0', pixelFormat: 'yuv420p',
      pixelAspectRatio: '1/1', interlaced: false, streamFormat: 'avc',
      codecData: '0164001fffe1001a6764001facd9405005bb0110000003001000000303c0f183196001000668ebe3cb22c0',
    }]);
    expect(m.audio).toEqual([{ codec: 'audio/mpeg', codecName: 'aac', channels: 2, sampleRate: 48000, bitrateKbps: 128.1, profile: 'lc', channelLayout: 'front-left, front-right', codecData: '119056e500' }]);
    expect(m.subtitles).toEqual([]);
    expect(m.tags['container format']).toBe('ISO MP4/M4A');
  });

  it('reads VP9 + Opus in WebM and VP8 + Vorbis', () => {
    const m = info('vp9-opus.webm.txt');
    expect(m.container).toBe('webm');
    expect(m.video[0]).toMatchObject({ codecName: 'vp9', width: 640, height: 360, fps: 25 });
    expect(m.video[0]?.bitrateKbps).toBeUndefined();
    expect(m.audio[0]).toMatchObject({ codec: 'audio/x-opus', codecName: 'opus', channels: 2, sampleRate: 48000, language: 'und' });
    expect(info('vp8-vorbis.webm.txt').audio[0]).toMatchObject({ codecName: 'vorbis', bitrateKbps: 80 });
  });

  it('reads a video-only mkv with an odd size and a 24000/1001 rate', () => {
    const m = info('video-only-641x361.mkv.txt');
    expect(m.audio).toEqual([]);
    expect(m.container).toBe('mkv');
    expect(m.video[0]).toMatchObject({ width: 641, height: 361, framerate: '24000/1001' });
    expect(m.video[0]?.fps).toBeCloseTo(23.976, 3);
    expect(info('odd-h264-444.mp4.txt').video[0]).toMatchObject({ width: 641, height: 361, profile: 'high-4:4:4', pixelFormat: 'yuv444p' });
  });

  it('reads a variable frame rate (0/1) as fps 0', () => {
    expect(info('vfr-0fps.mkv.txt').video[0]).toMatchObject({ fps: 0, framerate: '0/1', variableFrameRate: true, bitrateKbps: 1437.2 });
  });

  it('reads transport streams, 10-bit HEVC, AV1, interlacing, audio-only Ogg, subtitles and tags', () => {
    const ts = info('mpeg2-mp2.ts.txt');
    expect(ts).toMatchObject({ container: 'ts', video: [{ codecName: 'mpeg2' }], audio: [{ codecName: 'mp2', bitrateKbps: 384, channels: 1 }] });
    expect(ts.durationSeconds).toBeCloseTo(2.0337, 3);
    expect(info('h264-aac.ts.txt')).toMatchObject({ container: 'ts', video: [{ codecName: 'h264' }], audio: [{ codecName: 'aac' }] });
    expect(info('h265-10bit.mp4.txt').video[0]).toMatchObject({ codecName: 'h265', profile: 'main-10', depth: 10, pixelFormat: 'yuv420p10le' });
    expect(info('av1.mkv.txt').video[0]).toMatchObject({ codecName: 'av1', profile: 'main' });
    expect(info('interlaced.mkv.txt').video[0]).toMatchObject({ interlaced: true, width: 720, height: 576 });
    expect(info('audio-only.ogg.txt')).toMatchObject({ container: 'ogg', video: [], audio: [{ codecName: 'vorbis', channels: 1, sampleRate: 44100 }] });
    const subs = info('subtitles.mkv.txt');
    expect(subs.subtitles).toEqual([{ codec: 'text/x-raw', language: 'en' }]);
    expect(subs.audio[0]?.language).toBe('fr');
    expect(info('tagged.mp4.txt').tags.title).toBe('A title, with = signs');
  });

  it('reports errors and missing plugins', () => {
    expect(outcome('missing-file.txt')).toEqual({ result: 'error', message: 'Resource not found.', missingPlugins: [], info: null });
    expect(outcome('not-media.txt')).toMatchObject({ result: 'error', message: 'Could not determine type of stream.' });
    expect(outcome('truncated.mp4.txt')).toMatchObject({ result: 'error', message: 'This file contains no playable streams.' });
    expect(outcome('missing-plugin.txt')).toMatchObject({ result: 'missing-plugins', missingPlugins: ['NOTASCHEME protocol source'], info: null });
    const partial = outcome('missing-plugins-h265.mp4.txt');
    expect(partial.result).toBe('missing-plugins');
    expect(partial.missingPlugins).toEqual(['H.265 (Main 10 Profile) decoder']);
    expect(partial.info?.video[0]).toMatchObject({ codecName: 'h265', width: 640 });
  });

  it('turns outcomes into MediaInfo or the right error', () => {
    const usage = () => infoOrThrow('x.mp4', outcome('missing-file.txt'));
    expect(usage).toThrow(UsageError);
    expect(usage).toThrow(/Resource not found/);
    expect(() => infoOrThrow('t.txt', outcome('not-media.txt'))).toThrow(UsageError);
    expect(() => infoOrThrow('h.mp4', outcome('missing-plugins-h265.mp4.txt'))).toThrow(EnvironmentError);
    expect(() => infoOrThrow('x://y', outcome('missing-plugin.txt'))).toThrow(/NOTASCHEME protocol source/);
    expect(infoOrThrow('h.mp4', outcome('missing-plugins-h265.mp4.txt'), { allowMissingPlugins: true }).video).toHaveLength(1);
  });

  it('yields valid records for every fixture and never throws on garbage', () => {
    for (const file of ['h264-aac.mp4.txt', 'subtitles.mkv.txt', 'missing-plugin.txt', 'not-media.txt']) {
      expect(() => discoverOutcomeSchema.parse(outcome(file))).not.toThrow();
    }
    for (const junk of ['', 'Properties:\n  Duration: nonsense\n    video #x: \n', '\x00\n  Tags:\n']) {
      expect(() => discoverOutcomeSchema.parse(parseDiscoverer(junk))).not.toThrow();
    }
    expect(fractionToNumber('30000/1001')).toBeCloseTo(29.97, 2);
    expect(fractionToNumber('0/1')).toBe(0);
    expect(fractionToNumber('1/0')).toBe(0);
  });
});

describe('toUri', () => {
  it('percent-encodes a hostile path and keeps URIs', () => {
    const path = `/tmp/we ird/a "q" 'b' !c,d=e (f) é%.mp4`;
    const uri = toUri(path);
    expect(uri).toBe("file:///tmp/we%20ird/a%20%22q%22%20'b'%20!c,d=e%20(f)%20%C3%A9%25.mp4");
    expect(fileURLToPath(uri)).toBe(path);
    expect(toUri('rtsp://cam/stream')).toBe('rtsp://cam/stream');
    expect(toUri('relative.mp4')).toBe(`file://${process.cwd().split('/').map(encodeURIComponent).join('/')}/relative.mp4`);
  });
});

const canRun = findOnPath('gst-discoverer-1.0') !== undefined && findOnPath('gst-launch-1.0') !== undefined;

describe.runIf(canRun)('live gst-discoverer-1.0', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lydlr-discover-'));
  const hostile = join(dir, `a "q" 'b' !c,d=e (f) é.mp4`);
  const odd = join(dir, 'odd 641x361.webm');

  beforeAll(() => {
    const launch = (args: string[]) => execFileSync('gst-launch-1.0', ['-q', ...args], { env: { ...process.env, LC_ALL: 'C' }, stdio: 'pipe' });
    const plain = join(dir, 'plain.mp4');
    launch([
      'videotestsrc', 'num-buffers=30', '!', 'video/x-raw,width=320,height=240,framerate=30/1,format=I420', '!', 'x264enc', '!',
      'h264parse', '!', 'queue', '!', 'mp4mux', 'name=m', '!', 'filesink', `location=${plain}`,
      'audiotestsrc', 'num-buffers=47', '!', 'audioconvert', '!', 'avenc_aac', '!', 'aacparse', '!', 'queue', '!', 'm.',
    ]);
    renameSync(plain, hostile);
    launch([
      'videotestsrc', 'num-buffers=15', '!', 'video/x-raw,width=641,height=361,framerate=15/1,format=I420', '!', 'vp8enc', '!',
      'webmmux', '!', 'filesink', `location=${odd}`,
    ]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('probes a file with a hostile name given as a plain path', async () => {
    const m = mediaInfoSchema.parse(await discover(hostile));
    expect(m.container).toBe('mp4');
    expect(m.uri).toBe(toUri(hostile));
    expect(m.video[0]).toMatchObject({ codecName: 'h264', width: 320, height: 240, fps: 30 });
    expect(m.audio[0]).toMatchObject({ codecName: 'aac', sampleRate: 44100 });
    expect(m.durationSeconds).toBeGreaterThan(0.9);
    expect(m.durationSeconds).toBeLessThan(1.2);
  });

  it('probes a video-only file with an odd size', async () => {
    const m = await discover(odd);
    expect(m).toMatchObject({ container: 'webm', audio: [], video: [{ codecName: 'vp8', width: 641, height: 361, fps: 15 }] });
  });

  it('refuses missing, directory and non-media inputs with exit 2', async () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello\n');
    mkdirSync(join(dir, 'sub'));
    for (const input of [join(dir, 'missing.mp4'), join(dir, 'sub'), text]) {
      const error = await discover(input).catch((e: unknown) => e);
      expect(error, input).toBeInstanceOf(UsageError);
      expect((error as UsageError).exitCode).toBe(2);
    }
    await expect(discover(join(dir, 'missing.mp4'))).rejects.toThrow(/Input not found/);
  });

  it('says which package to install when gst-discoverer-1.0 is missing', async () => {
    const error = await discover(hostile, { env: { ...process.env, PATH: '/nonexistent' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnvironmentError);
    expect((error as EnvironmentError).fix).toContain('gstreamer1.0-plugins-base-apps');
  });
});
