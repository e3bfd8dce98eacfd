// SIGINT/SIGTERM become a stop request of the running job (graceful first, then hard); a command
// that acts on no stop request (or none running) exits 130 at once.
import { ExitCode } from '../errors.js';
import type { JobContext } from '../jobs/context.js';

let activeContext: JobContext | undefined;

export function setActiveContext(ctx: JobContext | undefined): void {
  activeContext = ctx;
}

export function installSignalHandlers(): void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (activeContext?.stop.handled) {
      activeContext.stop.request(signal);
      return;
    }
    process.exit(ExitCode.interrupted);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
