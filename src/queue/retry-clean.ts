// Maintenance: failed jobs back into the queue, finished jobs out of Redis.
import type { LydlrQueue } from './open-queue.js';

/** Retries the failed jobs given by id, or every failed job; returns the ids retried. */
export async function retryFailed(queue: LydlrQueue, ids: string[]): Promise<string[]> {
  const jobs = ids.length > 0 ? await Promise.all(ids.map((id) => queue.getJob(id))) : await queue.getJobs(['failed']);
  const retried: string[] = [];
  for (const job of jobs) {
    if (job && (await job.getState()) === 'failed') {
      await job.retry('failed');
      retried.push(job.id ?? '');
    }
  }
  return retried;
}

export type CleanState = 'completed' | 'failed';

/** Removes finished jobs older than `graceMs` in the given states; returns how many per state. */
export async function cleanFinished(queue: LydlrQueue, states: CleanState[], graceMs: number): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  for (const state of states) removed[state] = (await queue.clean(graceMs, 0, state)).length;
  return removed;
}
