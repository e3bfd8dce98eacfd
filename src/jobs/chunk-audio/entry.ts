// chunk audio: the chosen audio track of the whole input, copied or encoded once, into the work folder
// (encoding per chunk would start each chunk's audio with encoder priming: a gap at every join).
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { JobContext, JobResult } from '../context.js';
import type { ChunkAudioFlags } from './index.js';
import { discover } from '../../gst/discover/discover.js';
import { requireVideo } from '../video-input.js';
import { requireFileInput } from '../chunk-input.js';
import { runPipeline } from '../run-pipeline.js';
import { failureOf } from '../../gst/launch/failure.js';
import { InterruptedError, JobError } from '../../errors.js';
import { truncationError } from '../truncation.js';
import { partialName } from '../compress/partials.js';
import { writeAudioRecord } from '../chunk-work.js';
import { planChunkAudio, type ChunkAudioPlan } from './plan.js';
import { buildAudioPipeline } from './pipeline.js';

export async function runChunkAudio(ctx: JobContext, input: string, workDir: string, flags: ChunkAudioFlags): Promise<JobResult> {
  const path = requireFileInput(input);
  const media = await discover(path, { env: ctx.childEnv() });
  requireVideo(path, media);
  const plan = planChunkAudio(media, { audio: flags.audio, audioTrack: flags.audioTrack, container: flags.container });
  if (!plan) return { ok: true, data: { input: path, audio: 'none' }, lines: [`✓ ${path}: no audio to write`] };
  const file = join(workDir, plan.file);
  const reused = existsSync(file);
  const started = performance.now();
  if (!reused) await writeAudio(ctx, path, plan, file, media.durationSeconds ?? undefined);
  const wallSeconds = Number(((performance.now() - started) / 1000).toFixed(2));
  const data = { input: path, audio: `${plan.audio.mode} ${plan.audio.codec}`, file, reused, sizeBytes: statSync(file).size, wallSeconds };
  return { ok: true, data, lines: [`✓ ${path}: audio (${data.audio}) → ${file}${reused ? ' (written by an earlier run)' : ''}`] };
}

// Through a temporary name: the file the join looks for exists only complete.
async function writeAudio(ctx: JobContext, input: string, plan: ChunkAudioPlan, file: string, durationSeconds: number | undefined): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const partial = partialName(file);
  try {
    const outcome = await runPipeline(ctx, { pipeline: buildAudioPipeline(input, plan, partial).toArgv(), durationSeconds, killOnStop: true });
    if (outcome.interrupted || ctx.stop.requested) throw new InterruptedError('Interrupted: the audio was not written.');
    const failure = failureOf(outcome);
    if (failure) throw failure;
    if (!outcome.eos || !outcome.stats.frames) throw new JobError('The audio step ended without writing audio.', { fix: 'Check that the input plays (ffprobe), then retry.' });
    const truncated = outcome.mediaSeconds === undefined ? undefined : truncationError(durationSeconds, outcome.mediaSeconds);
    if (truncated) throw truncated;
    // The record first: whoever finds the audio file finds where the input put its audio.
    writeAudioRecord(dirname(file), { file: basename(file), start: outcome.startSeconds ?? 0 });
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}
