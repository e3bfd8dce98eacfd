import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRtspOptions, mountSettings, type RtspOptionsInput } from '../../../../src/jobs/rtsp/options.js';
import { commandLineMounts, readConfigFile, resolveRtspOptions } from '../../../../src/jobs/rtsp/config.js';
import { collectAuth, parseAuthEntry, parseAuthFile } from '../../../../src/jobs/rtsp/auth.js';
import { UsageError } from '../../../../src/errors.js';
import { tempDir } from '../../../helpers/cli.js';

let dir: string;
let cleanup: () => void;
const file = (name: string, text: string, mode = 0o600): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
};
const one = (over: Partial<RtspOptionsInput> = {}) => parseRtspOptions({ mounts: [{ path: '/stream', input: 'test' }], ...over });
const usage = (fn: () => unknown, message: RegExp) => {
  expect(fn).toThrow(UsageError);
  expect(fn).toThrow(message);
};

beforeAll(() => ({ dir, cleanup } = tempDir('lydlr-rtsp-opts-')));
afterAll(() => cleanup());

describe('parseRtspOptions', () => {
  it('fills streaming defaults: localhost, 8554, H.264 at 2 Mbit/s, 1 s keyframes, UDP and TCP', () => {
    expect(one()).toMatchObject({
      host: '127.0.0.1', port: 8554, codec: 'h264', bitrate: 2000, preset: 'veryfast', keyframeInterval: 1, audio: 'auto',
      transport: 'udp-tcp', multicast: false, loop: false, auth: [], authScheme: 'basic', statsInterval: 5,
    });
  });

  it.each([
    [{ codec: 'av1' }, /Invalid --codec: "av1" cannot be streamed over RTP/],
    [{ codec: 'x265' }, null],
    [{ port: 70000 }, /Invalid --port/],
    [{ bitrate: 0 }, /Invalid --bitrate: must be above 0/],
    [{ mounts: [] }, /Invalid --mount: give an input/],
    [{ mounts: [{ path: 'cam', input: 'test' }] }, /Invalid --mount cam \(path\): a mount path starts with "\/"/],
    [{ mounts: [{ path: '/a', input: 'test' }, { path: '/a', input: 'x.mp4' }] }, /mount \/a is given twice/],
    [{ multicast: true, transport: 'tcp' }, /--multicast needs UDP/],
    [{ auth: [{ user: 'a', pass: 'x' }, { user: 'a', pass: 'y' }] }, /a user is given twice/],
    [{ publish: 'http://example.com/x' }, /Invalid --publish: must be an rtsp:\/\/, srt:\/\/ or rtmp:\/\/ URL/],
    [{ publish: 'rtmp://h/app/key', codec: 'h265' }, /RTMP \(FLV\) carries H\.264 only/],
    [{ publish: 'rtmp://h/app/key', audio: 'opus' }, /RTMP \(FLV\) carries AAC audio/],
    [{ publish: 'srt://h:9000', codec: 'vp8' }, /SRT sends MPEG-TS/],
    [{ publish: 'srt://h:9000', auth: [{ user: 'a', pass: 'b' }] }, /--auth protects our own server/],
    [{ publish: 'srt://h:9000', mounts: [{ path: '/a', input: 'test' }, { path: '/b', input: 'test' }] }, /--publish pushes one input/],
    [{ color: 'red' } as Partial<RtspOptionsInput>, /unknown option color/],
  ])('%j → %s', (over, message) => {
    if (message === null) expect(one(over).codec).toBe('h265');
    else usage(() => one(over), message);
  });

  it('per-mount settings override the server-wide ones', () => {
    const options = one({ codec: 'h264', bitrate: 1000, mounts: [{ path: '/a', input: 'test', codec: 'vp9', loop: true }, { path: '/b', input: 'test' }] });
    expect(mountSettings(options, options.mounts[0]!)).toMatchObject({ codec: 'vp9', bitrate: 1000, loop: true });
    expect(mountSettings(options, options.mounts[1]!)).toMatchObject({ codec: 'h264', bitrate: 1000, loop: false });
  });
});

describe('mounts from the command line', () => {
  it.each([
    [['test', []], [{ path: '/stream', input: 'test' }]],
    [['test', ['/cam']], [{ path: '/cam', input: 'test' }]],
    [['a.mp4', ['/b=test:ball', '/c=rtsp://cam/x?a=b']], [{ path: '/stream', input: 'a.mp4' }, { path: '/b', input: 'test:ball' }, { path: '/c', input: 'rtsp://cam/x?a=b' }]],
    [[undefined, ['/b=x=y.mp4']], [{ path: '/b', input: 'x=y.mp4' }]],
  ] as const)('%j', ([input, flags], expected) => {
    expect(commandLineMounts(input, [...flags])).toEqual(expected);
  });

  it('refuses a bare mount path without an input, and two bare paths', () => {
    usage(() => commandLineMounts(undefined, ['/cam']), /--mount \/cam names no input/);
    usage(() => commandLineMounts('test', ['/a', '/b']), /only one mount path can name the positional input/);
  });
});

describe('config file', () => {
  it('mounts as an object, relative inputs relative to the file, "user:pass" auth; flags win', () => {
    const path = file('c.json', JSON.stringify({ port: 9000, codec: 'h265', mounts: { '/a': 'clip.mp4', '/b': { input: 'test', codec: 'vp8' } }, auth: ['ann:pw'] }));
    const { options } = resolveRtspOptions({ configFile: path, input: '/abs/x.mp4', mounts: ['/x'], flags: { port: 9100 } });
    expect(options.port).toBe(9100);
    expect(options.codec).toBe('h265');
    expect(options.mounts).toEqual([
      { path: '/a', input: join(dir, 'clip.mp4') },
      { path: '/b', input: 'test', codec: 'vp8' },
      { path: '/x', input: '/abs/x.mp4' },
    ]);
    expect(options.auth).toEqual([{ user: 'ann', pass: 'pw' }]);
  });

  it.each([
    ['{"port": ', /is not valid JSON/],
    ['[1]', /expected a JSON object/],
    ['{"prot": 1}', /unknown option prot/],
    ['{"mounts": 3}', /"mounts" must be a list/],
    ['{"auth": "a:b"}', /"auth" must be a list/],
  ])('%s → %s', (text, message) => {
    const path = file('bad.json', text);
    usage(() => readConfigFile(path), message);
  });

  it('a missing file is exit 2', () => usage(() => readConfigFile(join(dir, 'nope.json')), /cannot be read \(ENOENT\)/));
});

describe('auth', () => {
  it('user:pass splits at the first colon; the password may hold colons and spaces', () => {
    expect(parseAuthEntry('ann:a:b c', '--auth')).toEqual({ user: 'ann', pass: 'a:b c' });
  });

  it.each(['ann', ':pw', 'ann:'])('"%s" is refused without echoing a password', (entry) => {
    usage(() => parseAuthEntry(entry, '--auth'), /Invalid --auth: expected user:pass/);
    try {
      parseAuthEntry(entry, '--auth');
    } catch (error) {
      expect((error as Error).message).not.toContain('pw');
    }
  });

  it('files: comments and blank lines skipped, line numbers in errors', () => {
    expect(parseAuthFile('# users\n\nann:one two\r\n  bob:x\n', 'f')).toEqual([{ user: 'ann', pass: 'one two' }, { user: 'bob', pass: 'x' }]);
    usage(() => parseAuthFile('ann:x\nbroken\n', 'f'), /Invalid f line 2/);
  });

  it('collects flags, LYDLR_RTSP_AUTH and --auth-file, warning about ps and loose permissions', () => {
    const loose = file('users', 'cat:3\n', 0o644);
    const { users, warnings } = collectAuth({ flags: ['ann:1'], env: { LYDLR_RTSP_AUTH: 'bob:2  dan:4\n' }, file: loose });
    expect(users.map((u) => u.user)).toEqual(['ann', 'bob', 'dan', 'cat']);
    expect(warnings.join('\n')).toMatch(/visible to other users of this machine \(ps\)/);
    expect(warnings.join('\n')).toMatch(/chmod 600/);
    expect(collectAuth({ env: { LYDLR_RTSP_AUTH: 'bob:2' } }).warnings).toEqual([]);
  });

  it('an auth file without users, or missing, is exit 2', () => {
    usage(() => collectAuth({ file: file('empty', '# nobody\n') }), /names no user/);
    usage(() => collectAuth({ file: join(dir, 'none') }), /does not exist/);
  });
});
