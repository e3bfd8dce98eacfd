// Enqueues planned jobs. The job id is the work's own id (job-id.ts): a job already in the queue
// (waiting, running, done or failed) is not added again, and the result says which were new.
import type { LydlrQueue } from './open-queue.js';
import type { PlannedQueueJob } from './plan.js';
import { RETRY } from './timing.js';

export interface AddedJob {
  id: string;
  input: string;
  /** False when a job with this id was already in the queue. */
  added: boolean;
}

export async function addJobs(queue: LydlrQueue, jobs: PlannedQueueJob[], priority: number | undefined): Promise<AddedJob[]> {
  const added: AddedJob[] = [];
  for (const job of jobs) {
    const existed = (await queue.getJob(job.id)) !== undefined;
    await queue.add(job.data.kind, job.data, { jobId: job.id, ...RETRY, ...(priority !== undefined ? { priority } : {}) });
    added.push({ id: job.id, input: job.data.input, added: !existed });
  }
  return added;
}
