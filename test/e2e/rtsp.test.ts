// `rtsp` through the built CLI against real clients: ffprobe, gst-launch rtspsrc (UDP and TCP),
// ten viewers of one shared encode, auth, looping, busy ports, signals, and publishing to SRT and
// to an RTSP RECORD server started here.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT, sleep, tempDir } from '../helpers/cli.js';
import { makeClip } from '../helpers/media.js';
import { RTSPStreamPipeline } from '../../src/jobs/rtsp/rtsp-pipeline.js';
import { decodeFrames, freePort, probeStream, startCli, waitGone, type RunningCli } from '../helpers/rtsp.js';

const HELPER = join(ROOT, 'src', 'server', 'helper', 'rtsp_host.py');
const SMALL = ['--scale', '640x360', '--bitrate', '800', '--stats-interval', '1'];
let dir: string;
let cleanup: () => void;
const running = new Set<RunningCli>();
const serve = (args: string[], env: NodeJS.ProcessEnv = {}): RunningCli => {
  const server = startCli(['rtsp', ...args], env);
  running.add(server);
  return server;
};
const urlOf = async (server: RunningCli, mount = '/stream'): Promise<string> =>
  String((await server.waitFor((e) => e.type === 'ready' && e.mount === mount)).url);

beforeAll(() => ({ dir, cleanup } = tempDir('lydlr-rtsp-e2e-')));
afterAll(async () => {
  for (const server of running) server.child.kill('SIGKILL');
  cleanup();
});

describe('rtsp: the closing tally', () => {
  it('a session shorter than the stats interval still counts its bytes in the result', async () => {
    const server = serve(['test', '--port', '0', '--scale', '640x360', '--bitrate', '800', '--stats-interval', '60']);
    const url = await urlOf(server);
    const watched = await decodeFrames(url, { protocols: 'tcp', frames: 30 });
    expect(watched.frames, watched.output).toBe(30);
    const r = await server.stop('SIGINT');
    expect(r.exitCode).toBe(0);
    expect(r.result).toMatchObject({ ok: true, clientsServed: 1 });
    expect(r.result?.bytes as number).toBeGreaterThan(10_000);
  });
});

describe('rtsp test: one shared live encode', () => {
  let server: RunningCli;
  let url: string;
  beforeAll(async () => {
    server = serve(['test', '--port', '0', ...SMALL]);
    url = await urlOf(server);
  });

  it('announces a ready URL on 127.0.0.1 with the real port', () => {
    expect(url).toMatch(/^rtsp:\/\/127\.0\.0\.1:\d+\/stream$/);
    expect(url).not.toContain(':0/');
  });

  it('ffprobe over TCP sees H.264', async () => {
    const probe = await probeStream(url);
    expect(probe.codecs, probe.stderr).toEqual(['h264']);
  });

  it.each(['udp', 'tcp'] as const)('rtspsrc protocols=%s decodes 60 frames', async (protocols) => {
    const decoded = await decodeFrames(url, { protocols, frames: 60 });
    expect(decoded.frames, decoded.output).toBe(60);
  });

  it('10 clients at once (UDP and TCP) each decode 60 frames; stats see them', async () => {
    const clients = await Promise.all(Array.from({ length: 10 }, (_, i) => decodeFrames(url, { protocols: i % 2 ? 'udp' : 'tcp', frames: 60, timeoutMs: 30_000 })));
    expect(clients.map((c) => c.frames)).toEqual(Array(10).fill(60));
    const busiest = Math.max(...server.events.filter((e) => e.type === 'server-stats').map((e) => Number(e.clients)));
    expect(busiest).toBeGreaterThanOrEqual(5);
    expect(server.events.filter((e) => e.type === 'client-connected').length).toBeGreaterThanOrEqual(12);
    expect(server.events.find((e) => e.type === 'client-connected')).toMatchObject({ address: '127.0.0.1' });
  });

  it('a client killed without TEARDOWN does not disturb the next', async () => {
    const killed = execa('gst-launch-1.0', ['rtspsrc', `location=${url}`, 'protocols=udp', '!', 'decodebin', '!', 'fakesink'], { reject: false });
    await sleep(1500);
    killed.kill('SIGKILL');
    await killed;
    const next = await decodeFrames(url, { protocols: 'tcp', frames: 60 });
    expect(next.frames, next.output).toBe(60);
    expect(server.events.filter((e) => e.type === 'media-error')).toEqual([]);
  });

  it('a second server on the same port: exit 2, naming the port', async () => {
    const port = new URL(url.replace('rtsp:', 'http:')).port;
    const r = await cli(['--json', 'rtsp', 'test', '--port', port]);
    expect(r.exitCode).toBe(2);
    expect(r.result).toMatchObject({ ok: false, exitCode: 2, error: { name: 'UsageError', code: 'port-busy', port: Number(port) } });
    expect(String((r.result?.error as { message: string }).message)).toContain(`Port ${port}`);
  });

  it('SIGINT: exit 0, the result last, the helper gone', async () => {
    const helpers = await server.childPids();
    expect(helpers.length).toBeGreaterThan(0);
    const r = await server.stop('SIGINT');
    expect(r.exitCode).toBe(0);
    expect(r.json.at(-1)).toMatchObject({ type: 'result', ok: true, command: 'rtsp', urls: [url] });
    expect((r.result?.clientsServed as number) >= 13).toBe(true);
    expect(await waitGone(helpers)).toEqual([]);
  });
});

describe('auth', () => {
  it.each([
    ['basic', '--auth-file'],
    ['digest', 'LYDLR_RTSP_AUTH'],
  ] as const)('%s (users from %s): none and a wrong password refused, the right one plays', async (scheme, source) => {
    const file = join(dir, `users-${scheme}`);
    writeFileSync(file, '# viewers\nann:s3cret pass\n');
    chmodSync(file, 0o600);
    const args = ['test', '--port', '0', ...SMALL, '--auth-scheme', scheme];
    const server = source === '--auth-file' ? serve([...args, '--auth-file', file]) : serve(args, { LYDLR_RTSP_AUTH: 'ann:s3cret' });
    const url = await urlOf(server);
    const pass = source === '--auth-file' ? 's3cret%20pass' : 's3cret';
    const withUser = (user: string) => url.replace('rtsp://', `rtsp://${user}@`);
    const [none, wrong, right] = await Promise.all([probeStream(url), probeStream(withUser('ann:nope')), probeStream(withUser(`ann:${pass}`))]);
    expect(none.exitCode).not.toBe(0);
    expect(none.stderr).toMatch(/401/);
    expect(wrong.exitCode).not.toBe(0);
    expect(wrong.stderr).toMatch(/401/);
    expect(right.codecs, right.stderr).toEqual(['h264']);
    const plays = await decodeFrames(url, { frames: 30, props: ['user-id=ann', `user-pw=${decodeURIComponent(pass)}`] });
    expect(plays.frames).toBe(30);
    expect((await server.stop('SIGTERM')).exitCode).toBe(0);
  });
});

describe('files (mounts from a config file)', () => {
  let server: RunningCli;
  beforeAll(async () => {
    await makeClip(join(dir, 'one second.mp4'), { seconds: 1, width: 320, height: 240, audio: true });
    await makeClip(join(dir, 'once.mp4'), { seconds: 1, width: 320, height: 240, audio: false });
    const config = join(dir, 'rtsp.json');
    // Relative inputs are relative to the config file; a name with a space must reach filesrc unchanged.
    writeFileSync(config, JSON.stringify({ mounts: { '/loop': { input: 'one second.mp4', loop: true }, '/once': 'once.mp4' }, bitrate: 600, statsInterval: 0 }));
    server = serve(['--port', '0', '--config', config]);
    await urlOf(server, '/once');
  });

  it('a looping 1 s file (with audio) plays past its own length', async () => {
    const url = await urlOf(server, '/loop');
    expect((await probeStream(url)).codecs).toEqual(['h264', 'aac']);
    const decoded = await decodeFrames(url, { frames: 75 });
    expect(decoded.frames, decoded.output).toBe(75);
    expect(decoded.lastPts).toBeGreaterThan(2);
  });

  it('without --loop the stream ends: the client gets EOS after the file\'s frames', async () => {
    // Asked for 1000 frames, the client ends by itself (EOS) after the file's 30.
    const decoded = await decodeFrames(await urlOf(server, '/once'), { frames: 1000, timeoutMs: 15_000 });
    expect(decoded.timedOut).toBe(false);
    expect(decoded.frames).toBeGreaterThan(20);
    expect(decoded.frames).toBeLessThanOrEqual(30);
    expect(server.events.some((e) => e.type === 'media-eos' && e.mount === '/loop')).toBe(false);
  });

  afterAll(async () => {
    expect((await server.stop('SIGINT')).exitCode).toBe(0);
  });
});

describe('--publish', () => {
  it('srt://: a listener srtsrc started here decodes the stream', async () => {
    const port = await freePort('udp');
    const reader = execa('gst-launch-1.0', ['-v', 'srtsrc', `uri=srt://:${port}`, 'mode=listener', '!', 'tsdemux', '!', 'h264parse', '!', 'avdec_h264', '!', 'fakesink', 'silent=false', 'num-buffers=60'], { reject: false, all: true, timeout: 30_000 });
    const publisher = serve(['test', '--scale', '320x240', '--bitrate', '500', '--publish', `srt://127.0.0.1:${port}`]);
    await publisher.waitFor((e) => e.type === 'publishing');
    const read = await reader;
    expect(String(read.all).match(/last-message = chain/g)?.length ?? 0).toBe(60);
    const r = await publisher.stop('SIGINT');
    expect(r.exitCode).toBe(0);
    expect(r.result).toMatchObject({ ok: true, protocol: 'srt', reason: 'stopped' });
  });

  it('rtsp://: pushes into a RECORD server, reconnecting with back-off until it is up', async () => {
    const port = await freePort('tcp');
    const recording = join(dir, 'recorded.ts');
    const publisher = serve(['test', '--scale', '320x240', '--bitrate', '500', '--transport', 'tcp', '--publish', `rtsp://127.0.0.1:${port}/in`]);
    const retry = await publisher.waitFor((e) => e.type === 'reconnecting');
    expect(retry).toMatchObject({ attempt: 2, delayMs: 1000 });
    const recorder = startRecorder(port, recording);
    await publisher.waitFor((e) => e.type === 'publishing', 15_000);
    await sleep(2500);
    const r = await publisher.stop('SIGINT');
    expect(r.exitCode).toBe(0);
    expect(r.result).toMatchObject({ ok: true, protocol: 'rtsp', reason: 'stopped' });
    expect(Number(r.result?.reconnects)).toBeGreaterThanOrEqual(1);
    recorder.stdin?.end();
    expect((await recorder).exitCode).toBe(0);
    const probe = await execa('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_name,nb_read_frames', '-of', 'csv=p=0', recording]);
    const [codec, frames] = String(probe.stdout).trim().split('\n')[0]!.split(',');
    expect(codec).toBe('h264');
    expect(Number(frames)).toBeGreaterThan(30);
  });
});

describe('the environment and the library', () => {
  it('no Python bindings: exit 3 with the apt line', async () => {
    const r = await cli(['--json', 'rtsp', 'test', '--port', '0'], { env: { LYDLR_PYTHON: join(dir, 'no-python') } });
    expect(r.exitCode).toBe(3);
    expect(r.result).toMatchObject({ ok: false, error: { name: 'EnvironmentError' } });
    expect(String((r.result?.error as { fix: string }).fix)).toMatch(/^apt-get install -y .*gir1\.2-gst-rtsp-server-1\.0/);
  });

  it('the CLI killed outright (SIGKILL): the helper dies with it', async () => {
    const server = serve(['test', '--port', '0', '--scale', '320x240']);
    await urlOf(server);
    const helpers = await server.childPids();
    expect(helpers.length).toBeGreaterThan(0);
    const r = await server.stop('SIGKILL');
    expect(r.exitCode).not.toBe(0);
    expect(await waitGone(helpers)).toEqual([]);
  });

  it('RTSPStreamPipeline: createPipeline, start, getStats, stop', async () => {
    const stream = new RTSPStreamPipeline({ inputSource: 'test:ball', rtspPort: 0, codec: 'h264', scale: '320x240', statsInterval: 0 });
    expect(await stream.createPipeline()).toContain('rtph264pay name=pay0');
    const url = await stream.start();
    try {
      expect(url).toMatch(/^rtsp:\/\/127\.0\.0\.1:\d+\/test$/);
      expect((await probeStream(url)).codecs).toEqual(['h264']);
      expect(stream.getStats()).toMatchObject({ running: true, urls: [url], clientsServed: 1 });
    } finally {
      await stream.stop();
    }
    expect(stream.getStats().running).toBe(false);
  });
});

// The same host our server uses, as a RECORD server: the pushed H.264 is written to an MPEG-TS file.
function startRecorder(port: number, path: string): ResultPromise {
  const config = { host: '127.0.0.1', port, statsIntervalMs: 0, mounts: [{ path: '/in', launch: `( rtph264depay name=depay0 ! h264parse ! mpegtsmux ! filesink location="${path}" )`, record: true }] };
  const recorder = execa('/usr/bin/python3', [HELPER], { reject: false, stdin: 'pipe', timeout: 60_000 });
  recorder.stdin?.write(`${JSON.stringify(config)}\n`);
  return recorder;
}
