// --graph for a pipeline run: checked before the run (never overwrite, a renderer exists), the
// run dumps its dot graphs into a folder of its own, and the picture is drawn after it ends.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JobContext } from './context.js';
import { UsageError } from '../errors.js';
import { ensureWritableFolder } from './output-folder.js';
import { dotDir, type DotDir } from '../gst/graph/dot-dir.js';
import { checkGraphRenderer, renderGraph } from '../gst/graph/render.js';

export interface GraphRequest {
  file: string;
  overwrite?: boolean | undefined;
  /** How messages name the file (default `--graph FILE`). */
  label?: string;
}

const labelOf = (request: GraphRequest): string => request.label ?? `--graph ${request.file}`;

export async function prepareGraph(request: GraphRequest, env: NodeJS.ProcessEnv): Promise<DotDir> {
  if (!request.overwrite && existsSync(request.file)) {
    throw new UsageError(`${labelOf(request)} already exists.`, { fix: 'remove it, choose another name, or pass --overwrite where the command has it', data: { graph: request.file } });
  }
  ensureWritableFolder(dirname(request.file), { create: false, label: `The folder of ${labelOf(request)}` });
  checkGraphRenderer(request.file, env);
  return dotDir(env);
}

/**
 * Draws the chosen graph. A run that never got a pipeline built leaves no picture: a warning, unless
 * the run reported an error (a description that does not parse), which says it better.
 */
export async function writeGraph(ctx: JobContext, dots: DotDir, request: GraphRequest, failed = false): Promise<string | undefined> {
  const picked = await dots.pick();
  if (!picked) {
    if (!failed) ctx.reporter.log('warn', `no pipeline graph: the pipeline was never built, so ${labelOf(request)} was not written`);
    return undefined;
  }
  await renderGraph(picked.file, picked.text, request.file, dots.env);
  ctx.reporter.log('info', `pipeline graph written to ${request.file}`);
  return request.file;
}
