// Runs a user's pipeline and reports it.
import type { JobContext, JobResult } from '../context.js';
import type { LaunchFlags } from './index.js';
import { pipelineTokens } from '../../pipeline/tokenize.js';
import { gstLaunchCommand } from '../../gst/launch/runner.js';
import { runPipeline } from '../run-pipeline.js';
import { failureOf } from '../../gst/launch/failure.js';
import { InterruptedError } from '../../errors.js';
import { runSummaryLines } from '../../report/run-summary.js';

export async function runLaunch(ctx: JobContext, words: string[], flags: LaunchFlags): Promise<JobResult> {
  const pipeline = pipelineTokens(words);
  const command = gstLaunchCommand(pipeline);
  if (flags.dryRun) {
    return { ok: true, data: { dryRun: true, pipeline: pipeline.join(' '), argv: pipeline, gstCommand: command }, lines: [command] };
  }
  const result = await runPipeline(ctx, { pipeline, timeoutSeconds: flags.timeout, durationSeconds: flags.duration, graph: flags.graph ? { file: flags.graph } : undefined });
  // Killed by a second Ctrl-C: still the user's interruption, not a pipeline failure.
  if (result.killed && ctx.stop.hardSignal.aborted) {
    throw new InterruptedError('Interrupted: the pipeline was killed before it finished (files may be incomplete).', { data: { eos: result.eos, stats: result.stats, gstCommand: result.command } });
  }
  const failure = failureOf(result);
  if (failure) throw failure;
  const stoppedByTimeout = result.timedOut;
  if (result.interrupted && !stoppedByTimeout) {
    throw new InterruptedError('Interrupted: the pipeline was stopped (EOS sent, files finalized).', {
      data: { eos: result.eos, stats: result.stats, gstCommand: result.command },
    });
  }
  return {
    ok: true,
    data: { eos: result.eos, stoppedByTimeout, durationMs: result.durationMs, stats: result.stats, warnings: result.warnings.length, gstCommand: result.command, ...(result.graph ? { graph: result.graph } : {}) },
    lines: runSummaryLines(result),
  };
}
