// Lock and stall timing for long jobs. The lock is renewed every lockDuration/2 from the worker's
// event loop, which the encode never blocks (it runs in a child process), so a healthy multi-hour
// job keeps its lock. Only a worker that is gone (SIGKILL, lost machine) stops renewing: after
// lockDuration its job counts as stalled, and the next stall check (every stalledInterval, on any
// worker) puts it back in the queue for another worker.
export interface StallTiming {
  lockDuration: number;
  stalledInterval: number;
  /** Stalls tolerated before the job fails (a job that kills its worker twice is suspect). */
  maxStalledCount: number;
}

export function stallTiming(stallSeconds: number): StallTiming {
  const ms = Math.round(stallSeconds * 1000);
  return { lockDuration: ms, stalledInterval: ms, maxStalledCount: 2 };
}

/** Retries of a job that failed for a reason that may pass (exit 1), with exponential back-off. */
export const RETRY = { attempts: 3, backoff: { type: 'exponential' as const, delay: 5000 } };
