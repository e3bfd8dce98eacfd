// The job record (a reducer over the child's events) and the manager (queue, max jobs, stop,
// shutdown), with fake runners: no process.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/api/api-error.js';
import { Job, type SequencedEvent } from '../../../src/api/job.js';
import type { JobExit, JobRunner } from '../../../src/api/job-process.js';
import { jobSchema } from '../../../src/api/job-schema.js';
import { JobManager } from '../../../src/api/jobs.js';

const exit = (exitCode: number | null, extra: Partial<JobExit> = {}): JobExit => ({ exitCode, signal: null, killed: false, stderrTail: [], ...extra });

class FakeRunner implements JobRunner {
  readonly pid = 4242;
  stops = 0;
  kills = 0;
  emit: (e: { type: string; [k: string]: unknown }) => void = () => {};
  private finish: (e: JobExit) => void = () => {};

  start(onEvent: (e: { type: string }) => void): Promise<JobExit> {
    this.emit = onEvent;
    return new Promise((resolve) => (this.finish = resolve));
  }
  stop(): void {
    this.stops += 1;
    this.end(true, 0);
  }
  kill(): void {
    this.kills += 1;
    this.finish(exit(null, { signal: 'SIGKILL', killed: true }));
  }
  end(ok: boolean, code: number): void {
    this.emit({ type: 'result', ok, command: 'fake' });
    this.finish(exit(code));
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Job: the record folded from events', () => {
  it('progress, stats, ready URLs and the result; succeeded on ok + exit 0', () => {
    const job = new Job('compression', ['--json', 'compress'], 'lydlr-gst --json compress', '/api/gstreamer');
    expect(job.toRecord()).toMatchObject({ state: 'queued', startedAt: null, progress: null, urls: [] });
    job.markRunning(7);
    job.observe({ type: 'progress', positionSeconds: 1, durationSeconds: 4, percent: 25, atMs: 900 });
    job.observe({ type: 'warning', message: 'slow' });
    job.observe({ type: 'ready', url: 'rtsp://h:1/a', mount: '/a', message: 'Serving' });
    job.observe({ type: 'ready', url: 'http://h:2/', whep: 'http://h:2/whep' });
    job.observe({ type: 'playlist-ready', playlist: '/out/playlist.m3u8' });
    job.observe({ type: 'stats', frames: 120, bytes: 5000, errors: 0, warnings: 1, uptimeSeconds: 4 });
    job.observe({ type: 'result', ok: true, command: 'compress', output: 'o.mp4' });
    job.markEnded(exit(0));
    const record = job.toRecord();
    expect(record).toMatchObject({
      state: 'succeeded', pid: 7, exitCode: 0, error: null,
      progress: { positionSeconds: 1, durationSeconds: 4, percent: 25 },
      stats: { frames: 120, bytes: 5000, errors: 0, warnings: 1 },
      urls: ['rtsp://h:1/a', 'http://h:2/', 'http://h:2/whep', '/out/playlist.m3u8'],
      ready: [{ type: 'ready', url: 'rtsp://h:1/a', mount: '/a' }, { type: 'ready', url: 'http://h:2/', whep: 'http://h:2/whep' }, { type: 'playlist-ready', playlist: '/out/playlist.m3u8' }],
      result: { ok: true, output: 'o.mp4' },
      links: { self: `/api/gstreamer/jobs/${job.id}/`, events: `/api/gstreamer/jobs/${job.id}/events` },
    });
    expect(jobSchema.safeParse(record).success).toBe(true);
  });

  it('failed: the result\'s error, or the exit and stderr when there is no result', () => {
    const withResult = new Job('hls', [], '', '');
    withResult.markRunning(1);
    withResult.observe({ type: 'result', ok: false, command: 'hls', exitCode: 2, error: { name: 'UsageError', message: 'bad', fix: 'do x' } });
    withResult.markEnded(exit(2));
    expect(withResult.toRecord()).toMatchObject({ state: 'failed', exitCode: 2, error: { name: 'UsageError', message: 'bad', fix: 'do x' } });

    const crashed = new Job('hls', [], '', '');
    crashed.markRunning(1);
    crashed.markEnded(exit(null, { signal: 'SIGSEGV', stderrTail: ['boom'] }));
    expect(crashed.toRecord()).toMatchObject({ state: 'failed', error: { name: 'JobProcessError', message: expect.stringContaining('SIGSEGV'), stderr: 'boom' } });
  });

  it('stopped when asked, whatever the exit; killed says so', () => {
    const job = new Job('rtsp', [], '', '');
    job.markRunning(1);
    job.stopRequested = true;
    job.markEnded(exit(null, { signal: 'SIGKILL', killed: true }));
    expect(job.toRecord()).toMatchObject({ state: 'stopped', error: { name: 'Killed' } });
  });

  it('subscribers get the events kept so far from an id on, then live ones; nothing after the end', () => {
    const job = new Job('test-pipeline', [], '', '');
    job.markRunning(1);
    job.observe({ type: 'eos' });
    const seen: SequencedEvent[] = [];
    const unsubscribe = job.subscribe((e) => seen.push(e), 1);
    job.observe({ type: 'stats', frames: null, bytes: null, errors: 0, warnings: 0, uptimeSeconds: 1 });
    expect(seen.map((e) => [e.id, e.event.type])).toEqual([[2, 'eos'], [3, 'stats']]);
    unsubscribe();
    job.observe({ type: 'eos' });
    expect(seen).toHaveLength(2);
  });
});

describe('JobManager', () => {
  const manager = (maxJobs: number) => {
    const runners: FakeRunner[] = [];
    const jobs = new JobManager({ maxJobs, basePath: '/api/gstreamer', runner: () => (runners.push(new FakeRunner()), runners.at(-1)!) });
    return { jobs, runners };
  };

  it('at most maxJobs run; the rest queue in order and start as slots free up', async () => {
    const { jobs, runners } = manager(2);
    const [a, b, c] = [jobs.create('compression', [], 'a'), jobs.create('hls', [], 'b'), jobs.create('rtsp', [], 'c')];
    expect([a.state, b.state, c.state]).toEqual(['running', 'running', 'queued']);
    expect(jobs.counts()).toMatchObject({ total: 3, running: 2, queued: 1 });
    runners[0]!.end(true, 0);
    await tick();
    expect([a.state, c.state]).toEqual(['succeeded', 'running']);
    expect(runners).toHaveLength(3);
  });

  it('past keepFinished, the oldest finished jobs are forgotten and onForget hears of each', async () => {
    const runners: FakeRunner[] = [];
    const forgotten: string[] = [];
    const jobs = new JobManager({ maxJobs: 3, keepFinished: 1, basePath: '/api/gstreamer', runner: () => (runners.push(new FakeRunner()), runners.at(-1)!), onForget: (j) => forgotten.push(j.id) });
    const [a, b, c] = [jobs.create('compression', [], 'a'), jobs.create('compression', [], 'b'), jobs.create('compression', [], 'c')];
    runners[0]!.end(true, 0);
    await tick();
    expect(forgotten).toEqual([]);
    runners[1]!.end(true, 0);
    await tick();
    expect(forgotten).toEqual([a.id]);
    expect(jobs.get(a.id)).toBeUndefined();
    expect(jobs.list()).toEqual([b, c]);
  });

  it('stop: a queued job ends at once, a running one is asked to stop and awaited', async () => {
    const { jobs, runners } = manager(1);
    const running = jobs.create('hls', [], 'a');
    const queued = jobs.create('hls', [], 'b');
    expect((await jobs.stop(queued)).state).toBe('stopped');
    expect(runners).toHaveLength(1);
    expect((await jobs.stop(running)).state).toBe('stopped');
    expect(runners[0]!.stops).toBe(1);
    expect(await jobs.stop(running)).toBe(running);
  });

  it('shutdown stops everything and refuses new jobs (503)', async () => {
    const { jobs, runners } = manager(1);
    const a = jobs.create('rtsp', [], 'a');
    const b = jobs.create('rtsp', [], 'b');
    await jobs.shutdown();
    expect([a.state, b.state]).toEqual(['stopped', 'stopped']);
    expect(runners).toHaveLength(1);
    expect(() => jobs.create('rtsp', [], 'c')).toThrow(ApiError);
  });

  it('a hard shutdown kills', async () => {
    const { jobs, runners } = manager(2);
    jobs.create('webrtc', [], 'a');
    await jobs.shutdown(true);
    expect(runners[0]!.kills).toBe(1);
  });
});
