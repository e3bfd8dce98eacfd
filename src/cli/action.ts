// The commander action for a command, kept tiny: --help must not load what running a command needs.
import type { CommandContext, CommandResult } from './context.js';

export type CommandRunner<Args extends unknown[]> = (ctx: CommandContext, ...args: Args) => Promise<CommandResult>;

export function action<Args extends unknown[]>(name: string, load: () => Promise<CommandRunner<Args>>) {
  return async (...args: unknown[]): Promise<void> => {
    const { runAction } = await import('./run-command.js');
    await runAction(name, load, args);
  };
}
