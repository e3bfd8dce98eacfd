// SIGINT/SIGTERM taken from the first moment of a command, kept until the server or publisher
// exists to act on it: a Ctrl-C during the input probe still ends in a clean stop and exit 0.
import type { JobContext } from '../context.js';

export type StopHandler = (hard: boolean) => void;

export class StopLatch {
  private count = 0;
  private handler: StopHandler | undefined;
  private readonly unsubscribe: () => void;

  constructor(ctx: JobContext, what: string) {
    this.unsubscribe = ctx.stop.onStop((hard, reason) => {
      this.count = hard ? 2 : 1;
      if (!hard) ctx.reporter.log('warn', `${reason}: stopping the ${what}… press Ctrl-C again to quit at once`);
      this.handler?.(hard);
    });
  }

  get requested(): boolean {
    return this.count > 0;
  }

  /** What to do on a signal; runs at once if one already came. */
  set(handler: StopHandler): void {
    this.handler = handler;
    if (this.count > 0) handler(this.count > 1);
  }

  dispose(): void {
    this.unsubscribe();
  }
}
