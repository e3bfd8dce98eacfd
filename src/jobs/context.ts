// What every job runs with, whoever started it (the CLI, serve's job process, a library class):
// global options, the validated env, a reporter for events and chatter, and one stop request.
import type { LydlrEnv } from '../config/env.js';
import { readEnv, gstChildEnv } from '../config/env.js';
import type { AppEvent, LogLevel, Reporter } from '../report/reporter.js';
import type { GstEvent } from '../gst/launch/events.js';
import type { ExitCodeValue } from '../errors.js';
import { StopRequest } from './stop-request.js';

export interface GlobalOptions {
  json: boolean;
  quiet: boolean;
  color: boolean;
  logLevel: LogLevel;
  gstDebug: number | undefined;
}

/** What a job returns: the caller turns it into the result record and the exit code. */
export interface JobResult {
  ok: boolean;
  exitCode?: ExitCodeValue;
  /** Fields of the --json result record (beside type, ok, command). */
  data: Record<string, unknown>;
  /** The human summary printed on stdout. */
  lines?: string[];
}

export class JobContext {
  private envCache: LydlrEnv | undefined;
  constructor(
    readonly command: string,
    readonly options: GlobalOptions,
    readonly reporter: Reporter,
    /** The environment the job reads its variables from and passes on (default: this process's). */
    readonly processEnv: NodeJS.ProcessEnv = process.env,
    /** Ctrl-C in the CLI, stop() in the library and DELETE in the REST API all end up here. */
    readonly stop: StopRequest = new StopRequest(),
  ) {}

  /** The same job (same stop request) reporting through another reporter (metrics and hooks watch it). */
  withReporter(reporter: Reporter): JobContext {
    return new JobContext(this.command, this.options, reporter, this.processEnv, this.stop);
  }

  /** Our env vars, validated on first use (an invalid value throws a UsageError, exit 2). */
  get env(): LydlrEnv {
    this.envCache ??= readEnv(this.processEnv);
    return this.envCache;
  }

  /** The environment for GStreamer children. */
  childEnv(extraPluginPaths: string[] = []): NodeJS.ProcessEnv {
    return gstChildEnv(this.env, { gstDebug: this.options.gstDebug, extraPluginPaths }, this.processEnv);
  }
}

export type JobListener = (event: GstEvent | AppEvent) => void;

// A context for library use: nothing printed; events go to the caller's listeners.
export function silentContext(command: string, listeners: Set<JobListener>, processEnv: NodeJS.ProcessEnv = process.env): JobContext {
  const reporter: Reporter = {
    event: (event) => listeners.forEach((l) => l(event)),
    log: () => {},
    result: () => {},
    close: () => {},
  };
  return new JobContext(command, { json: true, quiet: true, color: false, logLevel: 'error', gstDebug: undefined }, reporter, processEnv);
}
