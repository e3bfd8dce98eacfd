// The command table: one command per job of the registry (src/jobs), then the tool commands
// (defs/<name>.ts). Every command's work is imported inside its action, so --help stays fast.
import { Command, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { defineDoctor } from './defs/doctor.js';
import { definePlugins } from './defs/plugins.js';
import { defineStatus } from './defs/status.js';
import { defineDiagnostics } from './defs/diagnostics.js';
import { defineCompletion } from './defs/completion.js';
import { defineDeepstream } from './defs/deepstream.js';
import { defineServe } from './defs/serve.js';
import { defineQueue } from './defs/queue.js';
import { defineWorker } from './defs/worker.js';
import { defineChunk } from './defs/chunk.js';
import { addJobCommand } from './job-command.js';
import { helpOutput } from './help-output.js';
import { allJobs } from '../jobs/index.js';
import type { JobSpec } from '../jobs/spec.js';

const EXAMPLES = `
Examples:
  $ lydlr-gst test                                  # is GStreamer working?
  $ lydlr-gst launch "videotestsrc num-buffers=300 ! x264enc ! fakesink"
  $ lydlr-gst launch --json videotestsrc num-buffers=60 ! fakesink
  $ lydlr-gst completion bash > /etc/bash_completion.d/lydlr-gst

Exit codes: 0 ok · 1 the job failed · 2 bad usage or input · 3 missing GStreamer part · 130 interrupted
Environment: GSTREAMER_PLUGINS_PATH, GSTREAMER_DEBUG (0-5), DEEPSTREAM_ENABLED, NVIDIA_DEEPSTREAM_PATH, NO_COLOR`;

// The tool commands, by the name each defines.
const TOOLS: Record<string, (program: Command) => void> = {
  doctor: defineDoctor, plugins: definePlugins, status: defineStatus, diagnostics: defineDiagnostics, completion: defineCompletion,
  serve: defineServe, deepstream: defineDeepstream, queue: defineQueue, worker: defineWorker, chunk: defineChunk,
};

/**
 * `only`: the first word of the command line. When it names a command, only that one is defined
 * (~3 ms of every start); anything else (top-level help, a mistyped name to suggest for, completions)
 * gets them all.
 */
export function buildProgram(jobs: readonly JobSpec[] = allJobs(), only?: string): Command {
  const program = new Command('lydlr-gst')
    .description('Everyday GStreamer video jobs as correct pipelines, with typed status.')
    .version(packageVersion(), '-V, --version')
    .option('--json', 'machine output: one JSON object per stdout line, the last is the result')
    .option('-q, --quiet', 'print only errors and the result')
    .option('--no-color', 'no colours (also: NO_COLOR=1)')
    .addOption(new Option('--log-level <level>', 'chatter to show').choices(['error', 'warn', 'info', 'debug']).default('info'))
    .addOption(new Option('--gst-debug <n>', 'GStreamer debug level 0-5 for children (GST_DEBUG)').argParser(parseDebugLevel))
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXAMPLES);
  // Set before subcommands are defined so they inherit them: main.ts maps commander errors to exit 2.
  program.exitOverride();
  program.configureOutput(helpOutput());

  // Every job from the registry, then the tools around them (doctor, plugins, serve…).
  const named = only !== undefined && (jobs.some((spec) => spec.command[0] === only) || Object.hasOwn(TOOLS, only)) ? only : undefined;
  for (const spec of jobs) if (named === undefined || spec.command[0] === named) addJobCommand(program, spec);
  for (const [name, define] of Object.entries(TOOLS)) if (named === undefined || name === named) define(program);
  return program;
}

function parseDebugLevel(value: string): number {
  if (!/^[0-5]$/.test(value)) throw new InvalidArgumentError(`must be a number from 0 to 5, got "${value}"`);
  return Number(value);
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
