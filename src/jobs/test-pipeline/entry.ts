// Runs a pipeline to its end and gives a verdict: ok, or the error with its fix.
import type { JobContext, JobResult } from '../context.js';
import type { TestFlags } from './index.js';
import { pipelineTokens } from '../../pipeline/tokenize.js';
import { runPipeline } from '../run-pipeline.js';
import { failureOf } from '../../gst/launch/failure.js';
import { InterruptedError, JobError } from '../../errors.js';
import { pipelineWorksLine } from '../../report/run-summary.js';

export async function runTest(ctx: JobContext, words: string[], flags: TestFlags): Promise<JobResult> {
  const pipeline = pipelineTokens(words);
  const description = pipeline.join(' ');
  const result = await runPipeline(ctx, {
    pipeline,
    timeoutSeconds: flags.timeout,
    graph: flags.graph ? { file: flags.graph } : undefined,
    report: (e) => e.type === 'warning' || e.type === 'error',
  });
  const failure = failureOf(result);
  if (failure) throw failure;
  if (result.timedOut) {
    throw new JobError(`The pipeline did not finish within ${flags.timeout} s.`, {
      fix: 'Live sources never end: add num-buffers=N to the source, or raise --timeout.',
      data: { pipeline: description, durationMs: result.durationMs },
    });
  }
  if (result.interrupted) throw new InterruptedError();
  const seconds = (result.durationMs / 1000).toFixed(2);
  return {
    ok: true,
    data: { pipeline: description, verdict: 'ok', durationMs: result.durationMs, eos: result.eos, stats: result.stats, ...(result.graph ? { graph: result.graph } : {}) },
    lines: [pipelineWorksLine(seconds, description)],
  };
}
