// SIGINT/SIGTERM go to the running command (which stops its pipeline gracefully); with none, exit 130.
import { ExitCode } from '../errors.js';
import type { CommandContext } from './context.js';

let activeContext: CommandContext | undefined;
let count = 0;

export function setActiveContext(ctx: CommandContext | undefined): void {
  activeContext = ctx;
}

export function installSignalHandlers(): void {
  const onSignal = (signal: NodeJS.Signals) => {
    count += 1;
    if (activeContext?.dispatchInterrupt(signal, count)) return;
    process.exit(ExitCode.interrupted);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
