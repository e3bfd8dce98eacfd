// --metrics and hooks on `webrtc`, through the built CLI with a real WHEP viewer in headless Chromium:
// the viewer gauge rises and falls, the byte counter grows by about what the browser received.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startJsonCli, type JsonCli } from '../helpers/ndjson-process.js';
import { promtool, sample, scrape } from '../helpers/metrics.js';
import { waitUntil } from '../helpers/wait.js';

const CHROMIUM = '/usr/bin/chromium';
const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required'];

let context: BrowserContext;
let profile: string;
let blank: HttpServer;
let blankUrl: string;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'lydlr-ops-webrtc-'));
  context = await chromium.launchPersistentContext(join(profile, 'chromium'), { executablePath: CHROMIUM, headless: true, args: BROWSER_ARGS });
  // The WHEP client's page: any origin of ours (WHEP answers CORS).
  blank = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>whep client</title>'));
  await new Promise<void>((resolve) => blank.listen(0, '127.0.0.1', resolve));
  blankUrl = `http://127.0.0.1:${(blank.address() as { port: number }).port}/`;
});

afterAll(async () => {
  await context?.close();
  blank?.close();
  rmSync(profile, { recursive: true, force: true });
});

// POSTs an offer to WHEP from the page, keeps the peer connection as window.pc; returns the Location.
async function whepPlay(page: Page, whep: string): Promise<string> {
  return page.evaluate(async (whep) => {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('video', { direction: 'recvonly' });
    await pc.setLocalDescription(await pc.createOffer());
    await new Promise<void>((ok) => {
      if (pc.iceGatheringState === 'complete') return ok();
      pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && ok();
      setTimeout(ok, 2000);
    });
    const res = await fetch(whep, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription!.sdp });
    if (res.status !== 201) throw new Error(`WHEP answered ${res.status}`);
    await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
    (window as unknown as { pc: RTCPeerConnection }).pc = pc;
    return new URL(res.headers.get('Location')!, whep).href;
  }, whep);
}

// What the browser received so far: frames decoded and RTP payload bytes.
async function received(page: Page): Promise<{ frames: number; bytes: number }> {
  return page.evaluate(async () => {
    const out = { frames: 0, bytes: 0 };
    (await (window as unknown as { pc: RTCPeerConnection }).pc.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp') {
        out.frames += s.framesDecoded ?? 0;
        out.bytes += s.bytesReceived ?? 0;
      }
    });
    return out;
  });
}

describe('webrtc --metrics and hooks with a real WHEP viewer', () => {
  let server: JsonCli;
  let hooks: string;
  beforeAll(() => {
    hooks = join(profile, `hooks "it's" é`);
    mkdirSync(hooks);
  });
  afterAll(() => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
  });

  it('the viewer gauge goes 0 → 1 → 0, sessions count 1, bytes sent ≈ bytes the browser received, hooks get the viewer', async () => {
    const dump = (name: string) => `sh -c 'env | grep ^LYDLR_ | sort > "$0/${name}"' '${hooks.replace(/'/g, `'\\''`)}'`;
    server = startJsonCli(['webrtc', 'test', '--port', '0', '--scale', '320x240', '--bitrate', '600', '--no-audio', '--stats-interval', '1',
      '--metrics', '127.0.0.1:0', '--on-client-connect', dump('connect.env'), '--on-client-disconnect', dump('disconnect.env')]);
    const metricsUrl = String((await server.waitFor((e) => e.type === 'metrics-ready', 30_000, 'metrics-ready')).url);
    const whep = String((await server.waitFor((e) => e.type === 'ready', 30_000, 'ready')).whep);
    const before = await scrape(metricsUrl);
    expect(sample(before, 'lydlr_stream_up{mount="/whep"}')).toBe(1);
    expect(sample(before, 'lydlr_viewers')).toBe(0);

    const page = await context.newPage();
    await page.goto(blankUrl);
    const resource = await whepPlay(page, whep);
    const id = resource.split('/').pop()!;
    await waitUntil('lydlr_viewers 1 while the browser plays', async () => sample(await scrape(metricsUrl), 'lydlr_viewers') === 1, { timeoutMs: 30_000 });
    await waitUntil('60 frames decoded in the browser', async () => (await received(page)).frames >= 60, { timeoutMs: 60_000, intervalMs: 200 });
    // Two stats rounds while it plays, so the server's count includes most of what was sent.
    await server.waitForNext((e) => e.type === 'stats' && e.viewers === 1, 10_000, 'stats with the viewer');
    await server.waitForNext((e) => e.type === 'stats' && e.viewers === 1, 10_000, 'stats with the viewer');
    const { bytes: got, frames: decoded } = await received(page);
    expect((await page.evaluate(async (url) => (await fetch(url, { method: 'DELETE' })).status, resource))).toBe(200);
    await page.close();

    const after = await waitUntil('lydlr_viewers back to 0', async () => {
      const text = await scrape(metricsUrl);
      return sample(text, 'lydlr_viewers') === 0 ? text : undefined;
    }, { timeoutMs: 30_000 });
    expect(sample(after, 'lydlr_sessions_started_total')).toBe(1);
    // Counted at each stats round: what was sent since the last one before the DELETE is not in it.
    const sent = sample(after, 'lydlr_sent_bytes_total{mount="/whep"}') ?? 0;
    expect(sent / got).toBeGreaterThan(0.6);
    expect(sent / got).toBeLessThan(1.5);
    // The shared encode made at least the frames the browser decoded (it encodes with no viewer too).
    expect(sample(after, 'lydlr_encoder_frames_total')).toBeGreaterThanOrEqual(decoded);

    // The file exists as soon as the shell opens it: wait for its last (sorted) line.
    await waitUntil('the disconnect hook to write its environment', () => existsSync(join(hooks, 'disconnect.env')) && readFileSync(join(hooks, 'disconnect.env'), 'utf8').includes('LYDLR_MOUNT'));
    const env = (name: string) => readFileSync(join(hooks, name), 'utf8');
    expect(env('connect.env')).toBe(`LYDLR_CLIENT_ADDR=127.0.0.1\nLYDLR_CLIENT_ID=${id}\nLYDLR_COMMAND=webrtc\nLYDLR_EVENT=client-connect\nLYDLR_MOUNT=/whep\n`);
    expect(env('disconnect.env')).toBe(`LYDLR_CLIENT_ID=${id}\nLYDLR_COMMAND=webrtc\nLYDLR_EVENT=client-disconnect\nLYDLR_MOUNT=/whep\n`);

    const checked = await promtool(after);
    expect(checked.exitCode, checked.output).toBe(0);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
  }, 120_000);
});
