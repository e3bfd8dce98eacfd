// The entry point: parse argv and run one command; exit codes come from run-command.ts.
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { installSignalHandlers } from './signals.js';
import { ExitCode } from '../errors.js';
import { parseErrorRecord, wantsJson } from './parse-error.js';
import { helpOnly } from './help-output.js';

export async function main(): Promise<void> {
  installSignalHandlers();
  // A closed pipe on stdout (| head) is not an error worth a stack trace. (Help is written without
  // process.stdout, which costs a help run time to make: help-output.ts.)
  if (!helpOnly(process.argv.slice(2))) {
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    });
  }
  // Jobs from LYDLR_JOBS join the registry before the command table is made from it.
  if (process.env.LYDLR_JOBS) await (await import('../jobs/index.js')).loadExtraJobs();
  const program = buildProgram(undefined, process.argv[2]);
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // Help and version are successes; every other commander complaint is bad usage (exit 2).
    const benign = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
    process.exitCode = benign.includes(error.code) ? ExitCode.ok : ExitCode.usage;
    if (process.exitCode === ExitCode.usage && wantsJson(process.argv.slice(2))) {
      const record = parseErrorRecord(process.argv.slice(2), program.commands.map((c) => c.name()), error);
      process.stdout.write(`${JSON.stringify(record)}\n`);
    }
  }
}
