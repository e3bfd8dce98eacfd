// --graph for a pipeline run: checked before the run (never overwrite, a renderer exists), the
// run dumps its dot graphs into a folder of its own, and the picture is drawn after it ends.
import { existsSync } from 'node:fs';
import type { JobContext } from './context.js';
import { UsageError } from '../errors.js';
import { dotDir, type DotDir } from '../gst/graph/dot-dir.js';
import { checkGraphRenderer, renderGraph } from '../gst/graph/render.js';

export interface GraphRequest {
  file: string;
  overwrite?: boolean | undefined;
}

export async function prepareGraph(request: GraphRequest, env: NodeJS.ProcessEnv): Promise<DotDir> {
  if (!request.overwrite && existsSync(request.file)) {
    throw new UsageError(`--graph ${request.file} already exists.`, { fix: 'remove it, choose another name, or pass --overwrite where the command has it', data: { graph: request.file } });
  }
  checkGraphRenderer(request.file, env);
  return dotDir(env);
}

/** Draws the chosen graph; a run that never got a pipeline built leaves no picture (a warning). */
export async function writeGraph(ctx: JobContext, dots: DotDir, request: GraphRequest): Promise<string | undefined> {
  const picked = await dots.pick();
  if (!picked) {
    ctx.reporter.log('warn', `no pipeline graph: the pipeline was never built, so --graph ${request.file} was not written`);
    return undefined;
  }
  await renderGraph(picked.file, picked.text, request.file, dots.env);
  ctx.reporter.log('info', `pipeline graph written to ${request.file}`);
  return request.file;
}
