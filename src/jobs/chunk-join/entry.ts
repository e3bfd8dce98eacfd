// chunk join: the encoded chunks and the audio into the output, through a temporary name; accepted only
// with exactly the frames the split counted; then the work folder is removed.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { JobContext, JobResult } from '../context.js';
import type { ChunkJoinFlags } from './index.js';
import { AUDIO_FILES, encodedChunk, readManifest, type SplitManifest } from '../chunk-work.js';
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
  const audio = flags.withAudio ? requireFile(audioFileIn(workDir), 'audio') : undefined;
  const started = performance.now();
  const frames = await joinInto(ctx, { chunks, audio, codec: flags.codec, container, output, manifest });
  // The output is complete and in place: the chunks are no longer needed by anyone.
  rmSync(workDir, { recursive: true, force: true });
  const sizeBytes = statSync(output).size;
  const data = {
    input: manifest.input, output, codec: flags.codec, container, chunks: chunks.length, frames, durationSeconds: manifest.seconds,
    audio: audio !== undefined, sizeBytes, wallSeconds: Number(((performance.now() - started) / 1000).toFixed(2)),
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

function audioFileIn(workDir: string): string {
  return AUDIO_FILES.map((f) => join(workDir, f)).find(existsSync) ?? join(workDir, AUDIO_FILES[0]);
}

function requireFile(path: string, what: string): string {
  if (!existsSync(path)) throw new JobError(`The ${what} ${path} is missing.`, { fix: 'Retry the step that writes it (queue status shows it as failed), then this join.', data: { missing: path } });
  return path;
}
