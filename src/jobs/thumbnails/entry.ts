// thumbnails: probe the file, check the folder and every name, then one decode pass.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { JobContext, JobResult } from '../context.js';
import type { ThumbnailsFlags } from './index.js';
import { UsageError } from '../../errors.js';
import { discover } from '../../gst/discover/discover.js';
import { requireVideo } from '../video-input.js';
import { ensureWritableFolder } from '../output-folder.js';
import { parseInputSpec } from '../../pipeline/sources.js';
import { parseThumbnailsOptions, type ThumbnailsOptions } from './options.js';
import { planThumbnails, type SourceFacts } from './plan.js';
import { buildThumbnailPass } from './pipeline.js';
import { makeThumbnails } from './job.js';
import { gstLaunchCommand } from '../../gst/launch/runner.js';
import { checkGraphTarget } from '../run-graph.js';

export async function runThumbnails(ctx: JobContext, input: string, flags: ThumbnailsFlags): Promise<JobResult> {
  const { dryRun, ...rest } = flags;
  const options = parseThumbnailsOptions({ ...rest, input });
  const path = fileInput(input);
  if (options.graph && !dryRun) checkGraphTarget({ file: options.graph, overwrite: options.overwrite }, ctx.childEnv());
  const facts = await probe(ctx, path);
  const plan = planThumbnails(options, facts);
  if (dryRun) {
    const argv = buildThumbnailPass({ input: path, everyMs: plan.everyMs, ...plan.size, format: options.format, ...(plan.grid ? {} : { filesPattern: join(options.outputDir, `%05d.${options.format}`) }) }).toArgv();
    return { ok: true, data: { dryRun: true, argv, gstCommand: gstLaunchCommand(argv), files: plan.files }, lines: [gstLaunchCommand(argv)] };
  }
  ensureWritableFolder(options.outputDir, { create: true, label: `--output-dir "${options.outputDir}"` });
  checkNames(options, plan.files);
  const started = performance.now();
  const { files, graph } = await makeThumbnails(ctx, path, options, plan);
  const data = {
    input, outputDir: options.outputDir, count: plan.tiles.length, everySeconds: plan.everyMs / 1000, width: plan.size.width, height: plan.size.height,
    sprite: plan.grid ?? null, files, vtt: join(options.outputDir, plan.vtt), wallSeconds: Number(((performance.now() - started) / 1000).toFixed(2)),
    ...(graph ? { graph } : {}),
  };
  return { ok: true, data, lines: [`✓ ${plan.tiles.length} thumbnails (${plan.size.width}×${plan.size.height}, every ${plan.everyMs / 1000} s) in ${files.length - 1} file(s) + ${plan.vtt} · ${options.outputDir}`] };
}

function fileInput(input: string): string {
  const spec = parseInputSpec(input);
  if (spec.kind !== 'file') throw new UsageError(`thumbnails reads a file; "${input}" is not one.`, { fix: 'Record a live source first (lydlr-gst record), then make thumbnails of a segment.' });
  if (!existsSync(spec.path)) throw new UsageError(`The input "${input}" does not exist.`, { fix: 'Check the path.', data: { input } });
  return spec.path;
}

async function probe(ctx: JobContext, path: string): Promise<SourceFacts> {
  const media = await discover(path, { env: ctx.childEnv() });
  requireVideo(path, media);
  const video = media.video[0]!;
  if (!media.durationSeconds) throw new UsageError(`"${path}" has no known duration.`, { fix: 'Remux it first, e.g. ffmpeg -i IN -c copy OUT.mp4.' });
  return { durationSeconds: media.durationSeconds, width: video.width, height: video.height, pixelAspectRatio: video.pixelAspectRatio };
}

// Never overwrite: every name the job will write is checked before the decode starts.
function checkNames(options: ThumbnailsOptions, files: string[]): void {
  if (options.overwrite) return;
  const taken = files.filter((f) => existsSync(join(options.outputDir, f)));
  if (taken.length > 0) throw new UsageError(`${taken.length} of the output files exist in "${options.outputDir}" (${taken.slice(0, 3).join(', ')}${taken.length > 3 ? ', …' : ''}).`, { fix: 'Add --overwrite, or give another --output-dir.', data: { taken } });
}
