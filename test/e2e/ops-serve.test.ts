// serve's GET /metrics (under --token unless --metrics-public), serve --metrics HOST:PORT, and hooks in
// REST job bodies: a record job started over REST POSTs its events to a webhook receiver in the test.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { promtool, sample } from '../helpers/metrics.js';
import { call, startServe, stopAllServes } from '../helpers/serve.js';
import { waitUntil } from '../helpers/wait.js';

const tmp = tempDir('lydlr-ops-serve-');
const TOKEN = 'sc4pe-t0ken';
const auth = { authorization: `Bearer ${TOKEN}` };
let receiver: Server;
const posted: { event: string; seq: number; segmentPath?: string; exitCode?: number }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      posted.push(JSON.parse(raw) as (typeof posted)[number]);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
});
afterAll(async () => {
  await stopAllServes();
  receiver.close();
  tmp.cleanup();
});

describe('serve metrics and REST hooks', () => {
  it('GET /metrics needs the token; jobs by state and the duration histogram follow a REST record job whose webhook gets every segment and the exit', async () => {
    const serve = await startServe(['--token', TOKEN, '--metrics', '127.0.0.1:0'], { cwd: tmp.dir });
    const own = new URL('/metrics', serve.url).href;
    const separate = String(serve.lines.find((e) => e.type === 'metrics-ready')?.url);
    expect((await fetch(own)).status).toBe(401);
    const idle = await (await fetch(own, { headers: auth })).text();
    expect(sample(idle, 'lydlr_serve_jobs{state="running"}')).toBe(0);

    const hook = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
    const posting = Date.now();
    const created = await call(serve.url, 'pipeline/record/', { headers: auth, json: { source: 'test', outputDir: 'rec', segment: 1, duration: 3, format: 'ts', webhook: [hook] } });
    expect(created.status, created.text).toBe(201);
    await waitUntil('lydlr_serve_jobs running 1', async () => sample(await (await fetch(own, { headers: auth })).text(), 'lydlr_serve_jobs{state="running"}') === 1, { timeoutMs: 30_000 });
    const job = await waitUntil('the record job to succeed', async () => {
      const { body } = await call(serve.url, `jobs/${created.body.id as string}/`, { headers: auth });
      return body.state === 'succeeded' ? body : undefined;
    }, { timeoutMs: 90_000, intervalMs: 100 });
    const measured = (Date.now() - posting) / 1000;

    const text = await (await fetch(own, { headers: auth })).text();
    expect(sample(text, 'lydlr_serve_jobs{state="running"}')).toBe(0);
    expect(sample(text, 'lydlr_serve_jobs{state="succeeded"}')).toBe(1);
    expect(sample(text, 'lydlr_job_duration_seconds_count{kind="record",state="succeeded"}')).toBe(1);
    const seconds = sample(text, 'lydlr_job_duration_seconds_sum{kind="record",state="succeeded"}')!;
    expect(seconds).toBeGreaterThanOrEqual(3); // --duration 3
    expect(seconds).toBeLessThanOrEqual(measured);
    // Buckets double from 1 s: a 3–8 s job is outside le="2" and inside le="8".
    expect(sample(text, 'lydlr_job_duration_seconds_bucket{le="1",kind="record",state="succeeded"}')).toBe(0);
    expect(sample(text, 'lydlr_job_duration_seconds_bucket{le="16384",kind="record",state="succeeded"}')).toBe(1);
    const checked = await promtool(text);
    expect(checked.exitCode, checked.output).toBe(0);
    // --metrics HOST:PORT: the same registry, no token needed.
    const fromSeparate = await (await fetch(separate)).text();
    expect(sample(fromSeparate, 'lydlr_serve_jobs{state="succeeded"}')).toBe(1);

    const closed = (job.result as { segments?: unknown[] }).segments?.length ?? 0;
    await waitUntil('the exit event at the webhook', () => posted.some((p) => p.event === 'exit'));
    expect(posted.map((p) => p.event)).toEqual([...Array<string>(closed).fill('segment-complete'), 'exit']);
    expect(posted.map((p) => p.seq)).toEqual(posted.map((_, i) => i + 1));
    expect(posted.at(-1)!.exitCode).toBe(0);
    expect(closed).toBeGreaterThanOrEqual(3);
    expect(await serve.stop()).toBe(0);
  }, 150_000);

  it('--metrics-public answers GET /metrics without the token; the API still needs it', async () => {
    const serve = await startServe(['--token', TOKEN, '--metrics-public'], { cwd: tmp.dir });
    const response = await fetch(new URL('/metrics', serve.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(sample(await response.text(), 'lydlr_serve_jobs{state="queued"}')).toBe(0);
    expect((await fetch(new URL('jobs/', serve.url))).status).toBe(401);
    expect(await serve.stop()).toBe(0);
  }, 60_000);
});
