// What every command reports through: events while it runs, one result at the end.
import type { GstEvent } from '../gst/launch/events.js';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** The last line of --json output: `{"type":"result","ok":…,"command":…, …}`. */
export interface ResultRecord {
  type: 'result';
  ok: boolean;
  command: string;
  [field: string]: unknown;
}

/** Non-GStreamer events a job may stream (ready, client joined, batch item done…). */
export interface AppEvent {
  type: string;
  [field: string]: unknown;
}

export interface Reporter {
  /** A pipeline or job event; JSON prints it, human shows progress/warnings. */
  event(event: GstEvent | AppEvent): void;
  /** Chatter for people: stderr, never stdout in --json mode. */
  log(level: LogLevel, message: string): void;
  /** The final record; human mode renders `lines` (if any) on stdout instead of JSON. */
  result(record: ResultRecord, lines?: string[]): void;
  /** An event people see as a log line instead (a warning, an error): watchers (metrics, hooks) still get it. */
  observe?(event: AppEvent): void;
  /** Stops spinners and progress bars (before printing errors or exiting). */
  close(): void;
}

export interface ReporterOptions {
  json: boolean;
  quiet: boolean;
  color: boolean;
  logLevel: LogLevel;
  /** Streams are injectable for tests. */
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

const levelOrder: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

// True when a message at `level` should be shown under the chosen --log-level.
export function shouldLog(chosen: LogLevel, level: LogLevel): boolean {
  return levelOrder[level] <= levelOrder[chosen];
}
