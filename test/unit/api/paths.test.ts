import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/api/api-error.js';
import { PathGuard, isInside } from '../../../src/api/paths.js';
import { tempDir } from '../../helpers/cli.js';
import { thrown } from '../../helpers/thrown.js';

let dir: string;
let cleanup: () => void;
let root: string;
let guard: PathGuard;

beforeAll(() => {
  ({ dir, cleanup } = tempDir('lydlr-paths-'));
  root = join(dir, 'root');
  mkdirSync(join(root, 'media'), { recursive: true });
  writeFileSync(join(root, 'media', 'in.mp4'), '');
  writeFileSync(join(dir, 'secret.mp4'), '');
  symlinkSync(dir, join(root, 'escape'));
  guard = new PathGuard(root, '/somewhere/else');
});
afterAll(() => cleanup());

const refused = (fn: () => unknown): ApiError => thrown(ApiError, fn);

describe('PathGuard with --root', () => {
  it('relative paths start at the root; inside paths (existing or not) pass, made absolute', () => {
    expect(guard.file('input', 'media/in.mp4')).toBe(join(root, 'media', 'in.mp4'));
    expect(guard.file('output', 'out/new/file.webm')).toBe(join(root, 'out', 'new', 'file.webm'));
    expect(guard.file('outputDir', '.')).toBe(root);
    expect(guard.file('input', join(root, 'media', 'in.mp4'))).toBe(join(root, 'media', 'in.mp4'));
  });

  it.each([
    ['../secret.mp4'], ['media/../../secret.mp4'], ['/etc/passwd'], ['escape/secret.mp4'], ['escape/new.mp4'],
  ])('%s is refused (403, naming the field)', (path) => {
    const error = refused(() => guard.file('output', path));
    expect(error.status).toBe(403);
    expect(error.name).toBe('PathOutsideRoot');
    expect(error.details.issues).toEqual([{ field: 'output', message: 'outside the served root' }]);
  });

  it('input specs: files are checked, test sources and cameras pass, stdin is refused (network URIs: below)', () => {
    expect(guard.inputSpec('input', 'media/in.mp4')).toBe(join(root, 'media', 'in.mp4'));
    expect(guard.inputSpec('input', `file://${root}/media/in.mp4`)).toBe(join(root, 'media', 'in.mp4'));
    for (const spec of ['test', 'test:ball', '/dev/video0']) expect(guard.inputSpec('input', spec)).toBe(spec);
    expect(refused(() => guard.inputSpec('input', 'file:///etc/passwd')).status).toBe(403);
    expect(refused(() => guard.inputSpec('input', '-')).status).toBe(400);
    expect(refused(() => guard.inputSpec('input', 'test:nosuchpattern')).status).toBe(400);
  });

  it('rtsp mounts: the input after "=" is a spec', () => {
    expect(guard.mount('mount', '/cam')).toBe('/cam');
    expect(guard.mount('mount', '/a=media/in.mp4')).toBe(`/a=${join(root, 'media', 'in.mp4')}`);
    expect(refused(() => guard.mount('mount', '/a=../secret.mp4')).status).toBe(403);
  });

  it('pipelines: file-naming properties must stay inside', () => {
    expect(() => guard.pipeline('pipeline', 'filesrc location=media/in.mp4 ! decodebin ! fakesink')).not.toThrow();
    expect(() => guard.pipeline('pipeline', 'videotestsrc num-buffers=10 ! fakesink')).not.toThrow();
    expect(refused(() => guard.pipeline('pipeline', 'videotestsrc ! x264enc ! filesink location="../out.mp4"')).status).toBe(403);
    expect(refused(() => guard.pipeline('pipeline', 'uridecodebin uri=file:///etc/passwd ! fakesink')).status).toBe(403);
    expect(refused(() => guard.pipeline('pipeline', 'videotestsrc ! hlssink playlist-location=/tmp/x.m3u8')).status).toBe(403);
  });
});

describe('PathGuard without --root', () => {
  it('resolves against serve\'s folder and refuses nothing', () => {
    const open = new PathGuard(undefined, '/work/here');
    expect(open.file('output', 'out.mp4')).toBe('/work/here/out.mp4');
    expect(open.file('output', '/etc/x.mp4')).toBe('/etc/x.mp4');
    expect(() => open.pipeline('pipeline', 'fakesrc ! filesink location=/etc/x')).not.toThrow();
  });

  it('isInside', () => {
    expect(isInside('/a/b', '/a/b')).toBe(true);
    expect(isInside('/a/b', '/a/b/c')).toBe(true);
    expect(isInside('/a/b', '/a/bc')).toBe(false);
    expect(isInside('/a/b', '/a/b/..c')).toBe(true);
    expect(isInside('/a/b', '/a')).toBe(false);
  });
});

describe('network inputs under --root', () => {
  it.each(['http://10.0.0.1/in.mp4', 'https://example.com/a.mp4', 'rtsp://cam.local/stream', 'srt://h:9000'])('%s as an input spec is refused (403 NetworkInputRefused)', (url) => {
    const error = refused(() => guard.inputSpec('input', url));
    expect(error.status).toBe(403);
    expect(error.name).toBe('NetworkInputRefused');
  });

  it('a pipeline property holding an http:// URL (uri=, location=) is refused', () => {
    expect(refused(() => guard.pipeline('pipeline', 'uridecodebin uri=http://10.0.0.1/x ! fakesink')).name).toBe('NetworkInputRefused');
    expect(refused(() => guard.pipeline('pipeline', 'souphttpsrc location="https://10.0.0.1/x" ! fakesink')).name).toBe('NetworkInputRefused');
  });

  it('allowed with allowNetwork, and always allowed without --root; test sources and files inside the root pass', () => {
    const open = new PathGuard(root, '/somewhere/else', true);
    expect(open.inputSpec('input', 'http://10.0.0.1/in.mp4')).toBe('http://10.0.0.1/in.mp4');
    expect(new PathGuard(undefined, dir).inputSpec('input', 'rtsp://cam.local/stream')).toBe('rtsp://cam.local/stream');
    expect(guard.inputSpec('input', 'test:ball')).toBe('test:ball');
    expect(guard.inputSpec('input', 'media/in.mp4')).toBe(join(root, 'media', 'in.mp4'));
  });
});
