// Shell hooks in MediaMTX's style: each event starts its command (no shell) with the facts in the
// environment. A hook still running when its event ends (its client left, the job stopped) gets
// SIGTERM, then SIGKILL. A failing or hanging hook is reported and never waited for by the stream.
import { SupervisedChild } from '../process/supervised-child.js';
import { commandWords } from './command-words.js';
import { hookEnvironment, lifetimeKey, type HookEvent, type HookEventName } from './hook-events.js';

export interface HookFailure {
  event: HookEventName;
  command: string;
  reason: string;
}

export interface HookRunnerOptions {
  /** The command of each event that has one. */
  commands: Partial<Record<HookEventName, string>>;
  /** The job's command name (LYDLR_COMMAND). */
  jobCommand: string;
  env: NodeJS.ProcessEnv;
  onFailure: (failure: HookFailure) => void;
  /** How long a hook may take to exit after SIGTERM. */
  termGraceMs?: number;
}

interface Running {
  child: SupervisedChild;
  done: Promise<unknown>;
  key: string;
  event: string;
}

// Hooks for an event that is over once it happened: they are given time to finish when the job ends.
const ONE_SHOT = new Set(['exit', 'segment-complete']);

export class HookRunner {
  private readonly running = new Set<Running>();

  constructor(private readonly options: HookRunnerOptions) {}

  /** Starts the event's hook, if it has one; returns at once. */
  fire(event: HookEvent): void {
    const command = this.options.commands[event.event];
    if (!command) return;
    const [file, ...args] = commandWords(command);
    const child = new SupervisedChild({
      file: file!,
      args,
      env: { ...this.options.env, ...hookEnvironment(this.options.jobCommand, event) },
      stopTimeoutMs: this.options.termGraceMs ?? 5000,
      requestStop: (c) => c.signal('SIGTERM'),
    });
    const entry: Running = { child, key: lifetimeKey(event), event: event.event, done: Promise.resolve() };
    entry.done = child.start().then((exit) => {
      this.running.delete(entry);
      const reason = exit.spawnError ?? (exit.stopRequested ? undefined : exit.signal ? `killed by ${exit.signal}` : exit.exitCode ? `exit ${exit.exitCode}` : undefined);
      if (reason) this.options.onFailure({ event: event.event, command, reason });
    });
    this.running.add(entry);
    if (event.event === 'client-disconnect') this.end(lifetimeKey({ event: 'client-connect', facts: event.facts }));
  }

  /** SIGTERM to the hooks tied to an event that has ended (a client's, on its disconnect). */
  end(key: string): void {
    for (const entry of this.running) if (entry.key === key) entry.child.stop();
  }

  // The job is over: SIGTERM to the hooks that live as long as something that has ended (the stream,
  // a client); up to `graceMs` for the one-shot hooks (on-exit, a segment that completed) to finish
  // (then SIGTERM), and resolves once they are all gone.
  async close(graceMs: number): Promise<void> {
    for (const entry of this.running) if (!ONE_SHOT.has(entry.event)) entry.child.stop();
    const all = () => Promise.all([...this.running].map((e) => e.done));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all(), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    for (const entry of this.running) entry.child.stop();
    await all();
  }
}
