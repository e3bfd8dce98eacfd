// queue add/status/retry/clean and worker against a real redis-server, real worker processes of the
// built CLI and real files checked with ffprobe.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../helpers/cli.js';
import type { JsonCli } from '../helpers/ndjson-process.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { TestWorkers } from '../helpers/workers.js';
import { countVideoFrames, makeClip, makeDetailedClip } from '../helpers/media.js';
import { waitUntil } from '../helpers/wait.js';

let redis: TestRedis;
let work: { dir: string; cleanup: () => void };
let shortClip: string; // 4 s, 30 fps: 120 frames
let longClip: string; // 12 s of detailed 640x360 video: seconds of encoding, long enough to interrupt
const workers = new TestWorkers();
let queueNumber = 0;

beforeAll(async () => {
  redis = await startRedis();
  work = tempDir('lydlr-queue-');
  shortClip = join(work.dir, 'short.mp4');
  longClip = join(work.dir, 'long.mp4');
  await makeClip(shortClip, { seconds: 4 });
  await makeDetailedClip(longClip, { seconds: 12, width: 640, height: 360, fps: 30 });
});

afterEach(() => workers.killAll());

afterAll(async () => {
  await redis?.stop();
  work?.cleanup();
});

// Every test has its own queue (and folders) on the one Redis.
function fresh(): { queue: string; inDir: string; outDir: string } {
  queueNumber += 1;
  const inDir = join(work.dir, `in-${queueNumber}`);
  const outDir = join(work.dir, `out ${queueNumber}`);
  mkdirSync(inDir);
  mkdirSync(outDir);
  return { queue: `q${queueNumber}`, inDir, outDir };
}

const worker = (queue: string, extra: string[] = []): JsonCli => workers.start(redis.url, queue, extra);

async function status(queue: string): Promise<{ counts: Record<string, number>; jobs: { id: string; state: string; attempts: number; error?: string; output?: string; progress?: number }[] }> {
  const r = await cli(['--json', 'queue', 'status', '--redis', redis.url, '--queue', queue]);
  expect(r.exitCode, r.stderr).toBe(0);
  return r.result as never;
}

// SIGTERM as an orchestrator sends it (execa's kill() would add a SIGKILL 5 s later).
const terminate = (w: JsonCli) => process.kill(w.child.pid!, 'SIGTERM');

const completedIds = (w: JsonCli) => w.events.filter((e) => e.type === 'queue-job' && e.state === 'completed').map((e) => e.id as string);

describe('queue and worker', () => {
  it('three workers finish six files (names with spaces, quotes, !, commas, =, non-ASCII), each exactly once, every output complete', async () => {
    const { queue, inDir, outDir } = fresh();
    const names = ['a b.mp4', 'quote " it.mp4', 'bang!.mp4', 'x,y=z.mp4', 'été ü.mp4', "it's.mp4"];
    for (const name of names) copyFileSync(shortClip, join(inDir, name));
    const add = await cli(['--json', 'queue', 'add', ...names.map((n) => join(inDir, n)), '--output-dir', outDir, '--redis', redis.url, '--queue', queue]);
    expect(add.exitCode, add.stderr).toBe(0);
    expect(add.result?.added).toBe(6);
    const pool = [worker(queue), worker(queue), worker(queue)];
    await waitUntil('six completed jobs', async () => (await status(queue)).counts.completed === 6, { timeoutMs: 240_000, intervalMs: 500 });
    const done = pool.flatMap(completedIds);
    expect(done.sort()).toEqual((add.result?.jobs as { id: string }[]).map((j) => j.id).sort());
    for (const name of names) expect(await countVideoFrames(join(outDir, name))).toBe(120);
    expect(readdirSync(outDir).sort()).toEqual([...names].sort()); // no temporary files left behind
    for (const w of pool) terminate(w);
    expect(await Promise.all(pool.map((w) => w.exited))).toEqual([0, 0, 0]);
  });

  it('adding the same work twice (flags in another order) is one job', async () => {
    const { queue, inDir, outDir } = fresh();
    const input = join(inDir, 'same.mp4');
    copyFileSync(shortClip, input);
    const first = await cli(['--json', 'queue', 'add', input, '--output-dir', outDir, '--preset', 'fast', '--codec', 'h264', '--redis', redis.url, '--queue', queue]);
    const second = await cli(['--json', 'queue', 'add', input, '--codec', 'h264', '--output-dir', outDir, '--preset', 'fast', '--redis', redis.url, '--queue', queue]);
    expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
    expect([first.result?.added, second.result?.added]).toEqual([1, 0]);
    const s = await status(queue);
    expect(s.jobs).toHaveLength(1);
    expect(s.counts.waiting).toBe(1);
  });

  it('a worker SIGKILLed mid-job: another worker finishes that job, with one complete output, and removes the killed run\'s temporary file', async () => {
    const { queue, inDir, outDir } = fresh();
    const input = join(inDir, 'long one.mp4');
    copyFileSync(longClip, input);
    const add = await cli(['--json', 'queue', 'add', input, '--output-dir', outDir, '--preset', 'medium', '--redis', redis.url, '--queue', queue]);
    expect(add.exitCode, add.stderr).toBe(0);
    const id = (add.result?.jobs as { id: string }[])[0]!.id;
    const a = worker(queue, ['--stall-timeout', '2']);
    const b = worker(queue, ['--stall-timeout', '2']);
    const isActive = (e: { type: string; state?: unknown }) => e.type === 'queue-job' && e.state === 'active';
    const first = await Promise.race([a.waitFor(isActive, 60_000).then(() => a), b.waitFor(isActive, 60_000).then(() => b)]);
    const other = first === a ? b : a;
    await waitUntil('the job to report progress', async () => ((await status(queue)).jobs[0]?.progress ?? 0) > 0, { timeoutMs: 60_000, intervalMs: 200 });
    const partials = () => readdirSync(outDir).filter((f) => /^\.long one\.partial-\d+-[0-9a-f]{6}\.mp4$/.test(f));
    expect(partials()).toHaveLength(1); // the killed worker's child is writing its temporary file
    first.child.kill('SIGKILL');
    await first.exited;
    await other.waitFor((e) => e.type === 'queue-job' && e.state === 'completed' && e.id === id, 180_000, 'the other worker to complete the job');
    expect(completedIds(first)).toEqual([]);
    const s = await status(queue);
    expect(s.counts.completed).toBe(1);
    expect(await countVideoFrames(join(outDir, 'long one.mp4'))).toBe(360);
    // The killed run's temporary file was removed by the run that finished the job: only the result is left.
    expect(readdirSync(outDir)).toEqual(['long one.mp4']);
  });

  it('a bad input fails once, with its typed error, not once per attempt', async () => {
    const { queue, inDir, outDir } = fresh();
    const input = join(inDir, 'broken.mp4');
    copyFileSync(shortClip, input);
    const add = await cli(['--json', 'queue', 'add', input, '--output-dir', outDir, '--redis', redis.url, '--queue', queue]);
    expect(add.exitCode, add.stderr).toBe(0);
    writeFileSync(input, 'not a video any more'); // the shared file went bad after it was queued
    const w = worker(queue);
    await waitUntil('the job to fail', async () => (await status(queue)).counts.failed === 1, { timeoutMs: 60_000, intervalMs: 300 });
    const job = (await status(queue)).jobs[0]!;
    expect(job.attempts).toBe(1);
    expect(job.error).toMatch(/^UsageError: Cannot read .*broken\.mp4 as media/);
    expect(w.events.filter((e) => e.type === 'queue-job' && e.state === 'active')).toHaveLength(1);
    expect(existsSync(join(outDir, 'broken.mp4'))).toBe(false);
  });

  it('SIGTERM: the worker finishes its current job, then exits 0', async () => {
    const { queue, inDir, outDir } = fresh();
    const input = join(inDir, 'finish me.mp4');
    copyFileSync(longClip, input);
    await cli(['--json', 'queue', 'add', input, '--output-dir', outDir, '--redis', redis.url, '--queue', queue]);
    const w = worker(queue);
    await w.waitFor((e) => e.type === 'queue-job' && e.state === 'active', 60_000);
    terminate(w);
    expect(await w.exited).toBe(0);
    expect(completedIds(w)).toHaveLength(1);
    expect(await countVideoFrames(join(outDir, 'finish me.mp4'))).toBe(360);
  });

  it('a second SIGTERM kills the current job and returns it to the queue as waiting (not active)', async () => {
    const { queue, inDir, outDir } = fresh();
    const input = join(inDir, 'return me.mp4');
    copyFileSync(longClip, input);
    await cli(['--json', 'queue', 'add', input, '--output-dir', outDir, '--redis', redis.url, '--queue', queue]);
    const w = worker(queue);
    await w.waitFor((e) => e.type === 'queue-job' && e.state === 'active', 60_000);
    terminate(w);
    await waitUntil('the first signal to be acknowledged', () => /Finishing the current jobs/.test(w.stderr()), { timeoutMs: 10_000 });
    terminate(w);
    expect(await w.exited).toBe(0);
    const s = await status(queue);
    expect(s.counts).toMatchObject({ waiting: 1, active: 0, completed: 0, failed: 0 });
    expect(readdirSync(outDir)).toEqual([]); // the killed run's temporary file is gone too
  });

  it('bad job flags are exit 2 and nothing is queued; a missing --output-dir too', async () => {
    const { queue, inDir, outDir } = fresh();
    const input = join(inDir, 'in.mp4');
    copyFileSync(shortClip, input);
    const badCodec = await cli(['--json', 'queue', 'add', input, '--output-dir', outDir, '--codec', 'mpeg9', '--redis', redis.url, '--queue', queue]);
    expect(badCodec.exitCode).toBe(2);
    expect((badCodec.result?.error as { message: string }).message).toMatch(/mpeg9/);
    const noDir = await cli(['--json', 'queue', 'add', input, '--redis', redis.url, '--queue', queue]);
    expect(noDir.exitCode).toBe(2);
    expect((noDir.result?.error as { message: string }).message).toMatch(/--output-dir/);
    expect((await status(queue)).jobs).toEqual([]);
  });

  it('an unreachable Redis is exit 3 with the fix, for queue add and for worker', async () => {
    const { inDir, outDir } = fresh();
    const input = join(inDir, 'in.mp4');
    copyFileSync(shortClip, input);
    const nobody = `redis://127.0.0.1:${redis.port === 1 ? 2 : 1}`;
    const add = await cli(['--json', 'queue', 'add', input, '--output-dir', outDir, '--redis', nobody], { timeout: 30_000 });
    const w = await cli(['--json', 'worker', '--redis', nobody], { timeout: 30_000 });
    for (const r of [add, w]) {
      expect(r.exitCode).toBe(3);
      expect((r.result?.error as { message: string; fix: string }).message).toMatch(/ECONNREFUSED/);
      expect((r.result?.error as { fix: string }).fix).toMatch(/redis-server/);
    }
  });

  it('queue retry puts a failed job back; queue clean removes finished jobs', async () => {
    const { queue, inDir, outDir } = fresh();
    const input = join(inDir, 'later.mp4');
    copyFileSync(shortClip, input);
    await cli(['--json', 'queue', 'add', input, '--output-dir', outDir, '--redis', redis.url, '--queue', queue]);
    writeFileSync(input, 'broken for now');
    const w = worker(queue);
    await waitUntil('the job to fail', async () => (await status(queue)).counts.failed === 1, { timeoutMs: 60_000, intervalMs: 300 });
    copyFileSync(shortClip, input); // fixed on the shared storage
    const retry = await cli(['--json', 'queue', 'retry', '--redis', redis.url, '--queue', queue]);
    expect(retry.result?.retried).toHaveLength(1);
    await waitUntil('the retried job to complete', async () => (await status(queue)).counts.completed === 1, { timeoutMs: 60_000, intervalMs: 300 });
    expect(await countVideoFrames(join(outDir, 'later.mp4'))).toBe(120);
    const clean = await cli(['--json', 'queue', 'clean', '--redis', redis.url, '--queue', queue]);
    expect(clean.result?.removed).toEqual({ completed: 1, failed: 0 });
    expect((await status(queue)).jobs).toEqual([]);
    terminate(w);
    expect(await w.exited).toBe(0);
  });
});
