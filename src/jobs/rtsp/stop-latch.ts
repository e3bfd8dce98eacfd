// SIGINT/SIGTERM taken from the first moment of a command, kept until the server or publisher
// exists to act on it: a Ctrl-C during the input probe still ends in a clean stop and exit 0.
import type { CommandContext } from '../../cli/context.js';

export type StopHandler = (hard: boolean) => void;

export class StopLatch {
  private count = 0;
  private handler: StopHandler | undefined;
  private readonly unsubscribe: () => void;

  constructor(ctx: CommandContext, what: string) {
    this.unsubscribe = ctx.onInterrupt((signal, count) => {
      this.count = count;
      if (count === 1) ctx.reporter.log('warn', `${signal}: stopping the ${what}… press Ctrl-C again to quit at once`);
      this.handler?.(count > 1);
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
