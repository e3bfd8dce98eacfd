// --json: one JSON object per stdout line; human chatter goes to stderr.
import type { AppEvent, LogLevel, Reporter, ReporterOptions, ResultRecord } from './reporter.js';
import { shouldLog } from './reporter.js';
import type { GstEvent } from '../gst/launch/events.js';

const QUIET_KEEPS = new Set(['error', 'ready']);

export class JsonReporter implements Reporter {
  private readonly out: NodeJS.WritableStream;
  private readonly err: NodeJS.WritableStream;

  constructor(private readonly options: ReporterOptions) {
    this.out = options.stdout ?? process.stdout;
    this.err = options.stderr ?? process.stderr;
  }

  // -q: errors and the result only; a server's "ready" stays too, since it is how a script learns the address.
  event(event: GstEvent | AppEvent): void {
    if (this.options.quiet && !QUIET_KEEPS.has(event.type)) return;
    this.write(event);
  }

  log(level: LogLevel, message: string): void {
    if (this.options.quiet && level !== 'error') return;
    if (!shouldLog(this.options.logLevel, level)) return;
    this.err.write(`${message}\n`);
  }

  result(record: ResultRecord): void {
    this.write(record);
  }

  close(): void {}

  private write(value: unknown): void {
    this.out.write(`${JSON.stringify(value)}\n`);
  }
}
