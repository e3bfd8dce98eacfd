import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { checkPaths, containerFor, outputPathFor } from '../../../../src/jobs/compress/targets.js';
import { parseInputSpec } from '../../../../src/pipeline/sources.js';
import type { Container, VideoCodec } from '../../../../src/pipeline/codecs.js';
import { UsageError } from '../../../../src/errors.js';
import { tempFiles } from '../../../helpers/cli.js';
import { thrown } from '../../../helpers/thrown.js';

const tmp = tempFiles('lydlr-compress-targets-');
afterAll(() => tmp.cleanup());

const refusal = (fn: () => unknown): UsageError => thrown(UsageError, fn);

describe('outputPathFor (batch naming)', () => {
  it.each<[string, string, VideoCodec, Container | undefined, string]>([
    ['a file keeps its stem; h264 goes into .mp4', '/videos/talk.mkv', 'h264', undefined, 'out/talk.mp4'],
    ['vp9 goes into .webm by default', '/videos/talk.mp4', 'vp9', undefined, 'out/talk.webm'],
    ['av1 goes into .mkv by default', 'talk.mov', 'av1', undefined, 'out/talk.mkv'],
    ['--container wins over the codec default', 'talk.mp4', 'h264', 'ts', 'out/talk.ts'],
    ['only the last extension is replaced', 'a.b.c.mp4', 'h264', 'mkv', 'out/a.b.c.mkv'],
    ['a test source is named after its pattern', 'test:ball', 'h264', undefined, 'out/test-ball.mp4'],
    ['a URI is named "output"', 'http://example.com/a.mp4', 'h265', 'mkv', 'out/output.mkv'],
  ])('%s', (_name, input, codec, container, expected) => {
    expect(outputPathFor(parseInputSpec(input), { outputDir: 'out', codec, container })).toBe(expected);
  });

  it('a given output file is used as is, --container or not', () => {
    expect(outputPathFor(parseInputSpec('in.mp4'), { output: '/x/y.mov', codec: 'h264', container: 'mkv' })).toBe('/x/y.mov');
  });
});

describe('containerFor', () => {
  it.each<[string, VideoCodec, Container]>([
    ['out.mp4', 'h264', 'mp4'],
    ['OUT.MP4', 'h265', 'mp4'],
    ['clip.m4v', 'h264', 'mp4'],
    ['clip.mov', 'h264', 'mov'],
    ['clip.mkv', 'av1', 'mkv'],
    ['clip.webm', 'vp8', 'webm'],
    ['clip.mp4', 'vp9', 'mp4'],
    ['clip.m2ts', 'h265', 'ts'],
    ['clip.flv', 'h264', 'flv'],
  ])('%s with %s → %s', (path, codec, container) => {
    expect(containerFor(path, codec)).toBe(container);
  });

  it.each<[string, VideoCodec, RegExp, RegExp]>([
    ['clip.xyz', 'h264', /Cannot tell the container from "clip\.xyz"/, /\.mp4 .*\.flv/],
    ['noextension', 'h264', /Cannot tell the container/, /\.mkv/],
    ['clip.mp4', 'vp8', /vp8 cannot go into \.mp4/, /vp8 goes into \.webm, \.mkv; \.mp4 takes h264, h265, vp9, av1/],
    ['clip.webm', 'h265', /h265 cannot go into \.webm/, /\.webm takes vp8, vp9, av1/],
    ['clip.flv', 'vp9', /vp9 cannot go into \.flv/, /\.flv takes h264\./],
    ['clip.ts', 'av1', /av1 cannot go into \.ts/, /\.ts takes h264, h265/],
  ])('refuses %s with %s: exit 2 and the combinations that work', (path, codec, message, fix) => {
    const e = refusal(() => containerFor(path, codec));
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(message);
    expect(e.fix).toMatch(fix);
  });
});

describe('checkPaths', () => {
  const input = tmp.file('in.mp4', 'media');
  const file = (spec: string) => parseInputSpec(spec);

  it('accepts an existing input and a new output in an existing folder', () => {
    expect(() => checkPaths(file(input), join(tmp.dir, 'new.mp4'), false)).not.toThrow();
  });

  it('accepts an existing output with overwrite', () => {
    expect(() => checkPaths(file(input), tmp.file('taken-ok.mp4', 'x'), true)).not.toThrow();
  });

  it('accepts a test source without looking for an input file', () => {
    expect(() => checkPaths(file('test:ball'), join(tmp.dir, 'from-test.mp4'), false)).not.toThrow();
  });

  it.each<[string, () => [string, string, boolean], RegExp, RegExp | undefined]>([
    ['a missing input', () => [join(tmp.dir, 'missing.mp4'), join(tmp.dir, 'o1.mp4'), false], /Input not found: .*missing\.mp4/, /quote names with spaces/],
    ['an input that is a folder', () => [tmp.dir, join(tmp.dir, 'o2.mp4'), false], /Input is not a file/, undefined],
    ['output = input, even with overwrite', () => [input, input, true], /The output is the input file/, /never overwritten/],
    ['output = input through a symlink', () => [input, linkTo(input), true], /The output is the input file/, /never overwritten/],
    ['an existing output without overwrite', () => [input, tmp.file('taken.mp4', 'x'), false], /Output exists: .*taken\.mp4/, /--overwrite/],
    ['an output that is a folder', () => [input, folder('a-folder.mp4'), true], /Output is a folder/, /--output-dir/],
    ['an output folder that does not exist', () => [input, join(tmp.dir, 'nope', 'o.mp4'), false], /Output folder does not exist: .*nope/, /mkdir -p/],
  ])('refuses %s (exit 2)', (_name, args, message, fix) => {
    const [inputPath, output, overwrite] = args();
    const e = refusal(() => checkPaths(file(inputPath), output, overwrite));
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(message);
    if (fix) expect(e.fix).toMatch(fix);
  });

  function linkTo(target: string): string {
    const link = join(tmp.dir, `link-${Math.random().toString(16).slice(2)}.mp4`);
    symlinkSync(target, link);
    return link;
  }
  function folder(name: string): string {
    const path = join(tmp.dir, name);
    mkdirSync(path, { recursive: true });
    return path;
  }
});
