// chunk join: the encoded chunks and the audio into the output, through a temporary name; accepted only
// with exactly the frames the split counted; then the work folder is removed.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { JobContext, JobResult } from '../context.js';
import type { ChunkJoinFlags } from './index.js';
import { AUDIO_RECORD, encodedChunk, readAudioRecord, readManifest, type SplitManifest } from '../chunk-work.js';
import { containerFor } from '../compress/targets.js';
import { partialName, removeStalePartials } from '../compress/partials.js';
import { runPipeline } from '../run-pipeline.js';
import { failureOf } from '../../gst/launch/failure.js';
import { InterruptedError, JobError, UsageError } from '../../errors.js';
import { diskFullOr } from '../output-folder.js';
import { buildJoinPipeline } from './pipeline.js';

export async function runChunkJoin(ctx: JobContext, workDir: string, output: string, flags: ChunkJoinFlags): Promise<JobResult> {
  const container = containerFor(output, flags.codec);
  if (!existsSync(workDir)) return alreadyJoined(workDir, output);
  const manifest = readManifest(workDir);
  if (!manifest) throw new JobError(`${workDir} holds no split.json: the split did not finish.`, { fix: 'Retry the job\'s split step (queue retry), or add the job again.' });
  if (existsSync(output) && !flags.overwrite) throw new UsageError(`Output exists: ${output}`, { fix: 'Pass --overwrite to replace it, or choose another name.' });
  const chunks = manifest.chunks.map((_, i) => requireFile(join(workDir, encodedChunk(i)), 'encoded chunk'));
  const audio = flags.withAudio ? audioIn(workDir, manifest) : undefined;
  const started = performance.now();
  const frames = await joinInto(ctx, { chunks, audio: audio?.path, codec: flags.codec, container, output, manifest });
  // The output is complete and in place: the chunks are no longer needed by anyone.
  rmSync(workDir, { recursive: true, force: true });
  const sizeBytes = statSync(output).size;
  const data = {
    input: manifest.input, output, codec: flags.codec, container, chunks: chunks.length, frames, durationSeconds: manifest.seconds,
    audio: audio !== undefined, ...(audio ? { avStartOffsetSeconds: Number(audio.offset.toFixed(6)) } : {}),
    sizeBytes, wallSeconds: Number(((performance.now() - started) / 1000).toFixed(2)),
  };
  return { ok: true, data, lines: [`✓ ${output}: ${chunks.length} chunk(s) joined, ${frames} frames${audio ? ' + audio' : ''}`] };
}

interface Join {
  chunks: string[];
  audio: string | undefined;
  codec: ChunkJoinFlags['codec'];
  container: ReturnType<typeof containerFor>;
  output: string;
  manifest: SplitManifest;
}

async function joinInto(ctx: JobContext, j: Join): Promise<number> {
  for (const path of removeStalePartials(j.output)) ctx.reporter.log('info', `removed ${path}, left behind by a run that did not finish`);
  const writeTo = partialName(j.output);
  try {
    const pipeline = buildJoinPipeline({ chunks: j.chunks, audio: j.audio, codec: j.codec, container: j.container, writeTo }).toArgv();
    const outcome = await runPipeline(ctx, { pipeline, durationSeconds: j.manifest.seconds });
    if (outcome.interrupted || ctx.stop.requested) throw new InterruptedError(`Interrupted: ${j.output} was not written.`);
    const failure = failureOf(outcome);
    if (failure) throw diskFullOr(failure, join(j.output, '..'));
    if (!outcome.eos) throw new JobError('The join stopped before the end of the last chunk; the output is incomplete.');
    const frames = outcome.stats.frames ?? 0;
    // Exactly the split's frames: a chunk encoded short, or a frame lost or doubled at a join, fails here.
    if (frames !== j.manifest.frames) {
      throw new JobError(`The joined video has ${frames} frames, the input ${j.manifest.frames}; nothing was written.`, {
        fix: 'queue clean, then queue add the file again with --chunk: the work folder is kept, and its chunks are encoded again.',
        data: { frames, inputFrames: j.manifest.frames },
      });
    }
    renameSync(writeTo, j.output);
    return frames;
  } finally {
    rmSync(writeTo, { force: true });
  }
}

// At-least-once: a join that ran to the end (output renamed, work folder removed) and then lost its
// worker before the queue heard of it runs again and finds this. Anything else lost the work folder.
function alreadyJoined(workDir: string, output: string): JobResult {
  if (!existsSync(output)) {
    throw new JobError(`The work folder ${workDir} is gone and ${output} was not written.`, { fix: 'Add the job again (queue clean --state failed, then queue add … --chunk).' });
  }
  return { ok: true, data: { output, alreadyJoined: true, sizeBytes: statSync(output).size }, lines: [`✓ ${output}: joined by an earlier run`] };
}

/**
 * The encoded chunks and the audio file each start at 0, and a gst-launch line cannot delay one of
 * them: an input whose video and audio start apart loses that offset. Starts this close are let through:
 * a B-frame delay plus audio priming (measured: 45 ms in an ffmpeg-made MPEG-TS), which a single-pass
 * compress does not keep either (its MP4 starts both at 0). A capture whose video starts half a second
 * after its audio (also measured, and kept by compress) is refused.
 */
export const AV_START_TOLERANCE_SECONDS = 0.1;

// The audio file, after checking that the input's audio and video start together (within the tolerance).
function audioIn(workDir: string, manifest: SplitManifest): { path: string; offset: number } {
  const record = readAudioRecord(workDir);
  if (!record) throw new JobError(`The audio step's record ${join(workDir, AUDIO_RECORD)} is missing.`, { fix: 'Retry the job\'s audio step (queue retry), then this join.' });
  const offset = manifest.videoStart - record.start;
  if (Math.abs(offset) > AV_START_TOLERANCE_SECONDS) {
    // A rerun would refuse the same way: the chunks are of no further use.
    rmSync(workDir, { recursive: true, force: true });
    const [later, earlier] = offset > 0 ? ['video', 'audio'] : ['audio', 'video'];
    throw new UsageError(`The input's ${later} starts ${Math.abs(offset).toFixed(3)} s after its ${earlier}; the chunked output would start both at 0, out of sync by that much. Nothing was written.`, {
      fix: 'Queue this file without --chunk: compress keeps the offset.',
      data: { videoStart: manifest.videoStart, audioStart: record.start },
    });
  }
  return { path: requireFile(join(workDir, record.file), 'audio'), offset };
}

function requireFile(path: string, what: string): string {
  if (!existsSync(path)) throw new JobError(`The ${what} ${path} is missing.`, { fix: 'Retry the step that writes it (queue status shows it as failed), then this join.', data: { missing: path } });
  return path;
}
