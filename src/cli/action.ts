// The commander action for a command, kept tiny: --help must not load what running a command needs.
import type { EarlyStart, JobRunner } from '../jobs/spec.js';

export type { EarlyStart };
export type CommandRunner = JobRunner;

export function action(name: string, load: () => Promise<JobRunner>, earlyStart?: EarlyStart) {
  return async (...args: unknown[]): Promise<void> => {
    // commander passes the positional values, then the options, then the command.
    const stopUnused = earlyStart?.(args.slice(0, -2), args[args.length - 2] as Record<string, unknown>).catch(() => undefined);
    const { runAction } = await import('./run-command.js');
    try {
      await runAction(name, load, args);
    } finally {
      (await stopUnused)?.();
    }
  };
}
