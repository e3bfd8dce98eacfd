// The job manager: at most maxJobs processes run at once, the rest wait in order; stop() is
// graceful (the CLI's own Ctrl-C), shutdown() stops every job and waits for them.
import { ApiError } from './api-error.js';
import { Job } from './job.js';
import type { JobRunner } from './job-process.js';
import type { JobKindName } from './job-schema.js';

export interface JobManagerOptions {
  maxJobs: number;
  /** The URL prefix of job links (/api/gstreamer). */
  basePath: string;
  /** Makes the process of a job (a JobProcess; tests give fakes). */
  runner: (job: Job) => JobRunner;
  /** Finished jobs kept for GET (oldest forgotten first). */
  keepFinished?: number;
  onChange?: (job: Job) => void;
  /** A finished job dropped from the list (what serve keeps for it can go). */
  onForget?: (job: Job) => void;
}

export class JobManager {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private readonly running = new Map<Job, JobRunner>();
  private closed = false;

  constructor(private readonly options: JobManagerOptions) {}

  create(kind: JobKindName, args: string[], display: string, env: Record<string, string> = {}): Job {
    if (this.closed) throw new ApiError(503, 'serve is shutting down: no new jobs.', { name: 'ShuttingDown' });
    const job = new Job(kind, args, display, this.options.basePath, env);
    this.jobs.set(job.id, job);
    this.queue.push(job);
    this.options.onChange?.(job);
    this.pump();
    return job;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  list(): Job[] {
    return [...this.jobs.values()];
  }

  counts(): Record<string, number> {
    const counts: Record<string, number> = { total: this.jobs.size, queued: 0, running: 0, succeeded: 0, failed: 0, stopped: 0 };
    for (const job of this.jobs.values()) counts[job.state] = (counts[job.state] ?? 0) + 1;
    return counts;
  }

  // Queued: stopped at once. Running: SIGINT now, SIGKILL after the timeout. Resolves once ended.
  async stop(job: Job): Promise<Job> {
    if (job.final) return job;
    job.stopRequested = true;
    const index = this.queue.indexOf(job);
    if (index >= 0) {
      this.queue.splice(index, 1);
      job.markEnded(undefined);
      this.options.onChange?.(job);
      return job;
    }
    this.running.get(job)?.stop();
    await job.ended;
    return job;
  }

  // serve is stopping: nothing new starts, every job is stopped gracefully; `hard` kills instead.
  async shutdown(hard = false): Promise<void> {
    this.closed = true;
    if (hard) for (const runner of this.running.values()) runner.kill();
    await Promise.all(this.list().map((job) => this.stop(job)));
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.options.maxJobs && this.queue.length > 0) this.launch(this.queue.shift()!);
  }

  private launch(job: Job): void {
    const runner = this.options.runner(job);
    this.running.set(job, runner);
    const exit = runner.start((event) => job.observe(event));
    job.markRunning(runner.pid);
    this.options.onChange?.(job);
    void exit.then((result) => {
      this.running.delete(job);
      job.markEnded(result);
      this.options.onChange?.(job);
      this.forgetOld();
      this.pump();
    });
  }

  private forgetOld(): void {
    const keep = this.options.keepFinished ?? 200;
    const finished = this.list().filter((j) => j.final);
    for (const job of finished.slice(0, Math.max(0, finished.length - keep))) {
      this.jobs.delete(job.id);
      this.options.onForget?.(job);
    }
  }
}
