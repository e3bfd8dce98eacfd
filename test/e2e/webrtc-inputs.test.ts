// `webrtc` codecs and inputs, received for real: the built CLI serves, Debian's Chromium (playwright-core)
// plays the viewer page, and the browser's own getStats() says what it decoded and at what size.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { tempDir } from '../helpers/cli.js';
import { startJsonCli, type JsonCli } from '../helpers/ndjson-process.js';
import { makeClip } from '../helpers/media.js';

const CHROMIUM = '/usr/bin/chromium';
const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required'];

interface ViewerStats { framesDecoded: number; width: number; height: number; codec: string }

let browser: Browser;
let tmp: ReturnType<typeof tempDir>;
let clip: string; // 640x360, 30 fps, 4 s, H.264 + AAC

beforeAll(async () => {
  tmp = tempDir('lydlr-webrtc-inputs-');
  clip = join(tmp.dir, 'clip.mp4');
  [browser] = await Promise.all([
    chromium.launch({ executablePath: CHROMIUM, headless: true, args: BROWSER_ARGS }),
    makeClip(clip, { seconds: 4, width: 640, height: 360, fps: 30 }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  tmp?.cleanup();
});

// Starts `webrtc …args`, opens its viewer page and resolves the page's stats once `frames` are decoded;
// then stops the server with SIGINT and checks it exits 0.
async function receive(args: string[], frames = 30): Promise<{ stats: ViewerStats; server: JsonCli }> {
  const server = startJsonCli(['webrtc', ...args, '--port', '0']);
  const context = await browser.newContext();
  try {
    const ready = await server.waitFor((e) => e.type === 'ready', 60_000, 'ready');
    const page = await context.newPage();
    await page.goto(String(ready.url));
    await page.waitForFunction(
      (n) => ((window as unknown as { lydlrViewer?: { stats: { framesDecoded?: number } } }).lydlrViewer?.stats.framesDecoded ?? 0) >= n,
      frames,
      { timeout: 45_000, polling: 200 },
    );
    const stats = await page.evaluate(() => (window as unknown as { lydlrViewer: { stats: ViewerStats } }).lydlrViewer.stats);
    server.child.kill('SIGINT');
    expect(await server.exited, server.stderr()).toBe(0);
    return { stats, server };
  } finally {
    await context.close();
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
}

describe('webrtc received by Chromium', () => {
  it('--codec vp9 from a test source scaled to 640x360: the browser decodes VP9 at 640x360', async () => {
    const { stats } = await receive(['test', '--codec', 'vp9', '--scale', '640x360']);
    expect(stats.framesDecoded).toBeGreaterThanOrEqual(30);
    expect(stats).toMatchObject({ codec: 'video/VP9', width: 640, height: 360 });
  });

  it('a 640x360 file with --scale x180: the browser decodes 320x180 VP8 frames (aspect kept)', async () => {
    const { stats } = await receive([clip, '--scale', 'x180', '--loop']);
    expect(stats.framesDecoded).toBeGreaterThanOrEqual(30);
    expect(stats).toMatchObject({ codec: 'video/VP8', width: 320, height: 180 });
  });

  it('a file:// URI with percent-encoded characters plays at the file\'s 640x360', async () => {
    const named = join(tmp.dir, 'a clip 100% #1.mp4');
    await makeClip(named, { seconds: 4, width: 640, height: 360, fps: 30 });
    const uri = pathToFileURL(named).href;
    expect(uri).toContain('a%20clip%20100%25%20%231.mp4');
    const { stats } = await receive([uri, '--loop']);
    expect(stats.framesDecoded).toBeGreaterThanOrEqual(30);
    expect(stats).toMatchObject({ width: 640, height: 360 });
  });

  describe('an http:// URI', () => {
    let http: Server;
    let base: string;
    const requested: string[] = [];

    // A tiny file server with byte ranges (MP4 readers seek to the index at the end of the file).
    beforeAll(async () => {
      http = createServer((req, res) => {
        requested.push(req.url ?? '');
        const path = join(tmp.dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
        let size: number;
        try {
          size = statSync(path).size;
        } catch {
          res.writeHead(404).end();
          return;
        }
        const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
        const start = range?.[1] ? Number(range[1]) : 0;
        const end = range?.[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
        const headers = { 'Content-Type': 'video/mp4', 'Accept-Ranges': 'bytes', 'Content-Length': String(end - start + 1) };
        if (range) res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}` });
        else res.writeHead(200, headers);
        if (req.method === 'HEAD') res.end();
        else createReadStream(path, { start, end }).pipe(res);
      });
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(http.address() as { port: number }).port}/`;
    });
    afterAll(() => http?.close());

    it('plays a clip from a local HTTP server at its 640x360, and the server saw the requests', async () => {
      const { stats } = await receive([`${base}clip.mp4`, '--loop']);
      expect(stats.framesDecoded).toBeGreaterThanOrEqual(30);
      expect(stats).toMatchObject({ codec: 'video/VP8', width: 640, height: 360 });
      expect(requested).toContain('/clip.mp4');
    });
  });
});
