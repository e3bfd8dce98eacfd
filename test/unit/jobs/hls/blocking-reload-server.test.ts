// LL-HLS blocking playlist reloads through the --serve server: held until the part is listed, 503 past the
// timeout; _HLS_skip=YES answered with the delta update.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHlsServer, type HlsServer } from '../../../../src/jobs/hls/preview-server.js';
import { waitUntil } from '../../../helpers/wait.js';

let dir: string;
let server: HlsServer;
// The live playlist as the job sees it: segment 0 is being written, `listedParts` of its parts exist; a delta
// update of it is `delta` (undefined: it would skip nothing).
const state: { listedParts: number; checks: number; delta: string | undefined } = { listedParts: 0, checks: 0, delta: undefined };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hls-block-'));
  writeFileSync(join(dir, 'playlist.m3u8'), '#EXTM3U\n#before\n');
  const playlist = {
    has: (msn: number, part: number | undefined) => (state.checks += 1, msn === 0 && part !== undefined && part < state.listedParts),
    nextSequence: 0,
    deltaUpdate: () => state.delta,
  };
  // Target duration 0.2 s: a request not answered within 3 × 0.2 s gets 503.
  server = await startHlsServer({ root: dir, host: '127.0.0.1', port: 0, entry: 'playlist.m3u8', isLive: () => true,
    blocking: { playlist: (path) => (path === join(dir, 'playlist.m3u8') ? playlist : undefined), partTarget: 0.1, targetDuration: 0.2 } });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('blocking playlist reload (--serve, LL-HLS)', () => {
  it('holds _HLS_msn=0&_HLS_part=1 until that part is listed, then answers with the playlist published then', async () => {
    state.listedParts = 1;
    state.checks = 0;
    const answer = fetch(`${server.url}?_HLS_msn=0&_HLS_part=1`);
    await waitUntil('the request is held', () => state.checks > 0, { timeoutMs: 5_000 });
    writeFileSync(join(dir, 'playlist.m3u8'), '#EXTM3U\n#after\n');
    state.listedParts = 2;
    server.notify();
    const res = await answer;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('#EXTM3U\n#after\n');
  });

  it('answers 503 with Retry-After when the part is not listed within three target durations', async () => {
    state.listedParts = 0;
    const res = await fetch(`${server.url}?_HLS_msn=0&_HLS_part=5`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.text()).toMatch(/did not appear in time/);
  });

  it('answers _HLS_skip=YES with the delta update (alone or after a held reload), and with the full playlist when it would skip nothing', async () => {
    writeFileSync(join(dir, 'playlist.m3u8'), '#EXTM3U\n#full\n');
    state.delta = undefined;
    expect(await (await fetch(`${server.url}?_HLS_skip=YES`)).text()).toBe('#EXTM3U\n#full\n');
    state.delta = '#EXTM3U\n#delta\n';
    const alone = await fetch(`${server.url}?_HLS_skip=YES`);
    expect(alone.status).toBe(200);
    expect(alone.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(alone.headers.get('cache-control')).toMatch(/no-cache/);
    expect(await alone.text()).toBe('#EXTM3U\n#delta\n');
    expect(await (await fetch(server.url)).text()).toBe('#EXTM3U\n#full\n');
    const head = await fetch(`${server.url}?_HLS_skip=YES`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String('#EXTM3U\n#delta\n'.length));

    state.listedParts = 0;
    state.checks = 0;
    const answer = fetch(`${server.url}?_HLS_msn=0&_HLS_part=0&_HLS_skip=YES`);
    await waitUntil('the request is held', () => state.checks > 0, { timeoutMs: 5_000 });
    state.delta = '#EXTM3U\n#delta after\n';
    state.listedParts = 1;
    server.notify();
    expect(await (await answer).text()).toBe('#EXTM3U\n#delta after\n');
  });

  it('refuses _HLS_skip=v2 and other values (400), before holding anything', async () => {
    const v2 = await fetch(`${server.url}?_HLS_msn=0&_HLS_part=9&_HLS_skip=v2`);
    expect(v2.status).toBe(400);
    expect(await v2.text()).toMatch(/CAN-SKIP-DATERANGES/);
    expect((await fetch(`${server.url}?_HLS_skip=NO`)).status).toBe(400);
  });
});
