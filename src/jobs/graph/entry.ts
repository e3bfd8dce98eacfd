// Starts the pipeline with its dot dumps on, stops it once PLAYING has been dumped (or at --timeout),
// and draws that dump. Errors are the launch command's: syntax exit 2, a missing element exit 3.
import type { JobContext, JobResult } from '../context.js';
import type { GraphCommandFlags } from './index.js';
import type { GstEvent } from '../../gst/launch/events.js';
import type { PipelineRun } from '../../gst/launch/runner.js';
import type { DotDir } from '../../gst/graph/dot-dir.js';
import { GRAPH_FORMATS, graphFormat } from '../../gst/graph/formats.js';
import { pipelineTokens } from '../../pipeline/tokenize.js';
import { runPipeline } from '../run-pipeline.js';
import { failureOf } from '../../gst/launch/failure.js';
import { InterruptedError, JobError, UsageError } from '../../errors.js';

/** After the EOS we send, how long the pipeline may take to end before it is killed (its picture is taken). */
const STOP_GRACE_MS = 3_000;
/** How long gst-launch may take to write the PLAYING dump after printing the state change. */
const DUMP_WAIT_MS = 2_000;

export async function drawPipeline(ctx: JobContext, description: string, output: string, flags: GraphCommandFlags): Promise<JobResult> {
  checkOutputName(output);
  const pipeline = pipelineTokens([description]);
  const watch = new PlayingWatch();
  const result = await runPipeline(ctx, {
    pipeline,
    timeoutSeconds: flags.timeout,
    graph: { file: output, overwrite: flags.overwrite, label: output },
    onStart: (run, dots) => watch.attach(run, dots!),
    onEvent: (e) => watch.observe(e),
    report: (e) => e.type === 'warning' || e.type === 'error',
  });
  watch.done();
  // Ctrl-C is the user's, whatever the pipeline was doing; a stop of our own (PLAYING drawn, or
  // --timeout) is no failure even when it needed a kill: only an error the pipeline reported is.
  if (ctx.stop.requested) throw new InterruptedError(`Interrupted: ${result.graph ? `${output} shows the pipeline as it was then` : 'no picture drawn'}.`);
  const endedByUs = watch.stopped || result.timedOut;
  const failure = result.errors.length > 0 || !endedByUs ? failureOf(result) : undefined;
  if (failure) throw failure;
  if (!result.graph) throw new JobError(`No picture of the pipeline: it was never built, so ${output} was not written.`, { fix: 'Check the description with `lydlr-gst test`.', data: { gstCommand: result.command } });
  const state = watch.state ?? 'null';
  if (state !== 'playing') ctx.reporter.log('warn', `the pipeline did not reach PLAYING within ${flags.timeout} s: drawn as it was in ${state.toUpperCase()} (caps only where already negotiated)`);
  return {
    ok: true,
    data: { graph: output, format: graphFormat(output), state, pipeline: pipeline.join(' '), gstCommand: result.command },
    lines: [`${output}: the pipeline as it was in ${state.toUpperCase()}`],
  };
}

function checkOutputName(output: string): void {
  if ((GRAPH_FORMATS as readonly string[]).includes(graphFormat(output))) return;
  throw new UsageError(`graph writes ${GRAPH_FORMATS.map((f) => `.${f}`).join(', ')} files, got "${output}".`, {
    fix: `Name the picture FILE.svg (any browser), FILE.png or FILE.dot (graphviz source).`,
    data: { output },
  });
}

// Follows the pipeline's state; once PLAYING has been dumped, ends the run: EOS, then a kill if the
// pipeline does not end by itself (the picture is already taken, nothing else is waited for).
class PlayingWatch {
  state: string | undefined;
  stopped = false;
  private run: PipelineRun | undefined;
  private dots: DotDir | undefined;
  private killTimer: NodeJS.Timeout | undefined;

  attach(run: PipelineRun, dots: DotDir): void {
    this.run = run;
    this.dots = dots;
  }

  observe(event: GstEvent): void {
    if (event.type !== 'state-changed' || !event.isPipeline) return;
    this.state = event.newState;
    if (event.newState === 'playing' && !this.stopped) void this.stopOnceDumped();
  }

  done(): void {
    clearTimeout(this.killTimer);
  }

  private async stopOnceDumped(): Promise<void> {
    this.stopped = true;
    await this.dots?.waitFor('.PAUSED_PLAYING.dot', DUMP_WAIT_MS);
    this.run?.stop();
    this.killTimer = setTimeout(() => this.run?.kill(), STOP_GRACE_MS);
    this.killTimer.unref();
  }
}
