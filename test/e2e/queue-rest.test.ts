// serve --redis: the queue over REST against a real redis-server, a real worker of the built CLI,
// real HTTP and real files checked with ffprobe.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../helpers/cli.js';
import type { JsonCli } from '../helpers/ndjson-process.js';
import { TestWorkers } from '../helpers/workers.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { countVideoFrames, makeClip } from '../helpers/media.js';
import { API_ROUTES, QUEUE_ROUTES, openApiProblems, unresolvedRefs } from '../helpers/openapi.js';
import { call, startServe, stopAllServes, type Json, type Serve } from '../helpers/serve.js';
import { waitUntil } from '../helpers/wait.js';

let redis: TestRedis;
let work: { dir: string; cleanup: () => void };
let clip: string; // 3 s, 30 fps: 90 frames
const workers = new TestWorkers();
let queueNumber = 0;

beforeAll(async () => {
  redis = await startRedis();
  work = tempDir('lydlr-queue-rest-');
  clip = join(work.dir, 'clip.mp4');
  await makeClip(clip, { seconds: 3 });
});

afterEach(async () => {
  await workers.killAll();
  await stopAllServes();
});

afterAll(async () => {
  await redis?.stop();
  work?.cleanup();
});

// A queue of its own, a --root holding in/ and out/, and serve on it.
async function fresh(): Promise<{ queue: string; root: string; serve: Serve }> {
  queueNumber += 1;
  const queue = `rest${queueNumber}`;
  const root = join(work.dir, `root ${queueNumber}`);
  mkdirSync(join(root, 'in'), { recursive: true });
  mkdirSync(join(root, 'out'));
  const serve = await startServe(['--redis', redis.url, '--queue', queue, '--root', root], { cwd: work.dir });
  return { queue, root, serve };
}

const worker = (queue: string): JsonCli => workers.start(redis.url, queue);

const status = async (serve: Serve): Promise<Json> => {
  const answer = await call(serve.url, 'queue/');
  expect(answer.status, answer.text).toBe(200);
  return answer.body;
};

describe('serve --redis: the queue over REST', () => {
  it('POST queue/ adds one job per input (same work twice is one job), a worker runs them, GET queue/ shows them completed, POST queue/clean/ removes them', async () => {
    const { queue, root, serve } = await fresh();
    const names = ['a b "q".mp4', 'été!,x=y.mp4'];
    for (const name of names) copyFileSync(clip, join(root, 'in', name));
    const body = { job: { input: names.map((n) => `in/${n}`), outputDir: 'out', preset: 'fast' } };
    const first = await call(serve.url, 'queue/', { json: body });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ ok: true, command: 'queue add', queue, added: 2 });
    expect((first.body.jobs as Json[]).map((j) => j.output).sort()).toEqual(names.map((n) => join(root, 'out', n)).sort());
    const again = await call(serve.url, 'queue/', { json: body });
    expect(again.body.added).toBe(0);
    // The CLI sees the same queue: the REST route and `queue add` agree on the job ids.
    const cliStatus = await cli(['--json', 'queue', 'status', '--redis', redis.url, '--queue', queue]);
    expect((cliStatus.result?.jobs as Json[]).map((j) => j.id).sort()).toEqual((first.body.jobs as Json[]).map((j) => j.id).sort());

    worker(queue);
    await waitUntil('both jobs completed', async () => (await status(serve)).counts.completed === 2, { timeoutMs: 120_000, intervalMs: 300 });
    for (const name of names) expect(await countVideoFrames(join(root, 'out', name))).toBe(90);
    expect(readdirSync(join(root, 'out')).sort()).toEqual([...names].sort());

    const clean = await call(serve.url, 'queue/clean/', { json: { state: 'completed' } });
    expect(clean.status, clean.text).toBe(200);
    expect(clean.body).toMatchObject({ ok: true, command: 'queue clean', removed: { completed: 2 } });
    expect((await status(serve)).jobs).toEqual([]);
  });

  it('a bad body is a 400 by field, a path outside --root a 403, and nothing is queued', async () => {
    const { root, serve } = await fresh();
    copyFileSync(clip, join(root, 'in', 'in.mp4'));
    const badCodec = await call(serve.url, 'queue/', { json: { job: { input: ['in/in.mp4'], outputDir: 'out', codec: 'mpeg9' } } });
    expect(badCodec.status).toBe(400);
    expect(badCodec.body.error.issues).toEqual([expect.objectContaining({ field: 'codec', message: expect.stringMatching(/mpeg9/) })]);
    const noDir = await call(serve.url, 'queue/', { json: { job: { input: ['in/in.mp4'], output: 'out/x.mp4' } } });
    expect(noDir.status).toBe(400);
    expect(noDir.body.error.issues).toEqual([expect.objectContaining({ field: 'outputDir' })]);
    const unknownKind = await call(serve.url, 'queue/', { json: { kind: 'transmogrify', job: {} } });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.error.issues[0].field).toBe('kind');
    const outside = await call(serve.url, 'queue/', { json: { job: { input: ['../../etc/passwd'], outputDir: 'out' } } });
    expect(outside.status).toBe(403);
    const exists = await call(serve.url, 'queue/', { json: { job: { input: ['in/in.mp4'], outputDir: 'in' } } }); // output = input
    expect(exists.status).toBe(400);
    expect((await status(serve)).jobs).toEqual([]);
  });

  it('POST queue/retry/ puts a failed job back; it then completes', async () => {
    const { queue, root, serve } = await fresh();
    const input = join(root, 'in', 'later.mp4');
    copyFileSync(clip, input);
    const add = await call(serve.url, 'queue/', { json: { job: { input: ['in/later.mp4'], outputDir: 'out' } } });
    expect(add.status, add.text).toBe(200);
    writeFileSync(input, 'broken for now');
    worker(queue);
    await waitUntil('the job to fail', async () => (await status(serve)).counts.failed === 1, { timeoutMs: 60_000, intervalMs: 300 });
    expect((await status(serve)).jobs[0].error).toMatch(/^UsageError: Cannot read .*later\.mp4 as media/);
    copyFileSync(clip, input);
    const retry = await call(serve.url, 'queue/retry/', { json: {} });
    expect(retry.status, retry.text).toBe(200);
    expect(retry.body.retried).toEqual([add.body.jobs[0].id]);
    await waitUntil('the retried job to complete', async () => (await status(serve)).counts.completed === 1, { timeoutMs: 60_000, intervalMs: 300 });
    expect(await countVideoFrames(join(root, 'out', 'later.mp4'))).toBe(90);
  });

  it('a dry run answers with the worker\'s command line and queues nothing', async () => {
    const { root, serve } = await fresh();
    copyFileSync(clip, join(root, 'in', 'dry.mp4'));
    const dry = await call(serve.url, 'queue/', { json: { dryRun: true, job: { input: 'in/dry.mp4', outputDir: 'out', codec: 'vp9' } } });
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body.dryRun).toBe(true);
    expect(dry.body.jobs[0].argv).toEqual(expect.arrayContaining(['compress', '--codec=vp9', join(root, 'in', 'dry.mp4')]));
    expect((await status(serve)).jobs).toEqual([]);
    expect(existsSync(join(root, 'out', 'dry.mp4'))).toBe(false);
  });

  it('chunk: a dry run answers with the flow (the join and the steps it waits for); a chunk under 2 s is a 400 by field', async () => {
    const { root, serve } = await fresh();
    copyFileSync(clip, join(root, 'in', 'long.mp4'));
    const dry = await call(serve.url, 'queue/', { json: { dryRun: true, chunk: '30s', job: { input: 'in/long.mp4', outputDir: 'out', codec: 'h265' } } });
    expect(dry.status, dry.text).toBe(200);
    const flow = dry.body.jobs[0];
    expect(flow).toMatchObject({ kind: 'chunk join', input: join(root, 'in', 'long.mp4'), output: join(root, 'out', 'long.mp4') });
    expect(flow.argv).toEqual(['chunk', 'join', '--codec=h265', '--with-audio', '--overwrite', '--', flow.workDir, join(root, 'out', 'long.mp4')]);
    expect(flow.steps.map((step: Json) => step.kind)).toEqual(['chunk split', 'chunk audio']);
    expect(flow.steps[0].argv).toEqual(['chunk', 'split', '--chunk=30', '--', join(root, 'in', 'long.mp4'), flow.workDir]);
    const short = await call(serve.url, 'queue/', { json: { chunk: '1s', job: { input: 'in/long.mp4', outputDir: 'out' } } });
    expect(short.status).toBe(400);
    expect(short.body.error.issues).toEqual([expect.objectContaining({ field: 'chunk', message: expect.stringMatching(/at least 2s/) })]);
    expect((await status(serve)).jobs).toEqual([]);
  });

  it('the OpenAPI document validates and lists the queue routes with their bodies; serve without --redis has none', async () => {
    const { serve } = await fresh();
    const doc = (await call(serve.url, 'openapi.json')).body;
    expect(await openApiProblems(doc)).toBe('');
    expect(unresolvedRefs(doc)).toEqual([]);
    const listed = Object.entries(doc.paths as Record<string, Json>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(listed.sort()).toEqual([...API_ROUTES, ...QUEUE_ROUTES].sort());
    const addBody = doc.components.schemas[doc.paths['/api/gstreamer/queue/'].post.requestBody.content['application/json'].schema.$ref.split('/').pop()];
    expect(Object.keys(addBody.properties).sort()).toEqual(['chunk', 'dryRun', 'job', 'kind', 'priority']);
    expect(addBody.properties.kind.enum).toContain('compress');
    const plain = await startServe([], { cwd: work.dir });
    expect((await call(plain.url, 'queue/')).status).toBe(404);
  });

  it('serve --redis with an unreachable Redis is exit 3 with the fix, before it listens', async () => {
    const r = await cli(['--json', 'serve', '--port', '0', '--redis', `redis://127.0.0.1:${redis.port === 1 ? 2 : 1}`], { timeout: 30_000 });
    expect(r.exitCode).toBe(3);
    expect(r.json.some((e) => e.type === 'ready')).toBe(false);
    expect((r.result?.error as { fix: string }).fix).toMatch(/redis-server/);
  });
});
