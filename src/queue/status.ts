// The queue at a glance: counts by state, each unfinished job's progress, failures with their error.
import type { Job } from 'bullmq';
import type { LydlrQueue } from './open-queue.js';
import type { QueuedJobData } from './queued-job.js';

// waiting-children: a chunked encode's join, waiting for its split, chunks and audio.
export const STATES = ['waiting', 'prioritized', 'waiting-children', 'active', 'delayed', 'completed', 'failed'] as const;
export type QueueState = (typeof STATES)[number];

export interface QueueJobView {
  id: string;
  kind: string;
  input: string;
  state: QueueState;
  progress: number | undefined;
  attempts: number;
  error?: string;
  output?: string;
}

export interface QueueStatus {
  queue: string;
  counts: Record<QueueState, number>;
  jobs: QueueJobView[];
}

/** Jobs listed per state (the counts cover them all). */
const LIST_LIMIT = 200;

export async function queueStatus(queue: LydlrQueue): Promise<QueueStatus> {
  const counts = (await queue.getJobCounts(...STATES)) as Record<QueueState, number>;
  const jobs: QueueJobView[] = [];
  for (const state of STATES) {
    for (const job of await queue.getJobs([state], 0, LIST_LIMIT - 1)) {
      if (job) jobs.push(view(job, state));
    }
  }
  return { queue: queue.name, counts, jobs };
}

function view(job: Job<QueuedJobData>, state: QueueState): QueueJobView {
  const progress = typeof job.progress === 'number' ? job.progress : undefined;
  const output = outputOf(job.returnvalue);
  return {
    id: job.id ?? '', kind: job.data.kind, input: job.data.input, state,
    progress: state === 'completed' ? 100 : progress, attempts: job.attemptsMade,
    ...(job.failedReason ? { error: job.failedReason } : {}),
    ...(output ? { output } : {}),
  };
}

// The file a finished job wrote: its result's output, or its one batch item's.
function outputOf(result: unknown): string | undefined {
  const record = result as { output?: unknown; items?: { result?: { output?: unknown } }[] } | null;
  const output = record?.output ?? (record?.items?.length === 1 ? record.items[0]?.result?.output : undefined);
  return typeof output === 'string' ? output : undefined;
}
