// A CommandContext for library use: no terminal output; events go to the caller's listeners.
import { CommandContext } from '../cli/context.js';
import type { AppEvent, Reporter } from '../report/reporter.js';
import type { GstEvent } from '../gst/events.js';

export type JobListener = (event: GstEvent | AppEvent) => void;

export function libraryContext(command: string, listeners: Set<JobListener>): CommandContext {
  const reporter: Reporter = {
    event: (event) => listeners.forEach((l) => l(event)),
    log: () => {},
    result: () => {},
    close: () => {},
  };
  return new CommandContext(command, { json: true, quiet: true, color: false, logLevel: 'error', gstDebug: undefined }, reporter);
}
