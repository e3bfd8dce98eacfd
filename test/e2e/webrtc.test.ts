// `webrtc` end to end: the built CLI serving real GStreamer (webrtcbin in the helper) to a real
// browser (Debian's Chromium through playwright-core, no browser download).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { execa } from 'execa';
import { cli, sleep, tempDir } from '../helpers/cli.js';
import { startJsonCli, type JsonCli } from '../helpers/ndjson-process.js';
import { makeClip } from '../helpers/media.js';
import { waitUntil } from '../helpers/wait.js';

const CHROMIUM = '/usr/bin/chromium';
const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required'];

type Server = JsonCli;
const startServer = (args: string[]): Server => startJsonCli(['webrtc', ...args]);

async function ready(server: Server): Promise<{ url: string; whep: string }> {
  const e = await server.waitFor((x) => x.type === 'ready', 30_000, 'ready');
  return { url: String(e.url), whep: String(e.whep) };
}

// The helper the CLI runs (through setpriv, which execs it: same pid).
async function helperPid(cliPid: number): Promise<number> {
  const r = await execa('pgrep', ['-P', String(cliPid)], { reject: false });
  const pids = r.stdout.split('\n').filter(Boolean).map(Number);
  const pid = pids.find((p) => readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('webrtc_host.py'));
  if (pid === undefined) throw new Error(`no helper under ${cliPid}`);
  return pid;
}

function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function viewerFrames(page: Page, min: number, ms = 20_000): Promise<Record<string, unknown>> {
  await page.waitForFunction((n) => ((window as unknown as { lydlrViewer?: { stats: { framesDecoded?: number } } }).lydlrViewer?.stats.framesDecoded ?? 0) >= n, min, { timeout: ms, polling: 200 });
  return page.evaluate(() => (window as unknown as { lydlrViewer: Record<string, unknown> }).lydlrViewer);
}

// A WHEP client written here: RTCPeerConnection in a page of another origin (otherOriginPage()),
// POST the offer, 201 + Location + the answer, then frames counted from getStats().
async function whepPlay(page: Page, whep: string, options: { token?: string; audio?: boolean; video?: boolean } = {}) {
  return page.evaluate(async ({ whep, token, audio, video }) => {
    const pc = new RTCPeerConnection();
    if (video !== false) pc.addTransceiver('video', { direction: 'recvonly' });
    if (audio !== false) pc.addTransceiver('audio', { direction: 'recvonly' });
    await pc.setLocalDescription(await pc.createOffer());
    await new Promise<void>((ok) => {
      if (pc.iceGatheringState === 'complete') return ok();
      pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && ok();
      setTimeout(ok, 2000);
    });
    const headers: Record<string, string> = { 'Content-Type': 'application/sdp' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const res = await fetch(whep, { method: 'POST', headers, body: pc.localDescription!.sdp });
    const body = await res.text();
    const w = window as unknown as { pcs?: Record<string, RTCPeerConnection> };
    const result = { status: res.status, location: res.headers.get('Location'), retryAfter: res.headers.get('Retry-After'), body, key: '' };
    if (res.status !== 201) {
      pc.close();
      return result;
    }
    await pc.setRemoteDescription({ type: 'answer', sdp: body });
    result.key = String(Math.random());
    (w.pcs ??= {})[result.key] = pc;
    return result;
  }, { whep, ...options });
}

async function whepFrames(page: Page, key: string, min: number, ms = 20_000): Promise<{ frames: number; codec: string; fmtp: string; width: number }> {
  const deadline = Date.now() + ms;
  let last = { frames: 0, codec: '', fmtp: '', width: 0 };
  while (Date.now() < deadline) {
    last = await page.evaluate(async (k) => {
      const pc = (window as unknown as { pcs: Record<string, RTCPeerConnection> }).pcs[k]!;
      const out = { frames: 0, codec: '', fmtp: '', width: 0 };
      const report = await pc.getStats();
      report.forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') {
          out.frames = s.framesDecoded ?? 0;
          out.width = s.frameWidth ?? 0;
          const codec = report.get(s.codecId);
          out.codec = codec?.mimeType ?? '';
          out.fmtp = codec?.sdpFmtpLine ?? '';
        }
      });
      return out;
    }, key);
    if (last.frames >= min) return last;
    await sleep(150);
  }
  throw new Error(`only ${last.frames} frames decoded: ${JSON.stringify(last)}`);
}

async function freePort(): Promise<{ port: number; close: () => void }> {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  return { port: (blocker.address() as { port: number }).port, close: () => blocker.close() };
}

let context: BrowserContext;
let profile: string;
// Another origin (another port, "localhost"): WHEP clients run in its page, so CORS is exercised.
let otherOrigin: HttpServer;
let otherOriginUrl: string;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'lydlr-chromium-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: BROWSER_ARGS });
  otherOrigin = createHttpServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>another origin</title>'));
  await new Promise<void>((resolve) => otherOrigin.listen(0, '127.0.0.1', resolve));
  otherOriginUrl = `http://localhost:${(otherOrigin.address() as { port: number }).port}/`;
});

afterAll(async () => {
  await context?.close();
  otherOrigin?.close();
  rmSync(profile, { recursive: true, force: true });
});

async function otherOriginPage(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(otherOriginUrl);
  return page;
}

describe('webrtc test source, VP8 (one server for the cases below)', () => {
  let server: Server;
  let url: string;
  let whep: string;

  beforeAll(async () => {
    server = startServer(['test', '--port', '0', '--scale', '640x360', '--stats-interval', '1']);
    ({ url, whep } = await ready(server));
  });

  afterAll(async () => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });

  it('the viewer page plays: ≥ 30 frames decoded, state and live stats shown', async () => {
    const page = await context.newPage();
    try {
      await page.goto(url);
      const viewer = await viewerFrames(page, 30);
      expect(viewer.state).toBe('playing');
      expect(viewer.stats).toMatchObject({ width: 640, height: 360, codec: 'video/VP8' });
      await page.waitForFunction(() => document.getElementById('s-bitrate')!.textContent!.endsWith('kb/s'), undefined, { timeout: 5000 });
      expect(await page.textContent('#s-resolution')).toBe('640×360');
      expect(await page.textContent('#state')).toBe('playing');
      const id = String(viewer.resource).split('/').pop();
      expect(await server.waitFor((e) => e.type === 'viewer-joined' && e.id === id)).toMatchObject({ remote: '127.0.0.1' });
      const left = server.waitForNext((e) => e.type === 'viewer-left' && e.id === id);
      await page.close();
      expect(await left).toMatchObject({ reason: 'requested', joined: true });
    } finally {
      if (!page.isClosed()) await page.close();
    }
  });

  it('a WHEP client from another origin: 201, Location, the answer with candidates; DELETE frees the peer', async () => {
    const page = await otherOriginPage();
    try {
      const r = await whepPlay(page, whep);
      expect(r.status).toBe(201);
      expect(r.location).toMatch(/^\/whep\/[0-9a-f]{16}$/);
      expect(r.body).toMatch(/^v=0\r\n/);
      expect(r.body).toContain('a=candidate:');
      expect(r.body).toContain('a=sendonly');
      const frames = await whepFrames(page, r.key, 30);
      expect(frames.codec).toBe('video/VP8');
      const id = r.location!.split('/').pop()!;
      await server.waitFor((e) => e.type === 'viewer-joined' && e.id === id);
      await server.waitForNext((e) => e.type === 'stats' && e.peers === 1, 5000, 'stats with the peer');
      const left = server.waitForNext((e) => e.type === 'viewer-left' && e.id === id);
      const del = await fetch(new URL(r.location!, url), { method: 'DELETE' });
      expect(del.status).toBe(200);
      expect(await left).toMatchObject({ reason: 'requested' });
      await server.waitForNext((e) => e.type === 'stats' && e.peers === 0 && e.viewers === 0, 5000, 'stats without peers');
      expect((await fetch(new URL(r.location!, url), { method: 'DELETE' })).status).toBe(404);
    } finally {
      await page.close();
    }
  });

  it('3 viewers at once, from one shared encode', async () => {
    const pages = await Promise.all([1, 2, 3].map(() => context.newPage()));
    try {
      await Promise.all(pages.map((p) => p.goto(url)));
      const viewers = await Promise.all(pages.map((p) => viewerFrames(p, 30)));
      expect(viewers.map((v) => v.state)).toEqual(['playing', 'playing', 'playing']);
      const stats = await server.waitForNext((e) => e.type === 'stats' && e.viewers === 3, 5000, 'stats with 3 viewers');
      expect(stats.peerStats).toHaveLength(3);
      expect(Number(stats.bitrateKbps)).toBeGreaterThan(1000);
    } finally {
      await Promise.all(pages.map((p) => p.close()));
    }
  });

  it('a garbage or codec-less offer → 400, a wrong content type → 415, and the next viewer still plays', async () => {
    const garbage = await fetch(whep, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: 'this is not sdp' });
    expect(garbage.status).toBe(400);
    expect(await garbage.text()).toContain('not an SDP session description');
    const wrongType = await fetch(whep, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'v=0' });
    expect(wrongType.status).toBe(415);
    const page = await otherOriginPage();
    try {
      const audioOnly = await whepPlay(page, whep, { video: false });
      expect(audioOnly.status).toBe(400);
      expect(audioOnly.body).toContain('no video section accepting VP8');
      const next = await context.newPage();
      await next.goto(url);
      expect((await viewerFrames(next, 30)).state).toBe('playing');
      await next.close();
    } finally {
      await page.close();
    }
  });

  it('50 viewers joining and leaving one after another leave the helper as it was (elements, fds, memory)', async () => {
    const page = await otherOriginPage();
    const baseline = async () => server.waitForNext((e) => e.type === 'stats' && e.peers === 0, 5000, 'stats without peers');
    try {
      // One viewer first: the process's one-time costs (DTLS certificate, plugins) are not a leak.
      const warm = await whepPlay(page, whep);
      await whepFrames(page, warm.key, 1);
      await fetch(new URL(warm.location!, url), { method: 'DELETE' });
      const before = await baseline();
      for (let i = 0; i < 50; i++) {
        const r = await whepPlay(page, whep, { audio: i % 2 === 0 });
        expect(r.status).toBe(201);
        await whepFrames(page, r.key, 1);
        expect((await fetch(new URL(r.location!, url), { method: 'DELETE' })).status).toBe(200);
        await page.evaluate((k) => (window as unknown as { pcs: Record<string, RTCPeerConnection> }).pcs[k]!.close(), r.key);
      }
      const after = await baseline();
      const rssGrowthMb = (Number(after.rssBytes) - Number(before.rssBytes)) / 2 ** 20;
      console.log(`leak check: elements ${before.elements} → ${after.elements}, fds ${before.fds} → ${after.fds}, rss ${(Number(before.rssBytes) / 2 ** 20).toFixed(1)} → ${(Number(after.rssBytes) / 2 ** 20).toFixed(1)} MB`);
      expect(after.elements).toBe(before.elements);
      expect(Number(after.fds)).toBeLessThanOrEqual(Number(before.fds) + 2);
      expect(rssGrowthMb).toBeLessThan(12);
      const left = server.events.filter((e) => e.type === 'viewer-left' && e.reason === 'requested');
      expect(left.length).toBeGreaterThanOrEqual(51);
    } finally {
      await page.close();
    }
  });

  it('SIGTERM closes every viewer and exits 0 with the result; the helper is gone', async () => {
    const page = await context.newPage();
    await page.goto(url);
    const viewer = await viewerFrames(page, 5);
    const id = String(viewer.resource).split('/').pop();
    const helper = await helperPid(server.child.pid!);
    expect(running(helper)).toBe(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.events.find((e) => e.type === 'viewer-left' && e.id === id)).toMatchObject({ reason: 'stopped' });
    expect(server.events.at(-1)).toMatchObject({ type: 'result', ok: true, command: 'webrtc', reason: 'stopped', url });
    expect(Number(server.events.at(-1)!.viewersServed)).toBeGreaterThanOrEqual(55);
    expect(Number(server.events.at(-1)!.peakViewers)).toBeGreaterThanOrEqual(3);
    await waitUntil('the helper to be gone', () => !running(helper), { timeoutMs: 5000 });
    await page.close();
  });
});

describe('webrtc --codec h264 --token --max-viewers 1', () => {
  it('H.264 constrained baseline plays with the token; no token → 401; a second viewer → 503', async () => {
    const server = startServer(['test:ball', '--port', '0', '--codec', 'h264', '--scale', '480x270', '--token', 's3cret', '--max-viewers', '1']);
    const pages: Page[] = [];
    try {
      const { url, whep } = await ready(server);
      const noToken = await context.newPage();
      pages.push(noToken);
      await noToken.goto(url);
      await noToken.waitForFunction(() => (window as unknown as { lydlrViewer: { state: string } }).lydlrViewer.state === 'unauthorized', undefined, { timeout: 10_000 });
      expect(await noToken.isVisible('#token-form')).toBe(true);
      const viewer = await context.newPage();
      pages.push(viewer);
      await viewer.goto(`${url}#token=s3cret`);
      const playing = await viewerFrames(viewer, 30);
      expect(playing.stats).toMatchObject({ codec: 'video/H264', width: 480, height: 270 });
      const client = await otherOriginPage();
      pages.push(client);
      const second = await whepPlay(client, whep, { token: 's3cret' });
      expect(second.status).toBe(503);
      expect(second.retryAfter).toBe('5');
      expect(second.body).toContain('--max-viewers 1');
      expect(server.events.filter((e) => e.type === 'viewer-refused').map((e) => e.status)).toEqual(expect.arrayContaining([401, 503]));
      // What the browser negotiated: packetization-mode=1 and a constrained-baseline profile-level-id.
      expect((playing.stats as { fmtp: string }).fmtp).toMatch(/packetization-mode=1/);
      expect((playing.stats as { fmtp: string }).fmtp).toMatch(/profile-level-id=42(e0|c0|00)1f/);
      server.child.kill('SIGINT');
      expect(await server.exited).toBe(0);
    } finally {
      await Promise.all(pages.map((p) => p.close()));
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  });
});

describe('webrtc when things go away', () => {
  it('the viewer page reconnects on its own when the server comes back', async () => {
    const { port, close } = await freePort();
    close();
    const args = ['test', '--port', String(port), '--scale', '320x240'];
    let server = startServer(args);
    const page = await context.newPage();
    try {
      const { url } = await ready(server);
      await page.goto(url);
      await viewerFrames(page, 10);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      server = startServer(args);
      await ready(server);
      await page.waitForFunction(() => {
        const v = (window as unknown as { lydlrViewer: { state: string; reconnects: number; stats: { framesDecoded?: number } } }).lydlrViewer;
        return v.reconnects > 0 && v.state === 'playing' && (v.stats.framesDecoded ?? 0) > 10;
      }, undefined, { timeout: 20_000, polling: 200 });
      await server.waitFor((e) => e.type === 'viewer-joined');
    } finally {
      await page.close();
      server.child.kill('SIGKILL');
    }
  });

  it('the helper dying under the server is exit 1 saying so (and the port is freed)', async () => {
    const server = startServer(['test', '--port', '0', '--scale', '320x240']);
    const { url } = await ready(server);
    process.kill(await helperPid(server.child.pid!), 'SIGKILL');
    expect(await server.exited).toBe(1);
    expect(server.events.at(-1)).toMatchObject({ type: 'result', ok: false, exitCode: 1 });
    expect(String((server.events.at(-1)!.error as { message: string }).message)).toContain('The WebRTC media pipeline failed while running: it ended with signal SIGKILL');
    await expect(fetch(url)).rejects.toThrow();
  });
});

describe('webrtc with a file', () => {
  let dir: string;
  let cleanup: () => void;
  let clip: string;

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir('lydlr-webrtc-'));
    clip = join(dir, 'one second, "quoted" !.mp4');
    await makeClip(clip, { seconds: 1, width: 320, height: 240, fps: 30 });
  });
  afterAll(() => cleanup());

  it('--loop plays a 1 s clip over and over (more frames than it has)', async () => {
    const server = startServer([clip, '--port', '0', '--loop']);
    const page = await context.newPage();
    try {
      const { url } = await ready(server);
      await page.goto(url);
      const viewer = await viewerFrames(page, 75, 20_000);
      expect(viewer.stats).toMatchObject({ width: 320, height: 240 });
      expect(server.child.exitCode).toBeNull();
      server.child.kill('SIGINT');
      expect(await server.exited).toBe(0);
    } finally {
      await page.close();
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  });

  it('without --loop the server stops when the file ends: exit 0, reason eos', async () => {
    const r = await cli(['--json', 'webrtc', clip, '--port', '0'], { timeout: 30_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json.map((e) => e.type)).toEqual(expect.arrayContaining(['ready', 'input-ended']));
    expect(r.result).toMatchObject({ ok: true, reason: 'eos', viewersServed: 0 });
  });
});

describe('webrtc refusals before anything streams', () => {
  it('a busy port is exit 2 naming the port', async () => {
    const busy = await freePort();
    try {
      const r = await cli(['webrtc', 'test', '--port', String(busy.port)]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`Port ${busy.port} is already in use`);
    } finally {
      busy.close();
    }
  });

  it.each([
    [['test', '--codec', 'h265'], /--codec: "h265" is not a WebRTC video codec/],
    [['test', '--loop'], /--loop applies to files/],
    [['test', '--stun', 'stun.example.com'], /--stun: "stun.example.com" is not a STUN or TURN URL/],
    [['/nonexistent/clip.mp4'], /Input not found/],
  ])('%j is exit 2', async (args, message) => {
    const r = await cli(['webrtc', ...args, '--port', '0']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('the helper\'s Python bindings missing is exit 3 with the apt line', async () => {
    const r = await cli(['--json', 'webrtc', 'test', '--port', '0'], { env: { LYDLR_PYTHON: '/nonexistent/python3' } });
    expect(r.exitCode).toBe(3);
    expect(r.result).toMatchObject({ ok: false, exitCode: 3, error: { fix: expect.stringContaining('apt-get install -y python3-gi') } });
  });

  it('the page asset is shipped in the build', () => {
    expect(existsSync(new URL('../../dist/server/assets/webrtc-viewer.html', import.meta.url))).toBe(true);
  });
});

describe('WebRTCPipeline (the library, on the same code)', () => {
  it('starts, answers a recorded Chromium offer with ICE host and servers, reports stats and stops', async () => {
    const { WebRTCPipeline } = await import('../../src/jobs/webrtc/library.js');
    const stream = new WebRTCPipeline({
      inputSource: 'test:ball', port: 0, scale: '320x240', stunServer: 'stun://127.0.0.1:3478',
      turn: ['turn://me:secret@127.0.0.1:3479'], iceHost: '192.0.2.10', statsInterval: 0.5,
    });
    const seen: string[] = [];
    stream.on((e) => seen.push(e.type));
    const { url, whep } = await stream.start();
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await (await fetch(url)).text();
      expect(page).toContain('"iceServers":[{"urls":"stun:127.0.0.1:3478"},{"urls":"turn:127.0.0.1:3479","username":"me","credential":"secret"}]');
      const offer = readFileSync(new URL('../fixtures/webrtc/chromium-recvonly-offer.sdp', import.meta.url), 'utf8');
      const res = await fetch(whep, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: offer });
      expect(res.status).toBe(201);
      expect(res.headers.get('link')).toContain('<turn:127.0.0.1:3479>; rel="ice-server"; username="me"');
      const answer = await res.text();
      // Caps reached webrtcbin before the answer (a=ssrc), and --ice-host is announced.
      expect(answer).toMatch(/a=ssrc:\d+ /);
      expect(answer).toMatch(/a=candidate:\S+ 1 UDP \d+ 192\.0\.2\.10 \d+ typ host/i);
      expect(stream.getStats().viewers).toHaveLength(1);
      await waitUntil('a stats report with the viewer', () => stream.getStats().stream?.peers === 1, { timeoutMs: 10_000 });
      expect(stream.getStats()).toMatchObject({ state: 'running', stream: { type: 'stats', peers: 1 } });
      expect((await fetch(new URL(res.headers.get('location')!, url), { method: 'DELETE' })).status).toBe(200);
      expect(stream.getStats().viewers).toHaveLength(0);
    } finally {
      await stream.stop();
      expect(stream.result).toMatchObject({ reason: 'stopped', viewersServed: 0 });
    }
    expect(stream.getStats().state).toBe('stopped');
    expect(seen).toEqual(expect.arrayContaining(['ready', 'stats', 'viewer-left']));
  });
});
