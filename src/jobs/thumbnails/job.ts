// thumbnails: one decode pass into a hidden working folder inside the output folder, sprite sheets
// assembled from the raw frames, then every file renamed to its final name (the VTT last).
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobContext } from '../context.js';
import { JobError } from '../../errors.js';
import { runPipeline } from '../run-pipeline.js';
import type { GraphRequest } from '../run-graph.js';
import { failureOf } from '../../gst/launch/failure.js';
import { InterruptedError } from '../../errors.js';
import { buildSheetEncode, buildThumbnailPass } from './pipeline.js';
import { sheetSize, type Tile } from './layout.js';
import { thumbnailsVtt } from './vtt.js';
import type { ThumbnailsOptions } from './options.js';
import type { ThumbnailsPlan } from './plan.js';

// GStreamer's chatter that says nothing about the thumbnails.
const QUIET = new Set(['element', 'state-changed', 'stream-start', 'caps', 'latency', 'new-clock', 'async-done']);

export interface MadeThumbnails {
  files: string[];
  /** The picture of the decode pass written for --graph. */
  graph: string | undefined;
}

export async function makeThumbnails(ctx: JobContext, input: string, options: ThumbnailsOptions, plan: ThumbnailsPlan): Promise<MadeThumbnails> {
  const work = mkdtempSync(join(options.outputDir, `.thumbnails-partial-${process.pid}-`));
  // --graph draws the decode pass (the sprite sheets' encodes are small pipelines of their own).
  const graph: GraphRequest | undefined = options.graph ? { file: options.graph, overwrite: options.overwrite } : undefined;
  try {
    const drawn = plan.grid ? await spritePass(ctx, input, options, plan, work, graph) : await filesPass(ctx, input, options, plan, work, graph);
    writeFileSync(join(work, plan.vtt), thumbnailsVtt(plan.tiles));
    // Renamed in order, the index last: a player that finds the VTT finds every picture it names.
    for (const file of plan.files) renameSync(join(work, file), join(options.outputDir, file));
    return { files: plan.files.map((f) => join(options.outputDir, f)), graph: drawn };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// Resolves to the --graph file written, if one was asked for.
async function decodePass(ctx: JobContext, pipeline: string[], extraOutputs?: ((chunk: Buffer) => void)[], graph?: GraphRequest): Promise<string | undefined> {
  const outcome = await runPipeline(ctx, { pipeline, killOnStop: true, report: (e) => !QUIET.has(e.type), ...(extraOutputs ? { extraOutputs } : {}), graph });
  if (outcome.interrupted) throw new InterruptedError('Interrupted: no thumbnails written.');
  const failure = failureOf(outcome);
  if (failure) throw failure;
  return outcome.graph;
}

// videorate may add one frame at the end (the slot after the last); fewer than planned is a failure.
function checkCount(got: number, plan: ThumbnailsPlan): void {
  if (got < plan.tiles.length) throw new JobError(`The decode gave ${got} thumbnails, ${plan.tiles.length} were planned.`, { fix: 'Check that the file decodes to its end, e.g. with ffmpeg -v error -i FILE -f null -.' });
}

async function filesPass(ctx: JobContext, input: string, options: ThumbnailsOptions, plan: ThumbnailsPlan, work: string, graph: GraphRequest | undefined): Promise<string | undefined> {
  const pattern = join(work.replace(/%/g, '%%'), `%05d.${options.format}`);
  const drawn = await decodePass(ctx, buildThumbnailPass({ input, everyMs: plan.everyMs, ...plan.size, filesPattern: pattern, format: options.format }).toArgv(), undefined, graph);
  const made = readdirSync(work).filter((f) => /^\d{5}\./.test(f)).sort();
  checkCount(made.length, plan);
  plan.tiles.forEach((t, i) => renameSync(join(work, made[i]!), join(work, t.file)));
  for (const extra of made.slice(plan.tiles.length)) rmSync(join(work, extra));
  return drawn;
}

async function spritePass(ctx: JobContext, input: string, options: ThumbnailsOptions, plan: ThumbnailsPlan, work: string, graph: GraphRequest | undefined): Promise<string | undefined> {
  const frameBytes = plan.size.width * plan.size.height * 4;
  const chunks: Buffer[] = [];
  const drawn = await decodePass(ctx, buildThumbnailPass({ input, everyMs: plan.everyMs, ...plan.size, format: options.format }).toArgv(), [(c) => chunks.push(c)], graph);
  const raw = Buffer.concat(chunks);
  checkCount(Math.floor(raw.length / frameBytes), plan);
  for (const [file, tiles] of groupBySheet(plan.tiles)) {
    const size = sheetSize(tiles.length, plan.grid!, plan.size);
    const sheet = Buffer.alloc(size.width * size.height * 4);
    for (const t of tiles) blit(raw.subarray(t.index * frameBytes, (t.index + 1) * frameBytes), t, sheet, size.width);
    const rawPath = join(work, `${file}.rgbx`);
    writeFileSync(rawPath, sheet);
    await decodePass(ctx, buildSheetEncode(rawPath, size, options.format, join(work, file)).toArgv());
    rmSync(rawPath);
  }
  return drawn;
}

function groupBySheet(tiles: Tile[]): Map<string, Tile[]> {
  const sheets = new Map<string, Tile[]>();
  for (const t of tiles) sheets.set(t.file, [...(sheets.get(t.file) ?? []), t]);
  return sheets;
}

// Copies one RGBx frame into its rectangle of the sheet, row by row.
function blit(frame: Buffer, tile: Tile, sheet: Buffer, sheetWidth: number): void {
  const { x, y, w, h } = tile.rect!;
  for (let row = 0; row < h; row++) frame.copy(sheet, ((y + row) * sheetWidth + x) * 4, row * w * 4, (row + 1) * w * 4);
}
