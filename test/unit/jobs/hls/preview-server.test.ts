// The --serve HTTP server on a temp folder: MIME types, CORS, caching, ranges, the preview page, no escapes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRange, previewPage, startHlsServer, type HlsServer } from '../../../../src/jobs/hls/preview-server.js';

let dir: string;
let server: HlsServer;
let live = true;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hls-serve-'));
  writeFileSync(join(dir, 'playlist.m3u8'), '#EXTM3U\n');
  writeFileSync(join(dir, 'seg00000.ts'), Buffer.from([...Array(188).keys()]));
  writeFileSync(join(dir, '.playlist.m3u8.working'), 'hidden');
  server = await startHlsServer({ root: dir, host: '127.0.0.1', port: 0, entry: 'playlist.m3u8', isLive: () => live });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, server.page), { headers });

describe('startHlsServer', () => {
  it('reports its URLs', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/playlist.m3u8`);
    expect(server.page).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('serves playlists with the HLS MIME type, CORS and no caching while live', async () => {
    const r = await get('/playlist.m3u8');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('cache-control')).toBe('no-cache, no-store, must-revalidate');
    live = false;
    expect((await get('/playlist.m3u8')).headers.get('cache-control')).toBe('no-cache');
    live = true;
  });

  it('serves segments as video/mp2t, with byte ranges', async () => {
    const whole = await get('/seg00000.ts');
    expect(whole.headers.get('content-type')).toBe('video/mp2t');
    expect((await whole.arrayBuffer()).byteLength).toBe(188);
    const part = await get('/seg00000.ts', { Range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/188');
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect((await get('/seg00000.ts', { Range: 'bytes=500-' })).status).toBe(416);
  });

  it('answers CORS preflight', async () => {
    const r = await fetch(server.url, { method: 'OPTIONS' });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-headers')).toContain('Range');
  });

  it('serves the preview page and hls.js from the npm package', async () => {
    const page = await (await get('/')).text();
    expect(page).toContain('const DEFAULT_SOURCE = "/playlist.m3u8";');
    expect(page).toContain('<script src="/__lydlr/hls.min.js"></script>');
    expect(page).not.toMatch(/https?:\/\/(?!127)/);
    const js = await get('/__lydlr/hls.min.js');
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect((await js.text()).length).toBeGreaterThan(100_000);
  });

  it('hides dotfiles and refuses paths outside the folder', async () => {
    expect((await get('/.playlist.m3u8.working')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await get('/../../etc/passwd')).status).toBe(404);
    expect((await get('/missing.ts')).status).toBe(404);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
  });

  it('refuses a busy port with exit 2', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    await expect(startHlsServer({ root: dir, host: '127.0.0.1', port, entry: 'playlist.m3u8', isLive: () => true })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/in use/) });
    blocker.close();
  });
});

describe('parseRange', () => {
  it.each([
    [undefined, 100, undefined],
    ['bytes=0-9', 100, [0, 9]],
    ['bytes=90-', 100, [90, 99]],
    ['bytes=-10', 100, [90, 99]],
    ['bytes=50-500', 100, [50, 99]],
    ['bytes=100-', 100, 'invalid'],
    ['items=0-1', 100, undefined],
  ] as const)('%s of %d → %j', (header, size, expected) => expect(parseRange(header, size)).toEqual(expected));
});

describe('previewPage', () => {
  it('embeds the source as a safe script literal', () => {
    expect(previewPage('/a</script>.m3u8')).toContain('"/a\\u003c/script>.m3u8"');
  });
});
