// The one way this program runs a long-lived child (gst-launch, the Python helpers, serve's jobs):
// under setpriv --pdeathsig in its own process group, its output split into lines, the last
// stderr lines kept, a graceful stop then a kill of the whole group, and one settled exit record.
import { spawn, type ChildProcess } from 'node:child_process';
import { LineSplitter } from './lines.js';
import { readInBatches } from './batched-reads.js';
import { guardedCommand, signalGroup } from './guard.js';
import { monotonicMs } from './monotonic.js';

export interface ChildExit {
  exitCode: number | undefined;
  signal: string | undefined;
  /** SIGKILL was needed: the child did not stop in time, or kill() was called. */
  killed: boolean;
  stopRequested: boolean;
  stderrTail: string[];
  /** The child could not be started at all (ENOENT…). */
  spawnError?: string;
  durationMs: number;
}

export interface SupervisedChildOptions {
  file: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** true: keep stdin open for write() (the helpers' NDJSON commands); 'inherit': the child reads our
   * standard input (a pipeline whose input is `-`); default: no stdin. */
  stdin?: boolean | 'inherit';
  onStdoutLine?: (line: string) => void;
  onStderrLine?: (line: string) => void;
  /** Extra output pipes as the child's fds 3, 4, …: each gets that fd's bytes (e.g. fdsink fd=3). */
  extraOutputs?: ((chunk: Buffer) => void)[];
  /** stderr lines kept for the exit record (default 30). */
  stderrTailLines?: number;
  /** Lines the exit record's tail leaves out (e.g. stack frames). */
  keepInTail?: (line: string) => boolean;
  /** Read stdout at most this often, in ms (batched-reads.ts): for a child printing per frame. */
  stdoutBatchMs?: number;
  /** How long a graceful stop may take before the group is killed. */
  stopTimeoutMs: number;
  /** The graceful stop; default SIGINT to the group (gst-launch -e sends EOS on it). */
  requestStop?: (child: SupervisedChild) => void;
}

// Children still running are killed with us even when we exit without stopping them.
const live = new Set<SupervisedChild>();
process.on('exit', () => live.forEach((c) => c.kill()));

export class SupervisedChild {
  private child: ChildProcess | undefined;
  private exitPromise: Promise<ChildExit> | undefined;
  private exitRecord: ChildExit | undefined;
  private exitedFlag = false;
  private stopRequested = false;
  private killed = false;
  private killTimer: NodeJS.Timeout | undefined;
  private readonly stderrTail: string[] = [];
  private startedAt = 0;

  constructor(private readonly options: SupervisedChildOptions) {}

  // Spawns the child; the promise settles once it has exited and its output is read (never rejects).
  start(): Promise<ChildExit> {
    if (this.exitPromise) return this.exitPromise;
    this.startedAt = monotonicMs();
    const [file, args] = guardedCommand(this.options.file, [...this.options.args]);
    const child = spawn(file, args, {
      env: this.options.env ?? process.env,
      cwd: this.options.cwd,
      stdio: [this.options.stdin === 'inherit' ? 'inherit' : this.options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe', ...(this.options.extraOutputs ?? []).map(() => 'pipe' as const)],
      detached: true,
    });
    this.child = child;
    live.add(this);
    const out = new LineSplitter((line) => this.options.onStdoutLine?.(line));
    const err = new LineSplitter((line) => this.onStderr(line));
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    if (this.options.stdoutBatchMs && child.stdout) readInBatches(child.stdout, child, this.options.stdoutBatchMs);
    (this.options.extraOutputs ?? []).forEach((onChunk, i) => (child.stdio[3 + i] as NodeJS.ReadableStream | null)?.on('data', onChunk));
    child.stdin?.on('error', () => {}); // EPIPE when the child is gone: the exit record tells
    child.once('exit', () => (this.exitedFlag = true));
    this.exitPromise = new Promise<ChildExit>((resolve) => {
      const settle = (code: number | null, signal: NodeJS.Signals | null, spawnError?: string) => {
        if (this.exitRecord) return;
        this.exitedFlag = true;
        out.end();
        err.end();
        live.delete(this);
        clearTimeout(this.killTimer);
        this.exitRecord = {
          exitCode: code ?? undefined, signal: signal ?? undefined, killed: this.killed, stopRequested: this.stopRequested,
          stderrTail: [...this.stderrTail], ...(spawnError ? { spawnError } : {}), durationMs: Math.round(monotonicMs() - this.startedAt),
        };
        resolve(this.exitRecord);
      };
      // 'close' comes after both output streams ended, so no line is lost.
      child.once('close', (code, signal) => settle(code, signal));
      child.once('error', (error: NodeJS.ErrnoException) => {
        this.pushTail(`${this.options.file}: ${error.message}`);
        settle(null, null, error.message);
      });
    });
    return this.exitPromise;
  }

  // First call: the graceful stop, and a kill of the group after the timeout. Second call: kill now.
  stop(): void {
    if (!this.child || this.exitedFlag) return;
    if (this.stopRequested) return this.kill();
    this.stopRequested = true;
    (this.options.requestStop ?? ((c) => c.signal('SIGINT')))(this);
    this.killTimer = setTimeout(() => this.kill(), this.options.stopTimeoutMs);
    this.killTimer.unref();
  }

  /** Kills the whole process group now. */
  kill(): void {
    if (!this.child || this.exitedFlag) return;
    clearTimeout(this.killTimer);
    this.killed = true;
    signalGroup(this.child.pid, 'SIGKILL');
  }

  /** A signal to the child's whole process group. */
  signal(signal: NodeJS.Signals): void {
    if (!this.exitedFlag) signalGroup(this.child?.pid, signal);
  }

  // One line to the child's stdin; false when it cannot take it any more.
  write(line: string): boolean {
    const stdin = this.child?.stdin;
    if (!stdin || stdin.writableEnded || stdin.destroyed || this.exitRecord) return false;
    stdin.write(`${line}\n`);
    return true;
  }

  /** No more input: the child reads end-of-file. */
  endInput(): void {
    this.child?.stdin?.end();
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Started and not yet exited. */
  get running(): boolean {
    return this.child !== undefined && !this.exitedFlag;
  }

  get stopping(): boolean {
    return this.stopRequested;
  }

  get exit(): ChildExit | undefined {
    return this.exitRecord;
  }

  private onStderr(line: string): void {
    if (this.options.keepInTail?.(line) ?? true) this.pushTail(line);
    this.options.onStderrLine?.(line);
  }

  private pushTail(line: string): void {
    this.stderrTail.push(line);
    if (this.stderrTail.length > (this.options.stderrTailLines ?? 30)) this.stderrTail.shift();
  }
}
