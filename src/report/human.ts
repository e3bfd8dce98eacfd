// People at a terminal: a spinner/progress line on stderr, coloured warnings and errors, results on stdout.
import { Chalk, type ChalkInstance } from 'chalk';
import type { Ora } from 'ora';
import type { AppEvent, LogLevel, Reporter, ReporterOptions, ResultRecord } from './reporter.js';
import { shouldLog } from './reporter.js';
import type { GstEvent } from '../gst/launch/events.js';
import { renderProgress } from './progress-bar.js';

export class HumanReporter implements Reporter {
  readonly chalk: ChalkInstance;
  private readonly out: NodeJS.WritableStream;
  private readonly err: NodeJS.WritableStream;
  private spinner: Ora | undefined;
  private pendingStatus: string | undefined;
  private closed = false;
  /** ora is loaded only when a terminal will show it (it costs start-up time otherwise). */
  private readonly ora: Promise<typeof import('ora')> | undefined;

  constructor(private readonly options: ReporterOptions) {
    this.out = options.stdout ?? process.stdout;
    this.err = options.stderr ?? process.stderr;
    this.chalk = new Chalk({ level: options.color ? 3 : 0 });
    this.ora = drawable(this.err) && !options.quiet ? import('ora') : undefined;
  }

  event(event: GstEvent | AppEvent): void {
    switch (event.type) {
      case 'progress': {
        const e = event as Extract<GstEvent, { type: 'progress' }>;
        this.status(renderProgress(e));
        return;
      }
      case 'state-changed': {
        const e = event as Extract<GstEvent, { type: 'state-changed' }>;
        if (e.isPipeline && e.newState === 'playing') this.status('Running…');
        return;
      }
      case 'warning': {
        const e = event as Extract<GstEvent, { type: 'warning' }>;
        this.log('warn', `${e.element ? `${e.element}: ` : ''}${e.message}`);
        return;
      }
      case 'status': {
        this.status(String((event as AppEvent).message ?? ''));
        return;
      }
      default: {
        const message = (event as { message?: unknown }).message;
        if (typeof message === 'string' && event.type !== 'error') this.log('info', message);
      }
    }
  }

  log(level: LogLevel, message: string): void {
    if (this.options.quiet && level !== 'error') return;
    if (!shouldLog(this.options.logLevel, level)) return;
    const paint = level === 'error' ? this.chalk.red : level === 'warn' ? this.chalk.yellow : level === 'debug' ? this.chalk.dim : (s: string) => s;
    this.withSpinnerPaused(() => this.err.write(`${paint(message)}\n`));
  }

  result(record: ResultRecord, lines?: string[]): void {
    this.close();
    if (lines && lines.length > 0) this.out.write(`${lines.join('\n')}\n`);
  }

  close(): void {
    this.closed = true;
    this.spinner?.stop();
    this.spinner = undefined;
  }

  // One line that updates in place on a terminal; silent when stderr is not a TTY.
  private status(text: string): void {
    if (!this.ora || this.closed) return;
    if (this.spinner) {
      this.spinner.text = text;
      return;
    }
    const first = this.pendingStatus === undefined;
    this.pendingStatus = text;
    if (!first) return;
    void this.ora.then(({ default: ora, spinners }) => {
      if (this.closed || this.spinner) return;
      // Coloured by our chalk (--no-color, NO_COLOR), not ora's: the bundle's chalk does not detect colour.
      const { interval, frames } = process.env.TERM === 'linux' ? spinners.line : spinners.dots; // as ora picks
      const spinner = { interval, frames: frames.map((f) => this.chalk.cyan(f)) };
      this.spinner = ora({ text: this.pendingStatus ?? text, stream: this.err as NodeJS.WriteStream, spinner, color: false, discardStdin: false, hideCursor: false }).start();
    });
  }

  private withSpinnerPaused(write: () => void): void {
    if (!this.spinner?.isSpinning) return write();
    this.spinner.clear();
    write();
    this.spinner.render();
  }
}

// A terminal that can take a spinner. One of no width (a pseudo-terminal nobody sized: `script`, some
// CI runners) gets plain lines as a pipe does: ora divides by the width to count the lines it must
// clear, and at 0 it wrote "cursor up, clear line" without end (gigabytes in seconds).
function drawable(stream: NodeJS.WritableStream): boolean {
  const tty = stream as NodeJS.WriteStream;
  return Boolean(tty.isTTY) && (tty.columns ?? 80) > 0;
}
