// Runs gst-launch-1.0 -m -e as a supervised child (argv, no shell, its own process group),
// parses its output into typed events, and stops it like gst-launch's own Ctrl-C: EOS first.
import { EventEmitter } from 'node:events';
import type { EventOf, GstEvent, RunStats } from './events.js';
import { LaunchOutputParser } from './bus-parser.js';
import { StatsCounter } from './stats.js';
import { ProgressTracker } from './progress.js';
import { shellQuote } from '../../pipeline/quote.js';
import { SupervisedChild, type ChildExit } from '../../process/supervised-child.js';
import { monotonicMs } from '../../process/monotonic.js';

export const GST_LAUNCH = 'gst-launch-1.0';

/** How long gst-launch may take to exit after it reported an error. */
const ERROR_EXIT_GRACE_MS = 5_000;

export interface LaunchOptions {
  /** Pipeline tokens (PipelineBuilder.toArgv()). */
  pipeline: string[];
  /** The child's environment, complete (gstChildEnv()). */
  env?: NodeJS.ProcessEnv;
  /** After stop(), how long EOS may take before the process group is killed. */
  stopTimeoutMs?: number;
  /** Known media duration, for percent/ETA when the pipeline cannot answer. */
  durationSeconds?: number | undefined;
  /** Minimum milliseconds between progress events. */
  progressIntervalMs?: number;
  /** Bytes the pipeline writes to fds 3, 4, … (fdsink fd=3): one handler per fd. */
  extraOutputs?: ((chunk: Buffer) => void)[];
  /** The pipeline reads our standard input (fdsrc fd=0). */
  readsStdin?: boolean;
  /**
   * Read gst-launch's output in batches, one per progress interval (batched-reads.ts): far less CPU
   * for a job that reacts to no message in a hurry (a file converted); its events come up to that late.
   */
  batchOutput?: boolean;
}

export interface RunResult {
  command: string;
  exitCode: number | undefined;
  signal: string | undefined;
  /** stop() was called or gst-launch reported an interrupt. */
  interrupted: boolean;
  /** The pipeline reached EOS, so muxers finalized their files. */
  eos: boolean;
  /** stop() had to kill the process group (EOS did not come in time). */
  killed: boolean;
  errors: EventOf<'error'>[];
  warnings: EventOf<'warning'>[];
  stats: RunStats;
  /** The media time the counted frames cover (their timestamps), when the stats probe saw timestamps. */
  mediaSeconds: number | undefined;
  /** The earliest decode timestamp the stats probe saw (its running time, with single-segment=true). */
  startSeconds: number | undefined;
  durationMs: number;
  stderrTail: string[];
}

type Listener = (event: GstEvent) => void;

// One run of one pipeline; state lives here, not in module globals.
export class PipelineRun {
  readonly command: string;
  private readonly emitter = new EventEmitter();
  private readonly parser = new LaunchOutputParser();
  private readonly stats = new StatsCounter();
  private readonly progress: ProgressTracker;
  private readonly errors: EventOf<'error'>[] = [];
  private readonly warnings: EventOf<'warning'>[] = [];
  private readonly child: SupervisedChild;
  private result: Promise<RunResult> | undefined;
  private sawEos = false;
  private sawInterrupt = false;
  private readonly startedAt = monotonicMs();
  private errorKillTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: LaunchOptions) {
    this.command = gstLaunchCommand(options.pipeline);
    const progressIntervalMs = options.progressIntervalMs ?? 250;
    this.progress = new ProgressTracker(options.durationSeconds, progressIntervalMs);
    this.child = new SupervisedChild({
      file: GST_LAUNCH,
      args: [...launchFlags(), ...options.pipeline],
      env: options.env ?? { ...process.env, LC_ALL: 'C' },
      onStdoutLine: (line) => this.onLine(line),
      onStderrLine: (line) => this.onLine(line),
      stderrTailLines: 20,
      ...(options.extraOutputs ? { extraOutputs: options.extraOutputs } : {}),
      ...(options.readsStdin ? { stdin: 'inherit' as const } : {}),
      ...(options.batchOutput ? { stdoutBatchMs: progressIntervalMs } : {}),
      // First stop: SIGINT, which gst-launch -e turns into EOS (files finalised).
      stopTimeoutMs: options.stopTimeoutMs ?? 10_000,
    });
  }

  on(listener: Listener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  // Spawns the child; the promise settles when it has exited (it never rejects).
  start(): Promise<RunResult> {
    this.result ??= this.child.start().then((exit) => {
      clearTimeout(this.errorKillTimer);
      for (const e of this.parser.flush()) this.dispatch(e);
      return this.finish(exit);
    });
    return this.result;
  }

  // First call: EOS (SIGINT to gst-launch -e), then kill after the timeout. Second call: kill now.
  stop(): void {
    this.child.stop();
  }

  /** Kills the process group now, without EOS. */
  kill(): void {
    this.child.kill();
  }

  getStats(): RunStats {
    return this.stats.snapshot();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private onLine(line: string): void {
    for (const event of this.parser.push(line)) this.dispatch(event);
  }

  private dispatch(event: GstEvent): void {
    this.stats.observe(event);
    switch (event.type) {
      case 'buffer':
        return; // counted into stats; far too many to report one by one
      case 'state-changed':
        if (!event.isPipeline) return;
        break;
      case 'eos':
        this.sawEos = true;
        this.emitFinalProgress();
        break;
      case 'interrupt':
        this.sawInterrupt = true;
        break;
      case 'error':
        this.errors.push(event);
        this.killIfStuck();
        break;
      case 'warning':
        this.warnings.push(event);
        break;
      case 'progress': {
        const enriched = this.progress.update(event, monotonicMs() - this.startedAt);
        if (!enriched) return;
        this.emit(enriched);
        return;
      }
    }
    this.emit(event);
  }

  // At EOS the position is the whole duration: say so, even when the run was too short for a position line.
  private emitFinalProgress(): void {
    const duration = this.options.durationSeconds;
    if (duration === undefined || this.child.stopping) return;
    const final = this.progress.update({ type: 'progress', positionSeconds: duration, durationSeconds: duration }, monotonicMs() - this.startedAt);
    if (final) this.emit(final);
  }

  // An error ends gst-launch, but 1.22 can hang after an error during preroll ("pipeline doesn't want
  // to preroll", e.g. an empty input on stdin): give it a moment to exit, then kill its group.
  private killIfStuck(): void {
    if (this.errorKillTimer) return;
    this.errorKillTimer = setTimeout(() => this.child.kill(), ERROR_EXIT_GRACE_MS);
    this.errorKillTimer.unref();
  }

  private emit(event: GstEvent): void {
    this.emitter.emit('event', { ...event, atMs: Math.round(monotonicMs() - this.startedAt) });
  }

  private finish(exit: ChildExit): RunResult {
    const stats = this.stats.snapshot();
    this.emit({ type: 'stats', ...stats });
    return {
      command: this.command,
      exitCode: exit.exitCode,
      signal: exit.signal,
      interrupted: exit.stopRequested || this.sawInterrupt,
      eos: this.sawEos,
      killed: exit.killed,
      errors: this.errors,
      warnings: this.warnings,
      stats,
      mediaSeconds: this.stats.mediaSeconds(),
      startSeconds: this.stats.startSeconds(),
      durationMs: Math.round(monotonicMs() - this.startedAt),
      stderrTail: exit.stderrTail,
    };
  }
}

// -m: bus messages; -e: EOS on interrupt; -v: caps and our stats probes; position even without a TTY.
export function launchFlags(): string[] {
  return ['-m', '-e', '-v', '--force-position'];
}

/** The copy-pasteable shell line that runs these pipeline tokens as we run them (dry runs, errors). */
export function gstLaunchCommand(pipeline: readonly string[]): string {
  return [GST_LAUNCH, ...launchFlags(), ...pipeline].map(shellQuote).join(' ');
}
