// One job's process: the built CLI itself (`node bin/lydlr-gst.js --json <command> …`, argv, no
// shell), in its own process group and under setpriv --pdeathsig (it dies with us, never orphaned).
// Its stdout is NDJSON events; stop() is the user's Ctrl-C (SIGINT: EOS, files finalized), then
// SIGKILL to the group after the timeout.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LineSplitter } from '../gst/lines.js';
import { guardedCommand, signalGroup } from '../gst/spawn-guarded.js';
import type { JobEvent } from './job.js';

export const CLI_BIN = fileURLToPath(new URL('../../bin/lydlr-gst.js', import.meta.url));

export interface JobExit {
  exitCode: number | null;
  signal: string | null;
  /** SIGKILL was needed: the process did not stop within the timeout. */
  killed: boolean;
  stderrTail: string[];
  /** The process could not be started at all. */
  spawnError?: string;
}

/** What the job manager needs of a process (tests give it fakes). */
export interface JobRunner {
  start(onEvent: (event: JobEvent) => void): Promise<JobExit>;
  stop(): void;
  kill(): void;
  readonly pid: number | undefined;
}

export interface JobProcessOptions {
  /** Arguments after the script: --json, the command words, flags. */
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stopTimeoutMs: number;
  /** The script to run with node (default: our own bin/lydlr-gst.js). */
  script?: string;
}

const STDERR_LINES = 30;
const STACK_FRAME = /^\s+at .+(\(|:\d+)/;

export class JobProcess implements JobRunner {
  private child: ChildProcess | undefined;
  private exited = false;
  private stopping = false;
  private killed = false;
  private killTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: JobProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  // Spawns the process; settles when it has exited and its output is read (never rejects).
  start(onEvent: (event: JobEvent) => void): Promise<JobExit> {
    const [file, args] = guardedCommand(process.execPath, [this.options.script ?? CLI_BIN, ...this.options.args]);
    const child = spawn(file, args, { cwd: this.options.cwd, env: this.options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.child = child;
    const stderrTail: string[] = [];
    const out = new LineSplitter((line) => {
      const event = parseEvent(line);
      if (event) onEvent(event);
    });
    const err = new LineSplitter((line) => {
      if (STACK_FRAME.test(line)) return; // never handed to API clients
      stderrTail.push(line);
      if (stderrTail.length > STDERR_LINES) stderrTail.shift();
      onEvent({ type: 'log', stream: 'stderr', message: line });
    });
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    live.add(this);
    installExitHook();
    return new Promise((resolve) => {
      let settled = false;
      const settle = (exitCode: number | null, signal: NodeJS.Signals | null, spawnError?: string) => {
        if (settled) return;
        settled = true;
        this.exited = true;
        clearTimeout(this.killTimer);
        live.delete(this);
        out.end();
        err.end();
        resolve({ exitCode, signal, killed: this.killed, stderrTail, ...(spawnError ? { spawnError } : {}) });
      };
      child.once('exit', () => (this.exited = true));
      child.once('close', (code, signal) => settle(code, signal));
      child.once('error', (error) => settle(null, null, error.message));
    });
  }

  // First call: SIGINT to the group (the CLI stops its pipeline gracefully); SIGKILL after the
  // timeout. A second call kills at once.
  stop(): void {
    if (!this.child || this.exited) return;
    if (this.stopping) return this.kill();
    this.stopping = true;
    this.signal('SIGINT');
    this.killTimer = setTimeout(() => this.kill(), this.options.stopTimeoutMs);
    this.killTimer.unref();
  }

  kill(): void {
    if (!this.child || this.exited) return;
    clearTimeout(this.killTimer);
    this.killed = true;
    this.signal('SIGKILL');
  }

  private signal(signal: NodeJS.Signals): void {
    if (!this.exited) signalGroup(this.child?.pid, signal);
  }
}

// If serve exits without stopping its jobs (an uncaught error), their groups go with it; setpriv's
// death signal covers the cases where no handler runs at all.
const live = new Set<JobProcess>();
let exitHook = false;
function installExitHook(): void {
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const job of live) job.kill();
  });
}

// One NDJSON line → an event with a string type; anything else is ignored.
export function parseEvent(line: string): JobEvent | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line) as unknown;
    return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' ? (value as JobEvent) : undefined;
  } catch {
    return undefined;
  }
}
