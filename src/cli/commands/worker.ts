// `worker`: Redis checked (exit 3 when unreachable), then jobs run until SIGINT/SIGTERM; exit 0.
import type { JobContext, JobResult } from '../../jobs/context.js';
import type { WorkerFlags } from '../defs/worker.js';
import { checkReachable, safeUrl } from '../../queue/connection.js';
import { runWorker, type WorkerJobChange } from '../../queue/worker.js';
import { workerChangeMessage, workerSummaryLines } from '../../report/queue-view.js';

/** A lost Redis makes ioredis report every reconnect attempt; one line per this many ms is enough. */
const ERROR_EVERY_MS = 10_000;

export async function runWorkerCommand(ctx: JobContext, flags: WorkerFlags): Promise<JobResult> {
  await checkReachable(flags.redis);
  let lastErrorAt = 0;
  ctx.stop.onStop((hard) => {
    ctx.reporter.log('warn', hard ? 'Stopping now: current jobs go back to the queue' : 'Finishing the current jobs, taking no new ones… (signal again to return them to the queue)');
  });
  ctx.reporter.event({ type: 'ready', redis: safeUrl(flags.redis), queue: flags.queue, pid: process.pid, message: `Worker on ${safeUrl(flags.redis)} queue "${flags.queue}" (${flags.concurrency} at once)` });
  const summary = await runWorker({
    redisUrl: flags.redis, queue: flags.queue, concurrency: flags.concurrency, stallSeconds: flags.stallTimeout,
    stopTimeoutMs: 15_000, env: ctx.childEnv(), cwd: process.cwd(), stop: ctx.stop,
    onJob: (change: WorkerJobChange) => ctx.reporter.event({ type: 'queue-job', ...change, message: workerChangeMessage(change) }),
    onError: (error) => {
      if (Date.now() - lastErrorAt < ERROR_EVERY_MS) return;
      lastErrorAt = Date.now();
      ctx.reporter.log('warn', `! Redis: ${error.message}`);
    },
  });
  return { ok: true, data: { ...summary }, lines: workerSummaryLines(summary) };
}
