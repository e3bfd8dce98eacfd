// The commander action for a command, kept tiny: --help must not load what running a command needs.
import type { CommandContext, CommandResult } from './context.js';

export type CommandRunner<Args extends unknown[]> = (ctx: CommandContext, ...args: Args) => Promise<CommandResult>;

/**
 * Work a command can start from its raw arguments while its modules load (e.g. probing input
 * files); resolves to a function that stops whatever the command did not use.
 */
export type EarlyStart = (positional: unknown[]) => Promise<() => void>;

export function action<Args extends unknown[]>(name: string, load: () => Promise<CommandRunner<Args>>, earlyStart?: EarlyStart) {
  return async (...args: unknown[]): Promise<void> => {
    const stopUnused = earlyStart?.(args.slice(0, -1)).catch(() => undefined);
    const { runAction } = await import('./run-command.js');
    try {
      await runAction(name, load, args);
    } finally {
      (await stopUnused)?.();
    }
  };
}
