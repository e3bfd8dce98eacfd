// Runs gst-launch-1.0 -m -e as a child (argv, no shell), in its own process group,
// parses its output into typed events, and stops it like gst-launch's own Ctrl-C: EOS first.
// node:child_process rather than execa here: this is every job's start-up path, and loading
// execa costs ~70 ms, more than the whole budget against a raw gst-launch-1.0 (bench/).
import { EventEmitter } from 'node:events';
import { spawn, type ChildProcess } from 'node:child_process';
import type { EventOf, GstEvent, RunStats } from './events.js';
import { LaunchOutputParser } from './parse-bus.js';
import { LineSplitter } from './lines.js';
import { StatsCounter } from './stats.js';
import { ProgressTracker } from './progress.js';
import { shellQuote } from '../pipeline/quote.js';
import { guardedCommand, signalGroup } from './spawn-guarded.js';

export const GST_LAUNCH = 'gst-launch-1.0';

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
  private readonly stderrTail: string[] = [];
  private child: ChildProcess | undefined;
  private result: Promise<RunResult> | undefined;
  private stopRequested = false;
  private exited = false;
  private killed = false;
  private sawEos = false;
  private sawInterrupt = false;
  private killTimer: NodeJS.Timeout | undefined;
  private readonly startedAt = performance.now();

  constructor(private readonly options: LaunchOptions) {
    this.command = gstLaunchCommand(options.pipeline);
    this.progress = new ProgressTracker(options.durationSeconds, options.progressIntervalMs ?? 250);
  }

  on(listener: Listener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  // Spawns the child; the promise settles when it has exited (it never rejects).
  start(): Promise<RunResult> {
    if (this.result) return this.result;
    const [file, args] = spawnCommand(this.options.pipeline);
    const child = spawn(file, args, {
      env: this.options.env ?? { ...process.env, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    const killGroupOnExit = () => this.killGroup('SIGKILL');
    process.once('exit', killGroupOnExit);
    const out = new LineSplitter((line) => this.onLine(line, false));
    const err = new LineSplitter((line) => this.onLine(line, true));
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('exit', () => (this.exited = true));
    this.result = new Promise<RunResult>((resolve) => {
      let settled = false;
      const settle = (code: number | null, signal: NodeJS.Signals | null) => {
        if (settled) return;
        settled = true;
        this.exited = true;
        out.end();
        err.end();
        for (const e of this.parser.flush()) this.dispatch(e);
        process.off('exit', killGroupOnExit);
        clearTimeout(this.killTimer);
        resolve(this.finish(code ?? undefined, signal ?? undefined));
      };
      // 'close' comes after both output streams ended, so no line is lost.
      child.once('close', settle);
      child.once('error', (error: NodeJS.ErrnoException) => {
        this.stderrTail.push(`${file}: ${error.message}`);
        settle(null, null);
      });
    });
    return this.result;
  }

  // First call: EOS (SIGINT to gst-launch -e), then kill after the timeout. Second call: kill now.
  stop(): void {
    if (!this.child || this.exited) return;
    if (this.stopRequested) {
      this.killGroup('SIGKILL');
      return;
    }
    this.stopRequested = true;
    this.signalGroup('SIGINT');
    this.killTimer = setTimeout(() => this.killGroup('SIGKILL'), this.options.stopTimeoutMs ?? 10_000);
    this.killTimer.unref();
  }

  getStats(): RunStats {
    return this.stats.snapshot();
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private onLine(line: string, isStderr: boolean): void {
    if (isStderr) {
      this.stderrTail.push(line);
      if (this.stderrTail.length > 20) this.stderrTail.shift();
    }
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
        break;
      case 'warning':
        this.warnings.push(event);
        break;
      case 'progress': {
        const enriched = this.progress.update(event, performance.now() - this.startedAt);
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
    if (duration === undefined || this.stopRequested) return;
    const final = this.progress.update({ type: 'progress', positionSeconds: duration, durationSeconds: duration }, performance.now() - this.startedAt);
    if (final) this.emit(final);
  }

  private emit(event: GstEvent): void {
    this.emitter.emit('event', { ...event, atMs: Math.round(performance.now() - this.startedAt) });
  }

  private finish(exitCode: number | undefined, signal: string | undefined): RunResult {
    const stats = this.stats.snapshot();
    this.emit({ type: 'stats', ...stats });
    return {
      command: this.command,
      exitCode,
      signal,
      interrupted: this.stopRequested || this.sawInterrupt,
      eos: this.sawEos,
      killed: this.killed,
      errors: this.errors,
      warnings: this.warnings,
      stats,
      durationMs: Math.round(performance.now() - this.startedAt),
      stderrTail: this.stderrTail,
    };
  }

  private signalGroup(signal: NodeJS.Signals): void {
    signalGroup(this.child?.pid, signal);
  }

  private killGroup(signal: NodeJS.Signals): void {
    if (!this.child || this.exited) return;
    this.killed = true;
    this.signalGroup(signal);
  }
}

// -m: bus messages; -e: EOS on interrupt; -v: caps and our stats probes; position even without a TTY.
export function launchFlags(): string[] {
  return ['-m', '-e', '-v', '--force-position'];
}

// gst-launch is killed by the kernel if we die without cleaning up (spawn-guarded.ts).
function spawnCommand(pipeline: string[]): [string, string[]] {
  return guardedCommand(GST_LAUNCH, [...launchFlags(), ...pipeline]);
}

/** The copy-pasteable shell line that runs these pipeline tokens as we run them (dry runs, errors). */
export function gstLaunchCommand(pipeline: readonly string[]): string {
  return [GST_LAUNCH, ...launchFlags(), ...pipeline].map(shellQuote).join(' ');
}
