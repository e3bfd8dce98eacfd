// What every command gets: global options, validated env, a reporter, and interrupt hooks.
import type { LydlrEnv } from '../config/env.js';
import { readEnv, gstChildEnv } from '../config/env.js';
import type { LogLevel, Reporter } from '../report/reporter.js';
import type { ExitCodeValue } from '../errors.js';

export interface GlobalOptions {
  json: boolean;
  quiet: boolean;
  color: boolean;
  logLevel: LogLevel;
  gstDebug: number | undefined;
}

/** What a command returns: main.ts turns it into the result line and the exit code. */
export interface CommandResult {
  ok: boolean;
  exitCode?: ExitCodeValue;
  /** Fields of the --json result record (beside type, ok, command). */
  data: Record<string, unknown>;
  /** The human summary printed on stdout. */
  lines?: string[];
}

export type InterruptHandler = (signal: NodeJS.Signals, count: number) => void;

export class CommandContext {
  private envCache: LydlrEnv | undefined;
  private readonly interruptHandlers = new Set<InterruptHandler>();

  constructor(
    readonly command: string,
    readonly options: GlobalOptions,
    readonly reporter: Reporter,
  ) {}

  /** Our env vars, validated on first use (an invalid value throws a UsageError, exit 2). */
  get env(): LydlrEnv {
    this.envCache ??= readEnv();
    return this.envCache;
  }

  /** The environment for GStreamer children. */
  childEnv(extraPluginPaths: string[] = []): NodeJS.ProcessEnv {
    return gstChildEnv(this.env, { gstDebug: this.options.gstDebug, extraPluginPaths });
  }

  /** Run `handler` on SIGINT/SIGTERM instead of exiting; returns the unsubscribe. */
  onInterrupt(handler: InterruptHandler): () => void {
    this.interruptHandlers.add(handler);
    return () => this.interruptHandlers.delete(handler);
  }

  /** Called by main.ts; true when some command took the signal. */
  dispatchInterrupt(signal: NodeJS.Signals, count: number): boolean {
    for (const handler of this.interruptHandlers) handler(signal, count);
    return this.interruptHandlers.size > 0;
  }
}
