// A long-lived helper program (the Python hosts for webrtcbin and gst-rtsp-server), supervised:
// the config is its first stdin line, commands follow as NDJSON, its stdout is NDJSON events.
// It runs as a supervised child (own process group, setpriv --pdeathsig: never orphaned), and
// stop() gives it a deadline before the group is killed.
import { EventEmitter } from 'node:events';
import { SupervisedChild } from '../process/supervised-child.js';

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
  private readonly child: SupervisedChild;
  private exitPromise: Promise<HelperExit> | undefined;
  private exitInfo: HelperExit | undefined;
  private lastError: HelperEvent | undefined;

  constructor(private readonly options: HelperOptions) {
    this.emitter.setMaxListeners(0);
    this.child = new SupervisedChild({
      file: options.interpreter,
      args: options.args,
      env: options.env,
      stdin: true,
      onStdoutLine: (line) => this.onStdout(line),
      stderrTailLines: STDERR_LINES,
      stopTimeoutMs: options.stopTimeoutMs ?? 5000,
      // Graceful: a stop command and the end of stdin; the group is killed after the deadline.
      requestStop: (child) => {
        child.write(JSON.stringify({ cmd: 'stop' }));
        child.endInput();
      },
    });
  }

  // Spawns the helper and sends the config; the promise settles when it has exited (never rejects).
  start(): Promise<HelperExit> {
    if (this.exitPromise) return this.exitPromise;
    this.exitPromise = this.child.start().then((exit) => {
      this.exitInfo = {
        exitCode: exit.exitCode, signal: exit.signal, stopRequested: exit.stopRequested, killed: exit.killed,
        error: this.lastError, stderrTail: exit.stderrTail, durationMs: exit.durationMs,
      };
      this.emitter.emit('exit', this.exitInfo);
      return this.exitInfo;
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
    return this.child.write(JSON.stringify(message));
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
    if (!this.exitInfo && !this.child.stopping) this.child.stop();
    return exited;
  }

  /** Kills the helper's process group now. */
  kill(): void {
    this.child.kill();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.running;
  }

  private onStdout(line: string): void {
    const event = parseEvent(line);
    if (event.type === 'error') this.lastError = event;
    this.emitter.emit('event', event);
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
