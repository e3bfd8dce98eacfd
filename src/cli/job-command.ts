// A job spec as a commander command: its arguments, flags and help text, and an action that loads
// the job's code only when it runs (so --help stays fast).
import { Command, Option } from 'commander';
import type { FlagSpec } from '../jobs/flags.js';
import type { JobSpec } from '../jobs/spec.js';
import { action } from './action.js';
import { cliParser } from './parse-options.js';

export function addJobCommand(program: Command, spec: JobSpec): Command {
  const parent = parentOf(program, spec.command.slice(0, -1));
  const command = parent.command(spec.command[spec.command.length - 1]!).description(spec.summary);
  for (const arg of spec.args) {
    const syntax = arg.required ? `<${arg.name}${arg.variadic ? '...' : ''}>` : `[${arg.name}${arg.variadic ? '...' : ''}]`;
    command.argument(syntax, arg.help, arg.default);
  }
  for (const flag of spec.flags) command.addOption(toOption(flag));
  if (spec.help) command.addHelpText('after', spec.help);
  return command.action(action(spec.command.join(' '), withQuietSummary(spec.load), spec.earlyStart));
}

// A job's human lines summarise work already done: -q leaves them out (errors and --json's result
// line stay). A dry run's lines are the pipeline asked for, so they stay.
function withQuietSummary(load: JobSpec['load']): JobSpec['load'] {
  return async () => {
    const run = await load();
    return async (ctx, ...args) => {
      const result = await run(ctx, ...args);
      return ctx.options.quiet && result.data.dryRun !== true ? { ...result, lines: undefined } : result;
    };
  };
}

// The command under which a job's last word goes (`deepstream` for `deepstream inference`), made when missing.
function parentOf(program: Command, words: readonly string[]): Command {
  let parent = program;
  for (const word of words) parent = parent.commands.find((c) => c.name() === word) ?? parent.command(word);
  return parent;
}

function toOption(flag: FlagSpec): Option {
  const option = new Option(flag.flags, flag.help);
  if (flag.choices) option.choices([...flag.choices]);
  if (flag.parse) option.argParser(cliParser(flag.parse));
  if (flag.repeatable) option.argParser((value: string, previous: unknown[] = []) => [...previous, flag.parse ? cliParser(flag.parse)(value) : value]);
  if (flag.default !== undefined) option.default(flag.default);
  if (flag.conflicts) option.conflicts([...flag.conflicts]);
  if (flag.required) option.makeOptionMandatory();
  return option;
}

