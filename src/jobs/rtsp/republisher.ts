// Keeps a publishing gst-launch running: when the server goes away (the child exits with an error),
// start it again after a back-off that doubles up to a cap, and resets once a run has lasted.
import { PipelineRun, type RunResult } from '../../gst/launch/runner.js';
import type { GstEvent } from '../../gst/launch/events.js';
import { failureOf } from '../../gst/launch/failure.js';
import { EnvironmentError, JobError, UsageError } from '../../errors.js';
import type { GraphWriter } from '../run-graph.js';

export interface Backoff {
  initialMs: number;
  maxMs: number;
  /** A run that stayed up this long resets the delay to initialMs. */
  resetAfterMs: number;
}

// EOS normally ends a publish in well under a second; srtsink stuck reconnecting never takes it.
const STOP_TIMEOUT_MS = 3000;

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 30_000, resetAfterMs: 10_000 };

export type PublisherEvent =
  | { type: 'publishing'; url: string; attempt: number }
  | { type: 'reconnecting'; url: string; attempt: number; delayMs: number; reason: string }
  | { type: 'restarting'; url: string; reason: 'loop' };

export interface PublisherOptions {
  pipeline: string[];
  /** The URL as shown (masked). */
  url: string;
  env: NodeJS.ProcessEnv;
  /** Start again at the end of a file instead of finishing. */
  loop: boolean;
  /** Reconnects after failures; undefined: no limit. */
  maxRetries?: number | undefined;
  backoff?: Backoff;
  onEvent?: (event: PublisherEvent) => void;
  onGstEvent?: (event: GstEvent) => void;
  /** --graph: a writer per run (its dot folder in the run's environment), drawn once the run plays. */
  graph?: () => Promise<GraphWriter>;
}

export interface PublishOutcome {
  /** 'stopped': stop() was called; 'ended': the input ended (no --loop). */
  reason: 'stopped' | 'ended';
  attempts: number;
  reconnects: number;
  last: RunResult | undefined;
}

// Next delay: doubled, capped.
export function nextDelay(previous: number, backoff: Backoff): number {
  return Math.min(previous * 2, backoff.maxMs);
}

export class Publisher {
  private run: PipelineRun | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(private readonly options: PublisherOptions) {}

  async start(): Promise<PublishOutcome> {
    const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
    let delay = backoff.initialMs;
    let attempts = 0;
    let reconnects = 0;
    let last: RunResult | undefined;
    while (!this.stopped) {
      attempts += 1;
      const startedAt = performance.now();
      last = await this.runOnce(attempts);
      if (this.stopped) break;
      const failure = failureOf(last);
      if (!failure && last.eos) {
        if (!this.options.loop) return { reason: 'ended', attempts, reconnects, last };
        this.options.onEvent?.({ type: 'restarting', url: this.options.url, reason: 'loop' });
        delay = backoff.initialMs;
        continue;
      }
      // A missing element or a broken pipeline will not mend by trying again.
      if (failure instanceof EnvironmentError || failure instanceof UsageError) throw failure;
      if (performance.now() - startedAt >= backoff.resetAfterMs) delay = backoff.initialMs;
      const reason = failure?.message ?? 'gst-launch-1.0 stopped before the end of the stream';
      if (this.options.maxRetries !== undefined && reconnects >= this.options.maxRetries) {
        throw new JobError(`Publishing to ${this.options.url} failed after ${attempts} attempt${attempts > 1 ? 's' : ''}: ${reason}`, {
          fix: 'Is the server up and the URL right? Raise --max-retries (or drop it) to keep trying.',
          data: { url: this.options.url, attempts, gstCommand: last.command },
          cause: failure,
        });
      }
      reconnects += 1;
      this.options.onEvent?.({ type: 'reconnecting', url: this.options.url, attempt: attempts + 1, delayMs: delay, reason });
      await this.sleep(delay);
      delay = nextDelay(delay, backoff);
    }
    return { reason: 'stopped', attempts, reconnects, last };
  }

  /** Graceful (EOS to the running child); a second call kills it. */
  stop(): void {
    this.stopped = true;
    this.wake?.();
    this.run?.stop();
  }

  private async runOnce(attempt: number): Promise<RunResult> {
    const graph = await this.options.graph?.();
    const run = new PipelineRun({ pipeline: this.options.pipeline, env: graph?.dots.env ?? this.options.env, stopTimeoutMs: STOP_TIMEOUT_MS });
    this.run = run;
    let announced = false;
    run.on((event) => {
      graph?.observe(event);
      this.options.onGstEvent?.(event);
      if (!announced && event.type === 'state-changed' && event.isPipeline && event.newState === 'playing') {
        announced = true;
        this.options.onEvent?.({ type: 'publishing', url: this.options.url, attempt });
      }
    });
    const result = await run.start();
    // The picture is a by-product: a failure to draw it is a warning, the publishing goes on.
    await graph?.finish(result.errors.length > 0, false);
    await graph?.remove();
    return result;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
