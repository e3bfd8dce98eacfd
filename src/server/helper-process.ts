// A long-lived helper program (the Python hosts for webrtcbin and gst-rtsp-server), supervised:
// the config is its first stdin line, commands follow as NDJSON, its stdout is NDJSON events.
// It runs in its own process group under setpriv --pdeathsig (never orphaned), and stop() gives
// it a deadline before the group is killed. node:child_process rather than execa for the same
// start-up reason as src/gst/launch.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { LineSplitter } from '../gst/lines.js';
import { guardedCommand, signalGroup } from '../gst/spawn-guarded.js';

/** One line the helper printed: `{"type": …, …}`. Lines that are not JSON come as type "output". */
export interface HelperEvent {
  type: string;
  [field: string]: unknown;
}

export interface HelperOptions {
  /** The program, e.g. /usr/bin/python3 (requirePythonBindings()). */
  interpreter: string;
  /** The script and its arguments. */
  args: string[];
  /** Written as the first stdin line, as JSON. */
  config: unknown;
  /** The child's environment, complete. */
  env?: NodeJS.ProcessEnv;
  /** After stop(), how long the helper may take before its process group is killed. */
  stopTimeoutMs?: number;
}

export interface HelperExit {
  exitCode: number | undefined;
  signal: string | undefined;
  /** stop() was called. */
  stopRequested: boolean;
  /** The group had to be killed (no clean exit in time, or kill()). */
  killed: boolean;
  /** The last `{"type":"error"}` the helper printed (its reason for a non-zero exit). */
  error: HelperEvent | undefined;
  stderrTail: string[];
  durationMs: number;
}

/** waitFor() lost its event: the helper exited first, or the time ran out. */
export class HelperWaitError extends Error {
  constructor(message: string, readonly exit: HelperExit | undefined) {
    super(message);
    this.name = 'HelperWaitError';
  }
}

const STDERR_LINES = 40;

// One helper process; its state lives here.
export class HelperProcess {
  private readonly emitter = new EventEmitter();
  private readonly stderrTail: string[] = [];
  private child: ChildProcess | undefined;
  private exitPromise: Promise<HelperExit> | undefined;
  private exitInfo: HelperExit | undefined;
  private lastError: HelperEvent | undefined;
  private stopRequested = false;
  private killed = false;
  private killTimer: NodeJS.Timeout | undefined;
  private readonly startedAt = performance.now();

  constructor(private readonly options: HelperOptions) {
    this.emitter.setMaxListeners(0);
  }

  // Spawns the helper and sends the config; the promise settles when it has exited (never rejects).
  start(): Promise<HelperExit> {
    if (this.exitPromise) return this.exitPromise;
    const [file, args] = guardedCommand(this.options.interpreter, this.options.args);
    const child = spawn(file, args, { env: this.options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.child = child;
    const killGroupOnExit = () => this.signalGroup('SIGKILL');
    process.once('exit', killGroupOnExit);
    const out = new LineSplitter((line) => this.onStdout(line));
    const err = new LineSplitter((line) => this.onStderr(line));
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.stdin?.on('error', () => {}); // EPIPE when the helper is gone: exit handling reports it
    this.exitPromise = new Promise<HelperExit>((resolve) => {
      const settle = (code: number | null, signal: NodeJS.Signals | null) => {
        if (this.exitInfo) return;
        out.end();
        err.end();
        process.off('exit', killGroupOnExit);
        clearTimeout(this.killTimer);
        this.exitInfo = {
          exitCode: code ?? undefined, signal: signal ?? undefined, stopRequested: this.stopRequested, killed: this.killed,
          error: this.lastError, stderrTail: [...this.stderrTail], durationMs: Math.round(performance.now() - this.startedAt),
        };
        this.emitter.emit('exit', this.exitInfo);
        resolve(this.exitInfo);
      };
      // 'close' comes after both output streams ended, so no event is lost.
      child.once('close', settle);
      child.once('error', (error: NodeJS.ErrnoException) => {
        this.pushStderr(`${file}: ${error.message}`);
        settle(null, null);
      });
    });
    this.send(this.options.config);
    return this.exitPromise;
  }

  /** Every event; returns the unsubscribe. */
  on(listener: (event: HelperEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /** Called once when the helper has exited. */
  onExit(listener: (exit: HelperExit) => void): () => void {
    if (this.exitInfo) listener(this.exitInfo);
    else this.emitter.once('exit', listener);
    return () => this.emitter.off('exit', listener);
  }

  // One JSON line to the helper's stdin; false when it cannot take it any more.
  send(message: unknown): boolean {
    const stdin = this.child?.stdin;
    if (!stdin || stdin.writableEnded || stdin.destroyed || this.exitInfo) return false;
    stdin.write(`${JSON.stringify(message)}\n`);
    return true;
  }

  // The first event matching `match`; rejects with HelperWaitError on exit or timeout.
  waitFor(match: (event: HelperEvent) => boolean, timeoutMs: number, what = 'an event'): Promise<HelperEvent> {
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        offEvent();
        offExit();
      };
      const offEvent = this.on((event) => {
        if (!match(event)) return;
        done();
        resolve(event);
      });
      const offExit = this.onExit((exit) => {
        done();
        reject(new HelperWaitError(`the helper exited (${describeExit(exit)}) before ${what}`, exit));
      });
      const timer = setTimeout(() => {
        done();
        reject(new HelperWaitError(`no ${what} from the helper within ${timeoutMs} ms`, undefined));
      }, timeoutMs);
    });
  }

  // Graceful: a stop command and end of stdin; the process group is killed after the deadline.
  stop(): Promise<HelperExit> {
    const exited = this.start();
    if (this.exitInfo || this.stopRequested) return exited;
    this.stopRequested = true;
    this.send({ cmd: 'stop' });
    this.child?.stdin?.end();
    this.killTimer = setTimeout(() => this.kill(), this.options.stopTimeoutMs ?? 5000);
    this.killTimer.unref();
    return exited;
  }

  /** Kills the helper's process group now. */
  kill(): void {
    if (!this.child || this.exitInfo) return;
    this.killed = true;
    this.signalGroup('SIGKILL');
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.exitInfo === undefined;
  }

  private onStdout(line: string): void {
    const event = parseEvent(line);
    if (event.type === 'error') this.lastError = event;
    this.emitter.emit('event', event);
  }

  private onStderr(line: string): void {
    this.pushStderr(line);
  }

  private pushStderr(line: string): void {
    this.stderrTail.push(line);
    if (this.stderrTail.length > STDERR_LINES) this.stderrTail.shift();
  }

  private signalGroup(signal: NodeJS.Signals): void {
    signalGroup(this.child?.pid, signal);
  }
}

// A stdout line as an event; anything that is not a JSON object is kept as {type: "output"}.
export function parseEvent(line: string): HelperEvent {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as HelperEvent).type === 'string') return value as HelperEvent;
  } catch {
    // Not JSON.
  }
  return { type: 'output', line };
}

// "exit 3", "signal SIGKILL": for messages.
export function describeExit(exit: HelperExit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit ${exit.exitCode ?? '?'}`;
}
