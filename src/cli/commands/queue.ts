// `queue add|status|retry|clean`: the job line checked as its own command checks it, then BullMQ.
import type { JobContext, JobResult } from '../../jobs/context.js';
import type { QueueAddFlags, QueueCleanFlags, QueueFlags, QueueStatusFlags } from '../defs/queue.js';
import { findJob, parseJobLine } from '../job-line.js';
import { enqueue } from '../../queue/enqueue.js';
import { withQueue } from '../../queue/open-queue.js';
import { queueStatus } from '../../queue/status.js';
import { cleanFinished, retryFailed, type CleanState } from '../../queue/retry-clean.js';
import { safeUrl, redisOptions } from '../../queue/connection.js';
import { addedLines, cleanLines, dryRunLines, retryLines, statusLines } from '../../report/queue-view.js';

export async function runQueueAdd(ctx: JobContext, words: string[], flags: QueueAddFlags): Promise<JobResult> {
  redisOptions(flags.redis); // a malformed URL is exit 2 before any work
  const line = await parseJobLine(findJob(flags.kind), words);
  const target = { url: flags.redis, queue: flags.queue };
  const jobs = await enqueue({ line, target, priority: flags.priority, dryRun: flags.dryRun, chunkSeconds: flags.chunk, cwd: process.cwd(), processEnv: ctx.processEnv });
  for (const message of jobs.flatMap((j) => j.notes ?? [])) ctx.reporter.event({ type: 'warning', message });
  if (flags.dryRun) {
    return { ok: true, data: { dryRun: true, queue: flags.queue, jobs: jobs.map((j) => ({ kind: line.spec.command.join(' '), ...j })) }, lines: dryRunLines(jobs) };
  }
  const items = jobs.map((j) => ({ ...j, added: j.added === true }));
  return { ok: true, data: { redis: safeUrl(flags.redis), queue: flags.queue, added: items.filter((a) => a.added).length, jobs: items }, lines: addedLines(items, ctx.options.color) };
}

export async function runQueueStatus(ctx: JobContext, flags: QueueStatusFlags): Promise<JobResult> {
  const target = { url: flags.redis, queue: flags.queue };
  if (!flags.watch) {
    const status = await withQueue(target, queueStatus);
    return { ok: true, data: { ...status }, lines: statusLines(status, ctx.options.color) };
  }
  // --watch: a status event per interval until the stop request.
  return withQueue(target, async (queue) => {
    let updates = 0;
    const done = new Promise<void>((resolve) => ctx.stop.onStop(() => resolve()));
    for (;;) {
      const status = await queueStatus(queue);
      updates += 1;
      ctx.reporter.event({ type: 'queue-status', ...status, message: statusLines(status, ctx.options.color).join('\n') });
      const stopped = await Promise.race([done.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), flags.interval * 1000))]);
      if (stopped) return { ok: true, data: { watched: true, updates } };
    }
  });
}

export async function runQueueRetry(ctx: JobContext, ids: string[], flags: QueueFlags): Promise<JobResult> {
  const retried = await withQueue({ url: flags.redis, queue: flags.queue }, (queue) => retryFailed(queue, ids));
  return { ok: true, data: { retried }, lines: retryLines(retried) };
}

export async function runQueueClean(ctx: JobContext, flags: QueueCleanFlags): Promise<JobResult> {
  const states: CleanState[] = flags.state === 'all' ? ['completed', 'failed'] : [flags.state];
  const removed = await withQueue({ url: flags.redis, queue: flags.queue }, (queue) => cleanFinished(queue, states, flags.grace * 1000));
  return { ok: true, data: { removed }, lines: cleanLines(removed) };
}
