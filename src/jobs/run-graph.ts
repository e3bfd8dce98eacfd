// --graph for a pipeline run: checked before the run (never overwrite, the folder exists, a renderer
// exists); the run dumps its dot graphs into a folder of its own; the picture is drawn as soon as the
// pipeline is PLAYING (so a long run has it while it runs), and again at the end when the run ended
// on an error (the error's dump) or played again since (a later PLAYING dump).
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JobContext } from './context.js';
import type { GstEvent } from '../gst/launch/events.js';
import { UsageError } from '../errors.js';
import { ensureWritableFolder } from './output-folder.js';
// The dot folder and the renderer load when a picture is asked for (they bring node:fs/promises).
import type { DotDir } from '../gst/graph/dot-dir.js';
import { checkGraphRenderer } from '../gst/graph/formats.js';

/**
 * Set in a job's environment (serve does, per job): every pipeline the job runs is also drawn to this
 * file, replaced by each new one; failures to draw it are warnings only.
 */
export const GRAPH_FILE_ENV = 'LYDLR_GRAPH_FILE';

/** How long gst-launch may take to write its PLAYING dump after printing the state change. */
const DUMP_WAIT_MS = 2_000;

export interface GraphRequest {
  file: string;
  overwrite?: boolean | undefined;
  /** How messages name the file (default `--graph FILE`). */
  label?: string;
  /** Drawn without a word (serve's picture of a job): a failure to draw is a warning, not the job's error. */
  quiet?: boolean;
}

const labelOf = (request: GraphRequest): string => request.label ?? `--graph ${request.file}`;

/** Refuses, before anything runs, a picture that would overwrite a file, has no folder, or cannot be drawn here. */
export function checkGraphTarget(request: GraphRequest, env: NodeJS.ProcessEnv): void {
  if (!request.overwrite && existsSync(request.file)) {
    throw new UsageError(`${labelOf(request)} already exists.`, { fix: 'remove it, choose another name, or pass --overwrite where the command has it', data: { graph: request.file } });
  }
  ensureWritableFolder(dirname(request.file), { create: false, label: `The folder of ${labelOf(request)}` });
  checkGraphRenderer(request.file, env);
}

/** The pictures a run draws: the command's own (--graph), and the one its environment asks for. */
export function graphTargets(request: GraphRequest | undefined, processEnv: NodeJS.ProcessEnv): GraphRequest[] {
  const fromEnv = processEnv[GRAPH_FILE_ENV];
  return [...(request ? [request] : []), ...(fromEnv ? [{ file: fromEnv, overwrite: true, label: GRAPH_FILE_ENV, quiet: true }] : [])];
}

/**
 * The targets that can be drawn, checked before anything runs: a command's own --graph that cannot is
 * the command's error; a quiet one (serve's) is left out with a warning, and the job runs on.
 */
export function checkedTargets(ctx: JobContext, targets: GraphRequest[], env: NodeJS.ProcessEnv): GraphRequest[] {
  return targets.filter((target) => {
    try {
      checkGraphTarget(target, env);
      return true;
    } catch (error) {
      if (!target.quiet) throw error;
      ctx.reporter.log('warn', `${labelOf(target)}: no pipeline graph: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  });
}

export class GraphWriter {
  /** The dump last drawn (a name in the dot folder). */
  private drawn: string | undefined;
  private readonly written = new Set<string>();
  private pending: Promise<void> = Promise.resolve();

  private constructor(
    private readonly ctx: JobContext,
    readonly dots: DotDir,
    private readonly targets: GraphRequest[],
  ) {}

  /** Checks every target (throws before anything runs), then makes the run's dot folder. */
  static async prepare(ctx: JobContext, targets: GraphRequest[], env: NodeJS.ProcessEnv): Promise<GraphWriter> {
    const checked = checkedTargets(ctx, targets, env); // first: a refusal leaves no folder behind
    const { dotDir } = await import('../gst/graph/dot-dir.js');
    return new GraphWriter(ctx, await dotDir(env), checked);
  }

  /** Run events: each time the pipeline reaches PLAYING, its dump is drawn once written. */
  observe(event: GstEvent): void {
    if (event.type !== 'state-changed' || !event.isPipeline || event.newState !== 'playing') return;
    this.pending = this.pending
      .then(async () => {
        if (await this.dots.waitFor('.PAUSED_PLAYING.dot', DUMP_WAIT_MS)) await this.draw(false);
      })
      .catch((error: unknown) => this.ctx.reporter.log('warn', `pipeline graph not drawn yet: ${error instanceof Error ? error.message : String(error)}`));
  }

  /**
   * The run has ended: draws its final picture when it differs from the one drawn. Returns the files
   * holding a picture of this run. A run that never got a pipeline built leaves none: a warning, unless
   * the run reported an error (a description that does not parse), which says it better. `strict`: a
   * command's own --graph that cannot be drawn is an error (else a warning, for runs that go on).
   */
  async finish(failed: boolean, strict = true): Promise<string[]> {
    await this.pending;
    const drawn = await this.draw(strict);
    if (!drawn && !failed) {
      for (const t of this.targets.filter((t) => !t.quiet)) this.ctx.reporter.log('warn', `no pipeline graph: the pipeline was never built, so ${labelOf(t)} was not written`);
    }
    return [...this.written];
  }

  /** This run's picture is in `file`. */
  wrote(file: string): boolean {
    return this.written.has(file);
  }

  remove(): Promise<void> {
    return this.dots.remove();
  }

  // Renders the chosen dump to every target; false when there is nothing to draw.
  private async draw(atEnd: boolean): Promise<boolean> {
    const picked = await this.dots.pick();
    if (!picked) return false;
    if (picked.file === this.drawn) return true;
    const { written, complete } = await renderTargets(this.ctx, picked, this.targets, this.dots.env, atEnd);
    for (const file of written) this.written.add(file);
    if (complete) this.drawn = picked.file;
    return true;
  }
}

/**
 * Renders one dot graph to every target. A target that cannot be drawn is a warning while the pipeline
 * goes on (it is tried again at its end), and at the end too for a quiet one; at the end (`final`), a
 * command's own --graph that cannot be drawn is the command's error.
 */
export async function renderTargets(
  ctx: JobContext, dot: { file: string; text: string }, targets: GraphRequest[], env: NodeJS.ProcessEnv, final: boolean,
): Promise<{ written: string[]; complete: boolean }> {
  const written: string[] = [];
  for (const target of targets) {
    try {
      const { renderGraph } = await import('../gst/graph/render.js');
      await renderGraph(dot.file, dot.text, target.file, env);
      written.push(target.file);
      if (!target.quiet) ctx.reporter.log('info', `pipeline graph written to ${target.file}`);
    } catch (error) {
      if (final && !target.quiet) throw error;
      ctx.reporter.log('warn', `${labelOf(target)} not drawn${final ? '' : ' yet'}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { written, complete: written.length === targets.length };
}
