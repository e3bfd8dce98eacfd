// A queue worker: takes jobs from the queue, runs each as the CLI would (run-queued-job.ts), and
// stops on request. First request: take no new jobs, finish the current ones. Second: kill the
// current ones and return them to the queue (waiting, not stuck "active" until a stall check).
import { Queue, Worker, type Job } from 'bullmq';
import type { JobEvent } from '../api/job.js';
import type { StopRequest } from '../jobs/stop-request.js';
import { redisOptions } from './connection.js';
import { runQueuedJob } from './run-queued-job.js';
import { stallTiming } from './timing.js';
import { addChunkJobs } from './fan-out.js';
import type { LydlrQueue } from './open-queue.js';
import type { QueuedJobData, QueuedJobResult } from './queued-job.js';

export interface WorkerOptions {
  redisUrl: string;
  queue: string;
  concurrency: number;
  stallSeconds: number;
  stopTimeoutMs: number;
  env: NodeJS.ProcessEnv;
  cwd: string;
  stop: StopRequest;
  onJob: (change: WorkerJobChange) => void;
  onChildEvent?: (job: Job<QueuedJobData>, event: JobEvent) => void;
  onError: (error: Error) => void;
}

export interface WorkerJobChange {
  id: string;
  kind: string;
  input: string;
  state: 'active' | 'completed' | 'failed' | 'returned';
  attempt: number;
  error?: string;
  result?: QueuedJobResult;
}

export interface WorkerSummary {
  completed: number;
  failed: number;
  returned: number;
}

// Runs until the stop request's first (or second) signal; resolves once every job is settled.
export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const summary: WorkerSummary = { completed: 0, failed: 0, returned: 0 };
  // Where a chunked encode's split adds its chunk jobs: made the first time one is needed.
  let fanOut: LydlrQueue | undefined;
  const chunkQueue = (): LydlrQueue => (fanOut ??= new Queue(options.queue, { connection: redisOptions(options.redisUrl) }));
  const change = (job: Job<QueuedJobData>, state: WorkerJobChange['state'], extra: Partial<WorkerJobChange> = {}) =>
    options.onJob({ id: job.id ?? '', kind: job.data.kind, input: job.data.input, state, attempt: job.attemptsMade + 1, ...extra });
  const worker = new Worker<QueuedJobData, QueuedJobResult>(
    options.queue,
    async (job, token, signal) => {
      change(job, 'active');
      try {
        const result = await runQueuedJob(job, token, signal, { env: options.env, cwd: options.cwd, stopTimeoutMs: options.stopTimeoutMs, onEvent: options.onChildEvent });
        // Before the split completes, so its parent (the join) keeps waiting for the chunks too.
        if (job.data.chunkEncode) await addChunkJobs(chunkQueue(), job, result);
        return result;
      } catch (error) {
        if ((error as Error).name === 'WaitingError') {
          summary.returned += 1;
          change(job, 'returned');
        }
        throw error;
      }
    },
    { connection: redisOptions(options.redisUrl), concurrency: options.concurrency, ...stallTiming(options.stallSeconds), autorun: false },
  );
  worker.on('completed', (job, result) => {
    summary.completed += 1;
    change(job, 'completed', { result, attempt: job.attemptsMade });
  });
  worker.on('failed', (job, error) => {
    if (!job) return;
    summary.failed += 1;
    change(job, 'failed', { error: error.message, attempt: job.attemptsMade });
  });
  worker.on('error', options.onError);
  options.stop.onStop((hard) => {
    if (hard) worker.cancelAllJobs('returned to the queue: the worker was stopped');
    void worker.close();
  });
  await worker.run();
  await worker.close();
  await fanOut?.close();
  return summary;
}
