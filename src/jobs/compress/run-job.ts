// Runs one planned job: pipeline to a temp file, check the result, rename it into place.
import { renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { diskFullOr } from '../output-folder.js';
import type { JobContext } from '../context.js';
import { runPipeline } from '../run-pipeline.js';
import { failureOf } from '../../gst/launch/failure.js';
import { InterruptedError, JobError } from '../../errors.js';
import type { GstEvent } from '../../gst/launch/events.js';
import type { RunStats } from '../../gst/launch/events.js';
import { buildCompressPipeline } from './pipeline.js';
import type { PlannedJob } from './plan-job.js';
import { removeStalePartials } from './partials.js';
import { truncationError } from '../truncation.js';
import { emptyStdinOr } from '../stdin-input.js';
import { displayedSize, orientationOf } from '../orientation.js';
import type { GraphRequest } from '../run-graph.js';

export interface CompressResult {
  input: string;
  output: string;
  codec: string;
  container: string;
  encoder: string;
  hardware: boolean;
  audio: string;
  width: number | undefined;
  height: number | undefined;
  sizeBytes: number;
  inputSizeBytes: number | undefined;
  /** input size / output size (how many times smaller). */
  ratio: number | undefined;
  bitrateKbps: number | undefined;
  durationSeconds: number | undefined;
  wallSeconds: number;
  speed: number | undefined;
  stats: RunStats;
  /** The pipeline picture written for --graph. */
  graph?: string;
}

export async function runJob(ctx: JobContext, job: PlannedJob, onEvent?: (event: GstEvent) => void, graph?: GraphRequest): Promise<CompressResult> {
  const pipeline = buildCompressPipeline(job.plan);
  try {
    const running = runPipeline(ctx, {
      pipeline: pipeline.toArgv(),
      durationSeconds: job.media?.durationSeconds ?? job.plan.durationSeconds,
      readsStdin: job.plan.input.kind === 'stdin',
      batchOutput: true,
      onEvent,
      report: onEvent ? () => false : undefined,
      graph,
    });
    // Housekeeping, done while the pipeline starts: runPipeline has spawned it by now (unless --graph
    // had it wait for its folder first).
    for (const path of removeStalePartials(job.output)) ctx.reporter.log('info', `removed ${path}, left behind by a run that did not finish`);
    const result = await running;
    // A stop the user asked for is an interruption even when a second Ctrl-C had to kill the pipeline.
    if (result.interrupted || ctx.stop.requested) throw new InterruptedError(`Interrupted: ${job.output} was not written.`, { data: { input: job.inputSpec } });
    const failure = failureOf(result);
    if (failure) throw job.plan.input.kind === 'stdin' ? emptyStdinOr(diskFullOr(failure, dirname(job.output))) : diskFullOr(failure, dirname(job.output));
    if (!result.eos) throw new JobError('The pipeline stopped before the end of the stream; the output is incomplete.');
    const written = verify(job, result.stats, result.mediaSeconds);
    renameSync(job.plan.writeTo, job.output);
    const summary = summarize(job, written, result.durationMs / 1000, result.stats);
    return result.graph ? { ...summary, graph: result.graph } : summary;
  } finally {
    rmSync(job.plan.writeTo, { force: true });
  }
}

// "The result checks out": EOS reached (the muxer finalized the file), and our stats probe saw the
// input's video go into the muxer. A file is checked by the time its frames' timestamps span, as its
// frame rate may vary (a nominal rate times the duration overcounts); a test source by its exact frame count.
function verify(job: PlannedJob, stats: RunStats, spanSeconds: number | undefined): { sizeBytes: number; durationSeconds: number | undefined } {
  const sizeBytes = statSync(job.plan.writeTo).size;
  const frames = stats.frames ?? 0;
  if (sizeBytes === 0 || frames === 0) throw new JobError('The pipeline ended without writing any video.');
  const duration = job.media?.durationSeconds ?? job.plan.durationSeconds;
  const fps = job.plan.fps ?? job.media?.video[0]?.fps ?? (job.plan.input.kind === 'test' ? 30 : 0);
  if (job.plan.input.kind === 'test' && duration !== undefined && fps > 0) {
    const expected = duration * fps;
    if (frames < expected * 0.9 - 2) {
      throw new JobError(`Only ${frames} of ${Math.round(expected)} frames were encoded.`, { data: { frames, expectedFrames: Math.round(expected) } });
    }
  } else if (duration && spanSeconds !== undefined && spanSeconds < duration * 0.9 - 0.1) {
    // A clean end of stream this early: the input holds less than its container declares.
    const truncated = truncationError(job.media?.durationSeconds ?? undefined, spanSeconds);
    if (truncated) throw truncated;
    throw new JobError(`Only ${spanSeconds.toFixed(2)} s of the input's ${duration.toFixed(2)} s of video were encoded (${frames} frames).`, {
      data: { frames, encodedSeconds: round(spanSeconds), inputSeconds: round(duration) },
    });
  }
  return { sizeBytes, durationSeconds: duration ?? (fps > 0 ? frames / fps : undefined) };
}


function summarize(job: PlannedJob, written: { sizeBytes: number; durationSeconds: number | undefined }, wallSeconds: number, stats: RunStats): CompressResult {
  const inputSizeBytes = job.plan.input.kind === 'file' ? statSync(job.plan.input.path).size : undefined;
  const duration = written.durationSeconds;
  const audio = job.plan.audio;
  const stored = job.media?.video[0];
  const shown = stored && displayedSize(stored, orientationOf(job.media));
  return {
    input: job.inputSpec,
    output: job.output,
    codec: job.plan.codec,
    container: job.plan.container,
    encoder: job.encoder.element,
    hardware: job.encoder.hardware,
    audio: audio.mode === 'none' ? 'none' : `${audio.mode} ${audio.codec}`,
    width: job.plan.size?.width ?? shown?.width,
    height: job.plan.size?.height ?? shown?.height,
    sizeBytes: written.sizeBytes,
    inputSizeBytes,
    ratio: inputSizeBytes ? round(inputSizeBytes / written.sizeBytes) : undefined,
    bitrateKbps: duration ? round((written.sizeBytes * 8) / duration / 1000) : undefined,
    durationSeconds: duration === undefined ? undefined : round(duration),
    wallSeconds: round(wallSeconds),
    speed: duration ? round(duration / wallSeconds) : undefined,
    stats,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
