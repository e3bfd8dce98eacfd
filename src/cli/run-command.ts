// Wraps a command's work: builds the context, runs it, prints the result or the error, sets the exit code.
import type { Command } from 'commander';
import { JobContext, type GlobalOptions } from '../jobs/context.js';
import type { CommandRunner } from './action.js';
import { setActiveContext } from './signals.js';
import { ExitCode, isLydlrError } from '../errors.js';
import type { Reporter } from '../report/reporter.js';
import { errorRecord, resultRecord } from '../report/result-record.js';

// Runs one command: context, work, result line or error, exit code.
export async function runAction(name: string, load: () => Promise<CommandRunner>, args: unknown[]): Promise<void> {
  const command = args[args.length - 1] as Command;
  const positional = args.slice(0, -1);
  const ctx = await createContext(name, globalOptions(command));
  setActiveContext(ctx);
  try {
    const run = await load();
    const result = await run(ctx, ...positional);
    ctx.reporter.result(resultRecord(name, result), result.lines);
    process.exitCode = result.exitCode ?? (result.ok ? ExitCode.ok : ExitCode.failed);
  } catch (error) {
    process.exitCode = reportError(ctx, error);
  } finally {
    ctx.reporter.close();
    setActiveContext(undefined);
  }
}

export function globalOptions(command: Command): GlobalOptions {
  const o = command.optsWithGlobals() as Record<string, unknown>;
  const noColorEnv = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  const forced = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0';
  const tty = Boolean(process.stderr.isTTY || process.stdout.isTTY);
  return {
    json: Boolean(o.json),
    quiet: Boolean(o.quiet),
    color: o.color !== false && !noColorEnv && (tty || forced),
    logLevel: (o.logLevel as GlobalOptions['logLevel']) ?? 'info',
    gstDebug: o.gstDebug as number | undefined,
  };
}

export async function createContext(name: string, options: GlobalOptions): Promise<JobContext> {
  const reporter: Reporter = options.json
    ? new (await import('../report/json.js')).JsonReporter(options)
    : new (await import('../report/human.js')).HumanReporter(options);
  return new JobContext(name, options, reporter);
}

// Prints an error (red line + fix, or a JSON result) and returns its exit code.
export function reportError(ctx: JobContext, error: unknown): number {
  ctx.reporter.close();
  const known = isLydlrError(error);
  const exitCode = known ? error.exitCode : ExitCode.failed;
  const message = error instanceof Error ? error.message : String(error);
  const fix = known ? error.fix : undefined;
  if (ctx.options.json) {
    ctx.reporter.result(errorRecord(ctx.command, error));
  } else {
    ctx.reporter.log('error', `✗ ${message}`);
    if (fix) ctx.reporter.log('error', `  fix: ${fix}`);
    if (!known && error instanceof Error && error.stack) ctx.reporter.log('debug', error.stack);
  }
  return exitCode;
}
