// `rtsp` through the built CLI against real clients: ffprobe, gst-launch rtspsrc (UDP and TCP),
// ten viewers of one shared encode, auth, looping, busy ports and signals. Codecs and inputs:
// rtsp-media.test.ts; --publish: rtsp-publish.test.ts.
import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { ffprobe, makeClip, packetHashes, streamSpan } from '../helpers/media.js';
import { RTSPStreamPipeline } from '../../src/jobs/rtsp/library.js';
import { decodeFrames, probeStream, startCli, waitGone, type RunningCli } from '../helpers/rtsp.js';
import { waitUntil } from '../helpers/wait.js';

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

  it('10 clients at once (UDP and TCP) each decode 60 frames; the server counts all 10', async () => {
    const before = server.events.length; // this server's earlier viewers are not this test's
    const clients = await Promise.all(Array.from({ length: 10 }, (_, i) => decodeFrames(url, { protocols: i % 2 ? 'udp' : 'tcp', frames: 60, timeoutMs: 30_000 })));
    expect(clients.map((c) => c.frames)).toEqual(Array(10).fill(60));
    const ours = server.events.slice(before);
    expect(ours.filter((e) => e.type === 'client-connected')).toHaveLength(10);
    expect(ours.find((e) => e.type === 'client-connected')).toMatchObject({ address: '127.0.0.1' });
    // Stats come every second: while 10 clients play for 2 s, one reading sees at least half of them.
    const busiest = Math.max(...ours.filter((e) => e.type === 'server-stats').map((e) => Number(e.clients)));
    expect(busiest).toBeGreaterThanOrEqual(5);
  });

  it('a client killed without TEARDOWN does not disturb the next', async () => {
    const killed = execa('gst-launch-1.0', ['-v', 'rtspsrc', `location=${url}`, 'protocols=udp', '!', 'decodebin', '!', 'fakesink', 'silent=false'], { reject: false, all: true, buffer: false });
    let seen = '';
    killed.all?.on('data', (d: Buffer) => (seen = (seen + d.toString()).slice(-4000)));
    await waitUntil('the first frame at the client that will be killed', () => seen.includes('last-message = chain'), { timeoutMs: 20_000 });
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

});

describe('rtsp: stopping', () => {
  it('SIGINT: exit 0, the result last with the URL and the 2 clients served, the helper gone', async () => {
    const server = serve(['test', '--port', '0', ...SMALL]);
    const url = await urlOf(server);
    for (const protocols of ['udp', 'tcp'] as const) expect((await decodeFrames(url, { protocols, frames: 10 })).frames).toBe(10);
    const helpers = await server.childPids();
    expect(helpers.length).toBeGreaterThan(0);
    const r = await server.stop('SIGINT');
    expect(r.exitCode).toBe(0);
    expect(r.json.at(-1)).toMatchObject({ type: 'result', ok: true, command: 'rtsp', urls: [url], clientsServed: 2 });
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

  it('without --loop the stream ends: the client gets the end of stream (BYE, EOS) after the file\'s frames', async () => {
    // Asked for 1000 frames, the client ends by itself (EOS) after the file's 30.
    // The bound only detects a hang: on a loaded machine the client may take a while to start.
    const decoded = await decodeFrames(await urlOf(server, '/once'), { frames: 1000, timeoutMs: 60_000 });
    expect(decoded.timedOut, decoded.output).toBe(false);
    expect(decoded.ended || decoded.byeReceived, decoded.output).toBe(true);
    expect(decoded.frames).toBeGreaterThan(20);
    expect(decoded.frames).toBeLessThanOrEqual(30);
    expect(server.events.some((e) => e.type === 'media-eos' && e.mount === '/loop')).toBe(false);
  });

  afterAll(async () => {
    expect((await server.stop('SIGINT')).exitCode).toBe(0);
    // The ended file's bytes count though rtpbin dropped its sender (and counters) at the BYE.
    const tally = server.events.filter((e) => e.type === 'server-stats').at(-1) as { mounts: Record<string, { bytes: number }> } | undefined;
    expect(tally?.mounts['/once']?.bytes).toBeGreaterThan(5_000); // 0 before: read after the BYE
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

  it('RTSPStreamPipeline: createPipeline, start, getStats, stop; the mount defaults to /stream, as the CLI\'s', async () => {
    const stream = new RTSPStreamPipeline({ inputSource: 'test:ball', rtspPort: 0, codec: 'h264', scale: '320x240', statsInterval: 0 });
    expect((await stream.createPipeline()).build()).toContain('h264parse ! rtph264pay name=pay0 pt=96 config-interval=-1');
    expect(stream.getStats()).toMatchObject({ state: 'idle', clients: 0, uptimeMs: 0 });
    const url = await stream.start();
    try {
      expect(url).toMatch(/^rtsp:\/\/127\.0\.0\.1:\d+\/stream$/);
      expect((await probeStream(url)).codecs).toEqual(['h264']);
      expect(stream.getStats()).toMatchObject({ state: 'running', urls: [url], clientsServed: 1, errors: 0 });
    } finally {
      await stream.stop();
    }
    expect(stream.getStats()).toMatchObject({ state: 'stopped', clients: 0 });
    expect(stream.getStats().bytes).toBeGreaterThan(0);
  });

});

describe('rtsp --record DIR: the served stream kept on disk', () => {
  const visible = (d: string) => readdirSync(d).filter((f) => !f.startsWith('.')).sort();

  it('records the one shared encode: a viewer who joins later gets the very packets the recording holds, from ≥ 1 s into it; AAC copied beside', async () => {
    // Snow: no two frames alike (a moving pattern repeats, and so would its packets), from a live source
    // (a file mount is seeked back to its start by a viewer's PLAY, for every client of the shared media).
    const out = join(dir, 'served recording');
    const server = serve(['test:snow', '--port', '0', '--scale', '640x360', '--bitrate', '800', '--audio', 'aac', '--record', out]);
    const url = await urlOf(server);
    await server.waitFor((e) => e.type === 'segment-opened' && e.mount === '/stream', 30_000, 'the recording\'s first segment');
    await new Promise((r) => setTimeout(r, 1500));
    const viewer = join(dir, 'viewer.mkv');
    await execa('ffmpeg', ['-v', 'error', '-rtsp_transport', 'tcp', '-i', url, '-map', '0:v', '-c', 'copy', '-t', '2', viewer], { timeout: 30_000 });
    const r = await server.stop('SIGINT');
    expect(r.exitCode, r.stderr).toBe(0);
    // The recorder is a client of the server: two were served, the viewer and it.
    expect(r.result).toMatchObject({ ok: true, clientsServed: 2 });
    const [recording] = r.result?.recordings as Record<string, unknown>[];
    expect(recording).toMatchObject({ mount: '/stream', outputDir: out, codec: 'h264', reencoded: false, audio: { codec: 'aac', copied: true }, stoppedBy: 'signal' });
    expect(String(recording!.gstCommand)).toContain('rtph264depay');
    expect(String(recording!.gstCommand)).not.toMatch(/x264enc|avenc_aac/);
    const files = visible(out);
    expect(files).toHaveLength(1);
    const segment = join(out, files[0]!);
    expect((await ffprobe(segment)).streams.map((x) => [x.codec_name, x.width ?? null])).toEqual([['h264', 640], ['aac', null]]);
    const [v, a] = [await streamSpan(segment, 'video'), await streamSpan(segment, 'audio')];
    expect(Math.abs(a.end - a.start - (v.end - v.start))).toBeLessThan(0.15);
    // One encode: the viewer's packets are the recording's, in order, starting well into it (a second
    // encode for the viewer would match none of them).
    const recorded = await packetHashes(segment, 'video');
    const seen = await packetHashes(viewer, 'video');
    // Snow makes nearly every packet unique; those that are tell where the viewer's stream sits. Not
    // all: x264 codes every snow frame as an I-frame (each is a scene cut), and when rate control starves
    // them (the stream's first frames, a busy machine) near-empty ones repeat byte for byte (seen: 5 of 109).
    const once = new Set(recorded.filter((h, i) => recorded.indexOf(h) === i && recorded.lastIndexOf(h) === i));
    expect(once.size).toBeGreaterThanOrEqual(recorded.length * 0.9);
    const at = seen.filter((h) => once.has(h)).map((h) => recorded.indexOf(h));
    // ffmpeg's depayloader hands some frames on in two packets (their slices): the whole-frame ones match.
    expect(at.length).toBeGreaterThanOrEqual(20);
    expect(at).toEqual([...at].sort((x, y) => x - y));
    expect(at[0]).toBeGreaterThanOrEqual(30);
  }, 90_000);

  it('a file mount that ends ends its recording (one segment, not recorded again) while the server goes on serving', async () => {
    const clip = join(dir, 'ends.mp4');
    await makeClip(clip, { seconds: 2 });
    const out = join(dir, 'ended recording');
    const server = serve([clip, '--port', '0', '--scale', '320x240', '--record', out]);
    await urlOf(server);
    await server.waitFor((e) => e.type === 'segment-closed', 30_000, 'the segment closed at the end of the file');
    await new Promise((r) => setTimeout(r, 3000)); // time enough for a reconnect, which must not come
    expect(server.events.filter((e) => e.type === 'segment-opened')).toHaveLength(1);
    const r = await server.stop('SIGINT');
    expect(r.exitCode, r.stderr).toBe(0);
    expect((r.result?.recordings as Record<string, unknown>[])[0]).toMatchObject({ stoppedBy: 'end', audio: { codec: 'aac', copied: true } });
    const files = visible(out);
    expect(files).toHaveLength(1);
    expect(Number((await ffprobe(join(out, files[0]!))).format.duration)).toBeGreaterThan(1.5);
  }, 90_000);

  it('RTSPStreamPipeline with record: the mount is recorded too; stop() closes the segment before the run ends', async () => {
    const out = join(dir, 'library recording');
    const stream = new RTSPStreamPipeline({ inputSource: 'test', rtspPort: 0, scale: '320x240', statsInterval: 0, record: out });
    const opened: unknown[] = [];
    stream.on('segment-opened', (e) => opened.push(e));
    await stream.start();
    try {
      await waitUntil('a segment opened', () => opened.length > 0, { timeoutMs: 30_000 });
      expect(opened[0]).toMatchObject({ mount: '/stream' });
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      await stream.stop();
    }
    expect(stream.getStats()).toMatchObject({ state: 'stopped', errors: 0 });
    const files = visible(out);
    expect(files).toHaveLength(1);
    expect((await ffprobe(join(out, files[0]!))).streams.map((x) => [x.codec_name, x.width])).toEqual([['h264', 320]]);
  }, 60_000);

  it.each([
    [['test', '--codec', 'vp8'], /second encode/],
    [['test', '--publish', 'srt://127.0.0.1:9/x'], /--publish serves nothing/],
    [['test', '--auth', 'viewer:secret'], /password in ps/],
  ])('%j --record is refused (exit 2) before the server starts', async (args, reason) => {
    const out = join(dir, 'refused recording');
    const r = await cli(['rtsp', ...args, '--port', '0', '--record', out]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(reason);
    expect(existsSync(out)).toBe(false);
  });
});
