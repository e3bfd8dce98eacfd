// One job's process: the built CLI itself (`node bin/lydlr-gst.cjs --json <command> …`, argv, no
// shell), in its own process group and under setpriv --pdeathsig (it dies with us, never orphaned).
// Its stdout is NDJSON events; stop() is the user's Ctrl-C (SIGINT: EOS, files finalized), then
// SIGKILL to the group after the timeout.
import { fileURLToPath } from 'node:url';
import { SupervisedChild } from '../process/supervised-child.js';
import type { JobEvent } from './job.js';

export const CLI_BIN = fileURLToPath(new URL('../../bin/lydlr-gst.cjs', import.meta.url));

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
  /** The script to run with node (default: our own bin/lydlr-gst.cjs). */
  script?: string;
}

const STDERR_LINES = 30;
const STACK_FRAME = /^\s+at .+(\(|:\d+)/;

export class JobProcess implements JobRunner {
  private child: SupervisedChild | undefined;

  constructor(private readonly options: JobProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  // Spawns the process; settles when it has exited and its output is read (never rejects).
  async start(onEvent: (event: JobEvent) => void): Promise<JobExit> {
    this.child = new SupervisedChild({
      file: process.execPath,
      args: [this.options.script ?? CLI_BIN, ...this.options.args],
      cwd: this.options.cwd,
      env: this.options.env,
      onStdoutLine: (line) => {
        const event = parseEvent(line);
        if (event) onEvent(event);
      },
      onStderrLine: (line) => {
        if (!STACK_FRAME.test(line)) onEvent({ type: 'log', stream: 'stderr', message: line });
      },
      keepInTail: (line) => !STACK_FRAME.test(line), // never handed to API clients
      stderrTailLines: STDERR_LINES,
      // The user's Ctrl-C: SIGINT to the group (the CLI stops its pipeline gracefully).
      stopTimeoutMs: this.options.stopTimeoutMs,
    });
    const exit = await this.child.start();
    return {
      exitCode: exit.exitCode ?? null, signal: exit.signal ?? null, killed: exit.killed, stderrTail: exit.stderrTail,
      ...(exit.spawnError ? { spawnError: exit.spawnError } : {}),
    };
  }

  // First call: SIGINT to the group; SIGKILL after the timeout. A second call kills at once.
  stop(): void {
    this.child?.stop();
  }

  kill(): void {
    this.child?.kill();
  }
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
