// What each job of the registry needs, by the name doctor uses for it (the job's first command word).
import { allJobs } from '../jobs/index.js';
import type { GiNamespace } from '../server/python.js';
import type { CommandNeeds } from './needs.js';

/** The commands doctor checks: every job that declares what it needs, in registry order. */
export function healthCommands(): string[] {
  return [...new Set(allJobs().filter((s) => s.requires).map((s) => s.command[0]!))];
}

export function needsOf(command: string): CommandNeeds | undefined {
  return allJobs().find((s) => s.requires && s.command[0] === command)?.requires;
}

export function pythonNamespaces(commands: readonly string[]): GiNamespace[] {
  return [...new Set(commands.flatMap((c) => needsOf(c)?.python ?? []))];
}

/** Jobs whose readiness comes from the DeepStream status check. */
export const needsDeepstream = (command: string): boolean => needsOf(command)?.deepstream === true;
