// serve's metrics: jobs by state now, and how long finished jobs ran (a histogram whose buckets
// double from 1 s to about 9 h, so transcodes of seconds and of hours both land in a bucket of
// their size). One MetricSet (its own Registry) per server instance.
import { exponentialBuckets } from 'prom-client';
import { MetricSet } from '../ops/metric-set.js';
import { JOB_STATES } from './job-schema.js';
import type { Job } from './job.js';

/** 1, 2, 4 … 32768 s. */
export const JOB_DURATION_BUCKETS = exponentialBuckets(1, 2, 16);

export interface ServeMetrics {
  set: MetricSet;
  /** Every job state change (the job manager's onChange). */
  jobChanged(job: Job): void;
}

export function serveMetrics(counts: () => Record<string, number>): ServeMetrics {
  const set = new MetricSet();
  set.gauge('serve_jobs', 'serve jobs now, by state.', ['state'], (gauge) => {
    const now = counts();
    for (const state of JOB_STATES) gauge.set({ state }, now[state] ?? 0);
  });
  const duration = set.histogram('job_duration_seconds', 'How long finished serve jobs ran, from start to end, by kind and final state.', JOB_DURATION_BUCKETS, ['kind', 'state']);
  return {
    set,
    jobChanged(job) {
      if (!job.final || !job.startedAt || !job.endedAt) return; // a queued job stopped before it ran has no duration
      duration.observe({ kind: job.kind, state: job.state }, (job.endedAt.getTime() - job.startedAt.getTime()) / 1000);
    },
  };
}
