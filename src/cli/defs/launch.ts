// `launch <pipeline...>`: run any pipeline with our events, progress, stats and --json.
import { Option, type Command } from 'commander';
import { action } from '../action.js';
import { positiveNumber } from '../parse-options.js';

export interface LaunchFlags {
  dryRun?: boolean;
  timeout?: number;
  duration?: number;
}

export function defineLaunch(program: Command): void {
  program
    .command('launch')
    .description('run a gst-launch-1.0 pipeline with typed events, progress and stats (the escape hatch)')
    .argument('<pipeline...>', 'pipeline description, as one quoted string or as separate words')
    .option('--dry-run', 'print the command that would run, and exit')
    .addOption(new Option('--timeout <seconds>', 'stop gracefully (EOS) after this long').argParser(positiveNumber('--timeout')))
    .addOption(new Option('--duration <seconds>', 'media duration, for percent/ETA when the pipeline cannot tell').argParser(positiveNumber('--duration')))
    .addHelpText('after', `
Examples:
  $ lydlr-gst launch "videotestsrc num-buffers=600 ! x264enc ! fakesink"
  $ lydlr-gst launch --json videotestsrc is-live=true ! fakesink --timeout 5
  $ lydlr-gst launch 'filesrc location="my clip.mp4" ! decodebin ! fakesink'

Ctrl-C sends EOS (files are finalized) and exits 130; a second Ctrl-C stops at once.`)
    .action(action('launch', async () => (await import('../commands/launch.js')).runLaunch));
}
