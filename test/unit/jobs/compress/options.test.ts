import { describe, expect, it } from 'vitest';
import { compressOptionsSchema } from '../../../../src/jobs/compress/options.js';
import { parseJobOptions } from '../../../../src/jobs/validate.js';
import { UsageError } from '../../../../src/errors.js';

const parse = (raw: Record<string, unknown>) => parseJobOptions(compressOptionsSchema, raw);

describe('compress options', () => {
  it('defaults: h264, audio auto, encoder auto, no overwrite, no dry run; level and bitrate unset', () => {
    expect(parse({ inputs: ['a.mp4'], output: 'b.mp4' })).toEqual({ inputs: ['a.mp4'], output: 'b.mp4', codec: 'h264', audio: 'auto', encoder: 'auto', overwrite: false, dryRun: false });
  });

  it.each([
    ['x264', 'h264'],
    ['AVC', 'h264'],
    ['hevc', 'h265'],
    ['x265', 'h265'],
    ['VP9', 'vp9'],
    ['av1', 'av1'],
  ])('codec %s means %s', (given, codec) => {
    expect(parse({ inputs: ['a.mp4'], output: 'b.mkv', codec: given }).codec).toBe(codec);
  });

  it('several inputs with --output-dir', () => {
    expect(parse({ inputs: ['a.mp4', 'b.mp4'], outputDir: 'out', jobs: 2 })).toMatchObject({ inputs: ['a.mp4', 'b.mp4'], outputDir: 'out', jobs: 2 });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no input', { inputs: [], output: 'b.mp4' }, '--inputs: give at least one input'],
    ['no output and no --output-dir', { inputs: ['a.mp4'] }, '--output: give an output file (lydlr-gst compress in.mp4 out.mp4) or --output-dir DIR'],
    ['several inputs without --output-dir', { inputs: ['a.mp4', 'b.mp4'], output: 'c.mp4' }, '--output-dir: several inputs need --output-dir DIR'],
    ['an output file and --output-dir', { inputs: ['a.mp4'], output: 'c.mp4', outputDir: 'out' }, '--output-dir: give an output file or --output-dir, not both'],
    ['--level with --bitrate', { inputs: ['a.mp4'], output: 'b.mp4', level: 0.5, bitrate: 900 }, '--bitrate: --level and --bitrate exclude each other: pick one'],
    ['--level above 1', { inputs: ['a.mp4'], output: 'b.mp4', level: 1.5 }, '--level: must be between 0 and 1'],
    ['--level below 0', { inputs: ['a.mp4'], output: 'b.mp4', level: -0.1 }, '--level: must be between 0 and 1'],
    ['--bitrate 0', { inputs: ['a.mp4'], output: 'b.mp4', bitrate: 0 }, '--bitrate: must be above 0 (kbit/s)'],
    ['an unknown codec', { inputs: ['a.mp4'], output: 'b.mp4', codec: 'mpeg7' }, '--codec: unknown codec "mpeg7" (choose h264, h265, vp8, vp9, av1; x264 = h264)'],
  ])('refuses %s (exit 2) with the flag named', (_name, raw, message) => {
    let error: unknown;
    try {
      parse(raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toBe(message);
  });

  it.each<[string, Record<string, unknown>]>([
    ['--fps 0', { fps: 0 }],
    ['--fps 241', { fps: 241 }],
    ['--jobs 1.5', { jobs: 1.5 }],
    ['--jobs 0', { jobs: 0 }],
    ['--audio flac', { audio: 'flac' }],
    ['--preset turbo', { preset: 'turbo' }],
    ['--container avi', { container: 'avi' }],
  ])('refuses %s naming that flag', (flag, extra) => {
    expect(() => parse({ inputs: ['a.mp4'], output: 'b.mp4', ...extra })).toThrow(new RegExp(`^${flag.split(' ')[0]}:`));
  });
});
