// A child that can never outlive us: setpriv --pdeathsig makes the kernel SIGKILL it when our
// process dies without cleaning up (SIGKILL, a crash), where no 'exit' handler would run.
import { existsSync } from 'node:fs';

export const SETPRIV = '/usr/bin/setpriv';

// [file, args] to spawn: the command under setpriv when the system has it, else the command itself.
export function guardedCommand(file: string, args: string[]): [string, string[]] {
  if (existsSync(SETPRIV)) return [SETPRIV, ['--pdeathsig', 'KILL', '--', file, ...args]];
  return [file, args];
}

// Signals a child's whole process group (children are spawned detached, as group leaders).
export function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
