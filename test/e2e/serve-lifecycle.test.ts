// serve's own flags and its life: --host, --port in use, --token, --max-body, a machine without
// GStreamer, and stopping (SIGINT/SIGTERM, --stop-timeout), each test with its own server.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { catchesSigint, cli, gstProcessesWith, tempDir } from '../helpers/cli.js';
import { call, startServe, stopAllServes, waitForJob } from '../helpers/serve.js';
import { waitUntil } from '../helpers/wait.js';

const tmp = tempDir('lydlr-serve-life-');
const dir = tmp.dir;

afterAll(async () => {
  await stopAllServes();
  tmp.cleanup();
});

describe('--host and --port', () => {
  it('binds 127.0.0.1 by default; a port in use is exit 2 naming the port', async () => {
    const serve = await startServe([], { cwd: dir });
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/gstreamer\/$/);
    const port = new URL(serve.url).port;
    const taken = await cli(['--json', 'serve', '--port', port]);
    expect(taken.exitCode).toBe(2);
    expect(taken.result).toMatchObject({ ok: false, command: 'serve', error: { message: expect.stringContaining(`port ${port} is in use`) } });
    expect(await serve.stop()).toBe(0);
  });

  it('--host 127.0.0.2: reachable on 127.0.0.2, connection refused on 127.0.0.1 at the same port', async () => {
    const serve = await startServe(['--host', '127.0.0.2'], { cwd: dir });
    const url = new URL(serve.url);
    expect(url.hostname).toBe('127.0.0.2');
    expect((await call(serve.url, 'status/')).status).toBe(200);
    const other = new URL(serve.url);
    other.hostname = '127.0.0.1';
    const refused = await fetch(new URL('status/', other)).then(() => 'answered', (e: Error & { cause?: { code?: string } }) => e.cause?.code);
    expect(refused).toBe('ECONNREFUSED');
    expect(await serve.stop()).toBe(0);
  });
});

describe('access', () => {
  it('--token: 401 without Authorization: Bearer T (or with another token); LYDLR_API_TOKEN works too', async () => {
    const guarded = await startServe(['--token', 's3cret'], { cwd: dir });
    for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: 'Basic czNjcmV0' }]) {
      const r = await call(guarded.url, 'status/', { headers });
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toContain('Bearer');
      expect(r.body.error.name).toBe('Unauthorized');
    }
    expect((await call(guarded.url, 'nope/')).status).toBe(401);
    expect((await call(guarded.url, 'status/', { headers: { authorization: 'Bearer s3cret' } })).status).toBe(200);
    const doc = await call(guarded.url, 'openapi.json', { headers: { authorization: 'Bearer s3cret' } });
    expect(doc.body.security).toEqual([{ bearer: [] }]);
    expect(await guarded.stop()).toBe(0);
    const fromEnv = await startServe([], { cwd: dir, env: { LYDLR_API_TOKEN: 'envtoken' } });
    expect((await call(fromEnv.url, 'status/')).status).toBe(401);
    expect((await call(fromEnv.url, 'status/', { headers: { authorization: 'Bearer envtoken' } })).status).toBe(200);
    expect(await fromEnv.stop()).toBe(0);
  });

  it('--token: a CORS preflight (OPTIONS, no token) is 204 with the allowed methods and headers; a real request still needs the token', async () => {
    const guarded = await startServe(['--token', 's3cret'], { cwd: dir });
    const pre = await call(guarded.url, 'pipeline/compression/', { method: 'OPTIONS', headers: { origin: 'https://dash.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    const real = await call(guarded.url, 'pipeline/compression/', { json: {}, headers: { origin: 'https://dash.example' } });
    expect(real.status).toBe(401);
    expect(await guarded.stop()).toBe(0);
  });

  it('--token: GET health/ without a token is 200 {healthy: true} and nothing else; with the token, the full report; a wrong token is 401', async () => {
    const guarded = await startServe(['--token', 's3cret'], { cwd: dir });
    const anonymous = await call(guarded.url, 'health/');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ type: 'result', ok: true, command: 'doctor', healthy: true });
    const full = await call(guarded.url, 'health/', { headers: { authorization: 'Bearer s3cret' } });
    expect(full.status).toBe(200);
    expect(full.body.checks.length).toBeGreaterThan(0);
    expect((await call(guarded.url, 'health/', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect(await guarded.stop()).toBe(0);
  });

  it('--root: an http:// input is 403 NetworkInputRefused before any job starts; --allow-network-inputs lets it through to the job', async () => {
    const rooted = await startServe(['--root', dir], { cwd: dir });
    const refused = await call(rooted.url, 'pipeline/compression/', { json: { input: 'http://127.0.0.1:9/in.mp4', output: 'net.mp4' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ name: 'NetworkInputRefused', issues: [{ field: 'input' }] });
    const pipeline = await call(rooted.url, 'test-pipeline/', { json: { pipeline: 'souphttpsrc location=http://127.0.0.1:9/x ! fakesink' } });
    expect(pipeline.status).toBe(403);
    expect((await call(rooted.url, 'jobs/')).body.jobs).toEqual([]);
    expect(await rooted.stop()).toBe(0);
    const open = await startServe(['--root', dir, '--allow-network-inputs'], { cwd: dir });
    const accepted = await call(open.url, 'pipeline/compression/', { json: { input: 'http://127.0.0.1:9/in.mp4', output: 'net.mp4' } });
    expect(accepted.status).toBe(201);
    expect(await open.stop()).toBe(0);
  });

  it('bodies past --max-body are 413; a small body is still answered', async () => {
    const small = await startServe(['--max-body', '2048'], { cwd: dir });
    const r = await call(small.url, 'pipeline/compression/', { json: { input: 'clip.mp4', output: 'x.mp4', scale: 'x'.repeat(4096) } });
    expect(r.status).toBe(413);
    expect(r.body.error.name).toBe('PayloadTooLarge');
    expect((await call(small.url, 'test-pipeline', { json: {} })).status).toBe(200);
    expect(await small.stop()).toBe(0);
  });
});

describe('a machine without GStreamer', () => {
  it('status and health are 503, exit 3, GStreamer not installed with the apt-get fix (a container health check fails)', async () => {
    const broken = await startServe([], { cwd: dir, env: { PATH: '/nonexistent' } });
    const status = await call(broken.url, 'status/');
    expect(status.status).toBe(503);
    expect(status.body).toMatchObject({ ok: false, command: 'status', exitCode: 3, error: { name: 'EnvironmentError', tool: 'gst-launch-1.0', installed: false, fix: expect.stringContaining('apt-get install -y gstreamer1.0-tools') } });
    const health = await call(broken.url, 'health/');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ ok: false, command: 'doctor', exitCode: 3, gstreamer: { installed: false } });
    expect(await broken.stop('SIGTERM')).toBe(0);
  });
});

describe('stopping', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s stops every job gracefully (files finalized), leaves no process, exits 0', async (signal) => {
    const marker = `stop-${randomBytes(4).toString('hex')}`;
    const serve = await startServe(['--max-jobs', '1'], { cwd: dir });
    const live = await call(serve.url, 'pipeline/hls/', { json: { input: 'test', outputDir: marker, live: true, segmentDuration: 1, preset: 'ultrafast' } });
    const queued = await call(serve.url, 'pipeline/compression/', { json: { input: 'test', output: `${marker}.mp4`, duration: 5 } });
    expect(queued.body.state).toBe('queued');
    await waitForJob(serve.url, live.body.id, 'to publish its playlist', (j) => j.urls.length > 0, 60_000);
    expect((await gstProcessesWith(marker)).length).toBe(1);
    expect(await serve.stop(signal)).toBe(0);
    expect(readFileSync(join(dir, marker, 'playlist.m3u8'), 'utf8')).toContain('#EXT-X-ENDLIST');
    expect(existsSync(join(dir, `${marker}.mp4`))).toBe(false);
    const states = serve.lines.filter((l) => l.type === 'job' && l.state === 'stopped').map((l) => l.id);
    expect(states.sort()).toEqual([live.body.id, queued.body.id].sort());
    expect(serve.lines.at(-1)).toMatchObject({ type: 'result', ok: true, command: 'serve', jobs: { stopped: 2 } });
    await waitUntil(`no gst-launch-1.0 of ${marker} left`, async () => (await gstProcessesWith(marker)).length === 0, { timeoutMs: 30_000 });
    expect(readdirSync(join(dir, marker)).some((f) => f.endsWith('.ts'))).toBe(true);
  });

  it('--stop-timeout 2: a job that never finishes after SIGTERM is killed after about 2 s (not the default 15 s), its gst-launch-1.0 with it; exit 0', async () => {
    const marker = `stuck${randomBytes(4).toString('hex')}`;
    const serve = await startServe(['--stop-timeout', '2'], { cwd: dir });
    // valve drop=true swallows the EOS a graceful stop sends, so this job can only end by being killed.
    const pipeline = `videotestsrc is-live=true ! valve drop=true ! fakesink name=${marker}`;
    const answer = call(serve.url, 'test-pipeline/', { json: { pipeline, timeout: 600 } }).catch((e: Error) => e);
    const [pid] = await waitUntil(`the job's gst-launch-1.0 (${marker})`, async () => {
      const found = await gstProcessesWith(marker);
      return found.length > 0 ? found : undefined;
    }, { timeoutMs: 60_000 });
    // A SIGINT that comes before gst-launch-1.0 handles it would end the job at once (no EOS to swallow).
    await waitUntil(`gst-launch-1.0 ${pid} to handle SIGINT`, () => catchesSigint(pid!), { timeoutMs: 30_000 });
    const signalled = Date.now();
    serve.proc.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    const took = Date.now() - signalled;
    expect(took).toBeGreaterThanOrEqual(1900); // it was given its time (timer granularity aside)
    expect(took).toBeLessThan(12_000); // the flag took effect: well short of the default 15 s
    await waitUntil(`gst-launch-1.0 ${pid} to be gone`, async () => (await gstProcessesWith(marker)).length === 0, { timeoutMs: 30_000 });
    expect(serve.lines.find((l) => l.type === 'job' && l.state === 'stopped')).toBeDefined();
    await answer;
  });
});
