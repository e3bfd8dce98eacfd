// chunk split: the input probed (a file with video), then split, or the split of an earlier run reused.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { JobContext, JobResult } from '../context.js';
import type { ChunkSplitFlags } from './index.js';
import { discover } from '../../gst/discover/discover.js';
import { requireVideo } from '../video-input.js';
import { chunkFormat, encodedChunk, readManifest, type SplitManifest } from '../chunk-work.js';
import { requireFileInput } from '../chunk-input.js';
import { splitInto } from './split.js';

export async function runChunkSplit(ctx: JobContext, input: string, workDir: string, flags: ChunkSplitFlags): Promise<JobResult> {
  const path = requireFileInput(input);
  const started = performance.now();
  const earlier = completeManifest(workDir);
  const manifest = earlier ?? (await splitNow(ctx, path, workDir, flags.chunk));
  const data = {
    input: path, workDir, reused: earlier !== undefined, frames: manifest.frames, seconds: manifest.seconds,
    chunks: manifest.chunks.map((c, i) => ({ source: join(workDir, c.file), encoded: join(workDir, encodedChunk(i)), seconds: c.seconds })),
    wallSeconds: Number(((performance.now() - started) / 1000).toFixed(2)),
  };
  const how = earlier ? 'already split by an earlier run' : `split in ${data.wallSeconds} s`;
  return { ok: true, data, lines: [`✓ ${path}: ${manifest.chunks.length} chunk(s), ${manifest.frames} frames, ${how} · ${workDir}`] };
}

async function splitNow(ctx: JobContext, input: string, workDir: string, chunkSeconds: number): Promise<SplitManifest> {
  const media = await discover(input, { env: ctx.childEnv() });
  requireVideo(input, media);
  return splitInto(ctx, { input, videoCaps: media.video[0]!.codec, format: chunkFormat(media.container), durationSeconds: media.durationSeconds ?? undefined, workDir, chunkSeconds });
}

// A run killed after split.json was written (before the queue heard of it) left a complete split.
function completeManifest(workDir: string): SplitManifest | undefined {
  const manifest = readManifest(workDir);
  return manifest?.chunks.every((c) => existsSync(join(workDir, c.file))) ? manifest : undefined;
}
