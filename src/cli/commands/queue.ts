// `queue add|status|retry|clean`: the job line checked as its own command checks it, then BullMQ.
import type { JobContext, JobResult } from '../../jobs/context.js';
import { silentContext } from '../../jobs/context.js';
import type { QueueAddFlags, QueueCleanFlags, QueueFlags, QueueStatusFlags } from '../defs/queue.js';
import { findJob, parseJobLine, type JobLine } from '../job-line.js';
import { fieldName } from '../../jobs/flags.js';
import { UsageError } from '../../errors.js';
import { planQueueJobs, type PlannedQueueJob } from '../../queue/plan.js';
import { withQueue } from '../../queue/open-queue.js';
import { addJobs } from '../../queue/add.js';
import { queueStatus } from '../../queue/status.js';
import { cleanFinished, retryFailed, type CleanState } from '../../queue/retry-clean.js';
import { safeUrl, redisOptions } from '../../queue/connection.js';
import { addedLines, cleanLines, retryLines, statusLines } from '../../report/queue-view.js';

export async function runQueueAdd(ctx: JobContext, words: string[], flags: QueueAddFlags): Promise<JobResult> {
  redisOptions(flags.redis); // a malformed URL is exit 2 before any work
  const line = await parseJobLine(findJob(flags.kind), words);
  const hasOutputDir = line.spec.flags.some((f) => fieldName(f) === 'outputDir');
  if (hasOutputDir && line.given.outputDir === undefined) {
    throw new UsageError(`queue add ${line.spec.command.join(' ')} needs --output-dir`, { fix: 'Give --output-dir DIR on storage every worker sees (each input is written there).' });
  }
  const outputs = await checkLikeTheCommand(ctx, line);
  const jobs = await planQueueJobs({ spec: line.spec, words: line.args.flat().map(String), flags: line.given }, process.cwd());
  const target = { url: flags.redis, queue: flags.queue };
  if (flags.dryRun) {
    return { ok: true, data: { dryRun: true, queue: flags.queue, jobs: jobs.map((j) => view(j, outputs)) }, lines: jobs.map((j) => `${j.id}  ${j.data.argv.join(' ')}`) };
  }
  const added = await withQueue(target, (queue) => addJobs(queue, jobs, flags.priority));
  const items = added.map((a) => ({ ...a, ...(outputs.get(a.input) ? { output: outputs.get(a.input) } : {}) }));
  return { ok: true, data: { redis: safeUrl(flags.redis), queue: flags.queue, added: items.filter((a) => a.added).length, jobs: items }, lines: addedLines(items, ctx.options.color) };
}

// The job's own --dry-run (when it has one) in this process: every check its command makes (flags,
// codec/container, inputs, an existing output) fails here, before anything is queued. Returns the
// output of each input it names.
async function checkLikeTheCommand(ctx: JobContext, line: JobLine): Promise<Map<string, string>> {
  if (!line.spec.flags.some((f) => fieldName(f) === 'dryRun')) return new Map();
  const run = await line.spec.load();
  const quiet = silentContext(ctx.command, new Set(), ctx.processEnv);
  const result = await run(quiet, ...line.args, { ...line.options, dryRun: true });
  if (!result.ok) throw new UsageError(`${line.spec.command.join(' ')} refused this job`, { data: result.data });
  const jobs = (result.data.jobs ?? []) as { input?: string; output?: string }[];
  const { resolve } = await import('node:path');
  const { existsSync } = await import('node:fs');
  return new Map(jobs.filter((j) => j.input && j.output).map((j) => [existsSync(j.input!) ? resolve(j.input!) : j.input!, resolve(j.output!)]));
}

function view(job: PlannedQueueJob, outputs: Map<string, string>) {
  return { id: job.id, kind: job.data.kind, input: job.data.input, argv: job.data.argv, ...(outputs.get(job.data.input) ? { output: outputs.get(job.data.input) } : {}) };
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
