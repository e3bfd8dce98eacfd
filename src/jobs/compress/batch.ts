// Several inputs at once: N jobs in parallel, one overall progress, a failing file never stops the others.
import { availableParallelism } from 'node:os';
import type { JobContext } from '../context.js';
import { batchProgressLine } from '../../report/compress-view.js';
import { isLydlrError } from '../../errors.js';
import type { GstEvent } from '../../gst/launch/events.js';
import type { CompressOptions } from './options.js';
import { planJob } from './plan-job.js';
import { runJob, type CompressResult } from './run-job.js';
import { monotonicMs } from '../../process/monotonic.js';

export type BatchItem = { input: string; ok: true; result: CompressResult } | { input: string; ok: false; output?: string; error: string; exitCode: number };

// One encoder already uses every core; two at once only pay off on bigger machines.
export function defaultJobs(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}

export async function runBatch(ctx: JobContext, options: CompressOptions): Promise<BatchItem[]> {
  const env = ctx.childEnv();
  const progress = new BatchProgress(ctx, options.inputs.length);
  let interrupted = false;
  const unsubscribe = ctx.stop.onStop(() => (interrupted = true));
  const items: BatchItem[] = new Array(options.inputs.length);
  let next = 0;
  const jobs = Math.min(options.jobs ?? defaultJobs(), options.inputs.length);
  const coresEach = Math.max(1, availableParallelism() / jobs);
  const worker = async () => {
    while (next < options.inputs.length && !interrupted) {
      const index = next++;
      const input = options.inputs[index]!;
      try {
        const job = await planJob(input, options, env, coresEach);
        for (const message of job.notes) ctx.reporter.event({ type: 'warning', message: `${input}: ${message}`, input });
        const result = await runJob(ctx, job, (e) => progress.update(index, e));
        items[index] = { input, ok: true, result };
        ctx.reporter.event({ type: 'item-done', input, output: result.output, ok: true });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        items[index] = { input, ok: false, error: message, exitCode: isLydlrError(error) ? error.exitCode : 1 };
        ctx.reporter.event({ type: 'item-done', input, ok: false, error: message });
      }
      progress.finish(index);
    }
  };
  try {
    await Promise.all(Array.from({ length: jobs }, worker));
  } finally {
    unsubscribe();
  }
  return options.inputs.map((input, i) => items[i] ?? { input, ok: false, error: 'not started (interrupted)', exitCode: 130 });
}

// Folds every job's progress into one line: done files, overall percent, ETA.
class BatchProgress {
  private readonly fraction: number[];
  private readonly startedAt = monotonicMs();

  constructor(private readonly ctx: JobContext, private readonly total: number) {
    this.fraction = new Array(total).fill(0);
  }

  update(index: number, event: GstEvent): void {
    if (event.type !== 'progress' || event.percent === undefined) return;
    this.fraction[index] = event.percent / 100;
    if (this.ctx.options.json) {
      this.ctx.reporter.event({ ...event, input: index });
      return;
    }
    this.render();
  }

  finish(index: number): void {
    this.fraction[index] = 1;
    if (!this.ctx.options.json) this.render();
  }

  private render(): void {
    const done = this.fraction.filter((f) => f >= 1).length;
    const overall = this.fraction.reduce((a, b) => a + b, 0) / this.total;
    const elapsed = (monotonicMs() - this.startedAt) / 1000;
    const eta = overall > 0.01 ? (elapsed / overall) * (1 - overall) : undefined;
    this.ctx.reporter.event({ type: 'status', message: batchProgressLine(overall, done, this.total, eta) });
  }
}
