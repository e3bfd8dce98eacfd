// launch: run any gst-launch-1.0 pipeline with typed events, progress, stats and --json (the escape hatch).
import { positiveNumber } from '../flags.js';
import { defineJob } from '../spec.js';

export interface LaunchFlags {
  dryRun?: boolean;
  timeout?: number;
  duration?: number;
}

export const launch = defineJob({
  command: ['launch'],
  summary: 'run a gst-launch-1.0 pipeline with typed events, progress and stats (the escape hatch)',
  args: [{ name: 'pipeline', variadic: true, required: true, help: 'pipeline description, as one quoted string or as separate words' }],
  flags: [
    { flags: '--dry-run', help: 'print the command that would run, and exit' },
    { flags: '--timeout <seconds>', help: 'stop gracefully (EOS) after this long', parse: positiveNumber('--timeout') },
    { flags: '--duration <seconds>', help: 'media duration, for percent/ETA when the pipeline cannot tell', parse: positiveNumber('--duration') },
  ],
  help: `
Examples:
  $ lydlr-gst launch "videotestsrc num-buffers=600 ! x264enc ! fakesink"
  $ lydlr-gst launch --json videotestsrc is-live=true ! fakesink --timeout 5
  $ lydlr-gst launch 'filesrc location="my clip.mp4" ! decodebin ! fakesink'

Ctrl-C sends EOS (files are finalized) and exits 130; a second Ctrl-C stops at once.`,
  load: async () => (await import('./entry.js')).runLaunch,
});
