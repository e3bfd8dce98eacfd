// Runs one pipeline for a command: events to the reporter, Ctrl-C to a graceful stop, typed failure.
import type { JobContext } from './context.js';
import { PipelineRun, type RunResult } from '../gst/launch/runner.js';
import type { GstEvent } from '../gst/launch/events.js';
import { requireGstTool } from '../gst/tools.js';
import { GraphWriter, graphTargets, type GraphRequest } from './run-graph.js';
import type { DotDir } from '../gst/graph/dot-dir.js';

export interface RunPipelineOptions {
  pipeline: string[];
  durationSeconds?: number | undefined;
  /** Stop (EOS) after this many seconds, e.g. for live sources. */
  timeoutSeconds?: number | undefined;
  /** Extra plugin folders (DeepStream). */
  extraPluginPaths?: string[];
  /** Also called for every event (jobs that watch for element messages). */
  onEvent?: (event: GstEvent) => void;
  /** Reporter event filter: by default every event goes to the reporter. */
  report?: (event: GstEvent) => boolean;
  /** A stop kills at once: the job discards its output when stopped, so waiting for EOS is wasted time. */
  killOnStop?: boolean;
  /** Called with the run once started (so a job can stop it), and the folder its dot graphs go to (--graph). */
  onStart?: (run: PipelineRun, dots: DotDir | undefined) => void;
  /** Bytes the pipeline writes to fds 3, 4, … (fdsink fd=3). */
  extraOutputs?: ((chunk: Buffer) => void)[];
  /** Write a picture of the pipeline as it ran (--graph). */
  graph?: GraphRequest | undefined;
  /** The pipeline reads our standard input (an input of `-`). */
  readsStdin?: boolean;
  /** Nothing waits on a message in a hurry: gst-launch's output is read in batches (LaunchOptions). */
  batchOutput?: boolean;
}

export interface PipelineOutcome extends RunResult {
  /** Stopped because timeoutSeconds ran out (not by the user). */
  timedOut: boolean;
  /** The pipeline picture written for --graph. */
  graph?: string;
}

export async function runPipeline(ctx: JobContext, options: RunPipelineOptions): Promise<PipelineOutcome> {
  requireGstTool('gst-launch-1.0', ctx.childEnv());
  const targets = graphTargets(options.graph, ctx.processEnv);
  const graph = targets.length > 0 ? await GraphWriter.prepare(ctx, targets, ctx.childEnv(options.extraPluginPaths)) : undefined;
  const dots = graph?.dots;
  const run = new PipelineRun({
    pipeline: options.pipeline,
    env: dots?.env ?? ctx.childEnv(options.extraPluginPaths),
    durationSeconds: options.durationSeconds,
    ...(options.extraOutputs ? { extraOutputs: options.extraOutputs } : {}),
    readsStdin: options.readsStdin ?? false,
    batchOutput: options.batchOutput ?? false,
  });
  run.on((event) => {
    graph?.observe(event);
    options.onEvent?.(event);
    // A probe's end of stream is for the job's own logic (the split's end), never shown.
    if (event.type !== 'stream-end' && (options.report?.(event) ?? true)) ctx.reporter.event(event);
    else ctx.reporter.observe?.(event); // not shown, still counted (--metrics)
    // The running totals, as often as progress: counted (--metrics), never printed.
    if (event.type === 'progress') ctx.reporter.observe?.({ type: 'stats', ...run.getStats() });
  });
  const unsubscribe = ctx.stop.onStop((hard, reason) => {
    if (options.killOnStop) {
      ctx.reporter.log('warn', `${reason}: stopping the pipeline now`);
      return run.kill();
    }
    if (!hard) ctx.reporter.log('warn', `${reason}: stopping the pipeline (EOS, finalizing files)… press Ctrl-C again to quit at once`);
    run.stop();
  });
  let timedOut = false;
  const timer = options.timeoutSeconds
    ? setTimeout(() => {
        timedOut = true;
        run.stop();
      }, options.timeoutSeconds * 1000)
    : undefined;
  try {
    const done = run.start();
    options.onStart?.(run, dots);
    const result = await done;
    clearTimeout(timer);
    const drawn = (await graph?.finish(result.errors.length > 0)) ?? [];
    const file = options.graph?.file;
    return { ...result, timedOut, ...(file && drawn.includes(file) ? { graph: file } : {}) };
  } finally {
    clearTimeout(timer);
    unsubscribe();
    await graph?.remove();
  }
}
