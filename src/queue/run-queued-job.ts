// One queued job on a worker: the built CLI as a supervised child (`lydlr-gst --json <argv…>`),
// exactly as serve runs REST jobs. A child process, not the job's code in the worker's own event
// loop, because (1) BullMQ renews the job's lock from that loop, which stays free however long the
// encode runs; (2) a crashing or leaking job cannot take the worker and its other jobs down;
// (3) stopping one job is the CLI's own Ctrl-C (EOS, the temporary file removed).
import type { Job } from 'bullmq';
import { UnrecoverableError, WaitingError } from 'bullmq';
import { JobProcess, type JobExit } from '../api/job-process.js';
import type { JobEvent } from '../api/job.js';
import { ExitCode } from '../errors.js';
import type { QueuedJobData, QueuedJobResult } from './queued-job.js';

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** How long a stopped child may take to finish before it is killed. */
  stopTimeoutMs: number;
  /** Called with each --json event of the child (the worker streams them). */
  onEvent?: (job: Job<QueuedJobData>, event: JobEvent) => void;
}

/** Progress is sent to Redis at most this often (the child reports four times a second). */
const PROGRESS_EVERY_MS = 1000;

export async function runQueuedJob(job: Job<QueuedJobData>, token: string | undefined, signal: AbortSignal | undefined, options: RunOptions): Promise<QueuedJobResult> {
  const child = new JobProcess({ args: ['--json', ...job.data.argv], cwd: options.cwd, env: { ...options.env, NO_COLOR: '1' }, stopTimeoutMs: options.stopTimeoutMs });
  let result: QueuedJobResult | undefined;
  let lastProgressAt = 0;
  const onEvent = (event: JobEvent): void => {
    options.onEvent?.(job, event);
    if (event.type === 'result') result = event;
    if (event.type === 'progress' && typeof event.percent === 'number' && Date.now() - lastProgressAt >= PROGRESS_EVERY_MS) {
      lastProgressAt = Date.now();
      void job.updateProgress(Math.floor(event.percent)).catch(() => {}); // a lost update is harmless
    }
  };
  // The worker's second signal: kill the child now and hand the job back to the queue.
  const onCancel = () => child.kill();
  signal?.addEventListener('abort', onCancel, { once: true });
  try {
    const exit = await child.start(onEvent);
    if (signal?.aborted) {
      await job.moveToWait(token);
      throw new WaitingError();
    }
    return settle(exit, result);
  } finally {
    signal?.removeEventListener('abort', onCancel);
  }
}

// The child's exit as the queue sees it: done, failed for good (bad input, missing plugin: the same
// on every retry) or failed for now (retried with back-off).
function settle(exit: JobExit, result: QueuedJobResult | undefined): QueuedJobResult {
  if (exit.exitCode === ExitCode.ok && result) {
    const { type: _type, ...record } = result;
    return record;
  }
  const failure = failureOf(result);
  const message = failure?.message ?? exit.spawnError ?? (exit.stderrTail.at(-1) || `the job exited with ${exit.exitCode ?? exit.signal}`);
  // The failure as `Name: message (fix: …)`: BullMQ keeps only the message as the failed reason.
  const text = `${failure?.name ?? 'JobError'}: ${message}${failure?.fix ? ` (fix: ${failure.fix})` : ''}`;
  const exitCode = failure?.exitCode ?? exit.exitCode;
  if (exitCode === ExitCode.usage || exitCode === ExitCode.environment) throw new UnrecoverableError(text);
  throw new Error(text);
}

interface Failure {
  name?: string;
  message?: string;
  fix?: string;
  exitCode?: number;
}

// The result's error; a batch job (one input into --output-dir) reports it on its failed item.
function failureOf(result: QueuedJobResult | undefined): Failure | undefined {
  if (!result) return undefined;
  if (result.error) return { ...(result.error as Failure), exitCode: result.exitCode as number | undefined };
  const item = (result.items as { ok?: boolean; error?: string; exitCode?: number }[] | undefined)?.find((i) => i.ok === false);
  return item ? { name: item.exitCode === ExitCode.usage ? 'UsageError' : 'JobError', message: item.error, exitCode: item.exitCode } : undefined;
}
