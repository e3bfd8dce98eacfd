// launch: run any gst-launch-1.0 pipeline with typed events, progress, stats and --json (the escape hatch).
import { positiveNumber } from '../flags.js';
import { defineJob } from '../spec.js';
import { GRAPH_FLAGS, type GraphFlags } from '../graph-flags.js';

export interface LaunchFlags extends GraphFlags {
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
    ...GRAPH_FLAGS,
  ],
  help: `
Examples:
  $ lydlr-gst launch "videotestsrc num-buffers=600 ! x264enc ! fakesink"
  $ lydlr-gst launch --json videotestsrc is-live=true ! fakesink --timeout 5
  $ lydlr-gst launch 'filesrc location="my clip.mp4" ! decodebin ! fakesink'
  $ lydlr-gst launch "videotestsrc num-buffers=60 ! x264enc ! mp4mux ! filesink location=a.mp4" --graph pipeline.svg

Ctrl-C sends EOS (files are finalized) and exits 130; a second Ctrl-C stops at once.`,
  load: async () => (await import('./entry.js')).runLaunch,
});
