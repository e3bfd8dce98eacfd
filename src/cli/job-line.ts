// A job's command line read the way its own command reads it (the same commander definition from
// the registry), without running it: for `queue add`, which takes any job's arguments and flags.
import { Command, CommanderError } from 'commander';
import { allJobs } from '../jobs/index.js';
import { jobName, type JobSpec } from '../jobs/spec.js';
import { UsageError } from '../errors.js';
import { addJobCommand } from './job-command.js';

export interface JobLine {
  spec: JobSpec;
  /** Positional values as the job's runner receives them (a variadic argument as one array). */
  args: unknown[];
  /** Every option, defaults included (what the runner receives). */
  options: Record<string, unknown>;
  /** Only the options given on the command line. */
  given: Record<string, unknown>;
}

export function findJob(kind: string): JobSpec {
  const spec = allJobs().find((s) => jobName(s) === kind);
  if (!spec) throw new UsageError(`--kind ${kind}: no such job`, { fix: `Use one of: ${allJobs().map(jobName).join(', ')}.` });
  return spec;
}

export async function parseJobLine(spec: JobSpec, words: string[]): Promise<JobLine> {
  const program = new Command('lydlr-gst').exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  const command = addJobCommand(program, spec);
  let args: unknown[] = [];
  command.action((...values: unknown[]) => {
    args = values.slice(0, -2);
  });
  for (const c of [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)]) c.exitOverride();
  try {
    await program.parseAsync([...spec.command, ...words], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) throw new UsageError(`${jobName(spec)}: ${error.message.replace(/^error: /, '')}`, { fix: `See lydlr-gst ${jobName(spec)} --help.` });
    throw error;
  }
  const options = command.opts();
  const given = Object.fromEntries(Object.entries(options).filter(([key]) => command.getOptionValueSource(key) === 'cli'));
  return { spec, args, options, given };
}
