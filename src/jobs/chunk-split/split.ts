// Runs the split into a temporary folder inside the work folder, checks it, then renames the chunks
// into place and writes split.json last. A split that finds split.json has nothing to do (it ran
// before, and its chunks may already be encoding).
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { JobContext } from '../context.js';
import { runPipeline } from '../run-pipeline.js';
import type { PipelineRun } from '../../gst/launch/runner.js';
import type { GstEvent } from '../../gst/launch/events.js';
import { failureOf } from '../../gst/launch/failure.js';
import { InterruptedError, JobError } from '../../errors.js';
import { truncationError } from '../truncation.js';
import { sourceChunk, writeManifest, type ChunkFormat, type SplitManifest } from '../chunk-work.js';
import { buildSplitPipeline } from './pipeline.js';

export interface SplitRequest {
  input: string;
  videoCaps: string;
  format: ChunkFormat;
  durationSeconds: number | undefined;
  workDir: string;
  chunkSeconds: number;
}

/**
 * splitmuxsink in GStreamer 1.22 sometimes loses the pipeline's end-of-stream after it closed the last
 * chunk (measured: 6 runs in 30 under load; every chunk complete, gst-launch waiting forever). Once the
 * input's end of stream has passed the stats probe and the chunk open then has closed, every chunk is
 * complete: a run that has not exited this long after that is ended here.
 */
const LAST_CHUNK_GRACE_MS = 3000;

export async function splitInto(ctx: JobContext, request: SplitRequest): Promise<SplitManifest> {
  mkdirSync(request.workDir, { recursive: true });
  const temp = mkdtempSync(join(request.workDir, `.split-${process.pid}-`));
  try {
    const manifest = checkedManifest(request, temp, await runSplit(ctx, request, temp));
    // The chunks first, the record last: a split.json always names complete chunks.
    manifest.chunks.forEach((c) => renameSync(join(temp, c.file), join(request.workDir, c.file)));
    writeManifest(request.workDir, manifest);
    return manifest;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

interface SplitRun {
  /** Running time (s) at which each chunk opened. */
  opened: number[];
  frames: number;
  seconds: number;
  videoStart: number;
}

async function runSplit(ctx: JobContext, request: SplitRequest, folder: string): Promise<SplitRun> {
  const opened: number[] = [];
  const watch = new LastChunkWatch();
  const outcome = await runPipeline(ctx, {
    pipeline: buildSplitPipeline({ input: request.input, videoCaps: request.videoCaps, folder, format: request.format, chunkSeconds: request.chunkSeconds }).toArgv(),
    durationSeconds: request.durationSeconds,
    killOnStop: true,
    onStart: (run) => watch.attach(run),
    onEvent: (event) => {
      const fragment = fragmentOf(event);
      if (fragment?.opened) opened.push(fragment.runningSeconds);
      if (fragment) watch.chunk(fragment.opened);
      if (event.type === 'stream-end') watch.streamEnded();
    },
    report: (event) => event.type !== 'element',
  });
  watch.dispose();
  if (outcome.interrupted || ctx.stop.requested) throw new InterruptedError('Interrupted: the input was not split.');
  const failure = outcome.errors.length > 0 || !watch.ended ? failureOf(outcome) : undefined;
  if (failure) throw failure;
  if (!outcome.eos && !watch.ended) throw new JobError('The split stopped before the end of the input; no chunks were kept.');
  return { opened, frames: outcome.stats.frames ?? 0, seconds: outcome.mediaSeconds ?? 0, videoStart: outcome.startSeconds ?? 0 };
}

// The chunks on disk against what the run said: one file per opened chunk, every frame counted, and
// as much video as the input declares (a truncated input is refused as compress refuses it).
function checkedManifest(request: SplitRequest, folder: string, { opened, frames, seconds, videoStart }: SplitRun): SplitManifest {
  const files = readdirSync(folder).filter((f) => /^source-\d{5}\.(mov|mkv)$/.test(f)).sort();
  if (frames === 0 || files.length === 0) throw new JobError('The split wrote no video.', { fix: 'Check that the input plays (ffprobe), then retry.' });
  if (files.length !== opened.length) throw new JobError(`The split opened ${opened.length} chunks but ${files.length} are on disk.`, { fix: 'Retry the job (queue retry); check free space on the shared storage.' });
  const truncated = truncationError(request.durationSeconds, seconds);
  if (truncated) throw truncated;
  const start = opened[0] ?? 0;
  const chunks = files.map((_, i) => {
    const end = i + 1 < opened.length ? opened[i + 1]! : start + seconds;
    return { file: sourceChunk(i, request.format), seconds: round(end - opened[i]!) };
  });
  return { input: request.input, frames, seconds: round(seconds), videoStart: round(videoStart), chunks };
}

// splitmuxsink-fragment-opened / -closed element messages, with their running time in seconds.
function fragmentOf(event: GstEvent): { opened: boolean; runningSeconds: number } | undefined {
  if (event.type !== 'element' || !event.name.startsWith('splitmuxsink-fragment-')) return undefined;
  const time = /running-time=\(guint64\)(\d+)/.exec(event.fields)?.[1];
  return { opened: event.name.endsWith('-opened'), runningSeconds: time === undefined ? 0 : Number(time) / 1e9 };
}

// Ends a run that closed its last chunk but did not exit (see LAST_CHUNK_GRACE_MS).
class LastChunkWatch {
  ended = false;
  private run: PipelineRun | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inputEnded = false;
  private chunkOpen = false;

  attach(run: PipelineRun): void {
    this.run = run;
  }

  chunk(opened: boolean): void {
    this.chunkOpen = opened;
    this.armWhenDone();
  }

  streamEnded(): void {
    this.inputEnded = true;
    this.armWhenDone();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private armWhenDone(): void {
    if (!this.inputEnded || this.chunkOpen || this.timer) return;
    this.timer = setTimeout(() => {
      this.ended = true;
      this.run?.kill();
    }, LAST_CHUNK_GRACE_MS);
  }
}

const round = (n: number): number => Math.round(n * 1e6) / 1e6;
