// Draws a GStreamer dot graph as SVG or PNG. System graphviz (`dot`) when installed (faster);
// otherwise SVG from graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz), imported only
// here, so commands that draw nothing never load its ~2 MB. PNG needs the system `dot`.
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { EnvironmentError, JobError } from '../../errors.js';
import { runTool } from '../../process/run-tool.js';
import { findOnPath } from '../tools.js';

export const GRAPH_FORMATS = ['svg', 'png', 'dot'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export const graphFormat = (file: string): GraphFormat => extname(file).slice(1).toLowerCase() as GraphFormat;

/** Throws before anything runs when the format cannot be drawn on this machine. */
export function checkGraphRenderer(file: string, env: NodeJS.ProcessEnv = process.env): void {
  if (graphFormat(file) === 'png' && !findOnPath('dot', env)) {
    throw new EnvironmentError('--graph FILE.png needs graphviz (dot); SVG and DOT need nothing.', { fix: 'apt-get install -y graphviz, or use --graph FILE.svg', data: { graph: file } });
  }
}

async function systemDot(dotFile: string, format: 'svg' | 'png', out: string, dot: string, env: NodeJS.ProcessEnv): Promise<void> {
  const r = await runTool(dot, [`-T${format}`, dotFile, '-o', out], { env, timeoutMs: 60_000 }).done;
  if (r.exitCode !== 0) throw new JobError(`graphviz could not draw the pipeline: ${r.stderr.trim() || r.failure}`);
}

async function wasmSvg(dotText: string): Promise<string> {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  return (await Graphviz.load()).dot(dotText, 'svg');
}

/** Writes `dotFile` (text `dotText`) to `target` in the format its extension names, atomically. */
export async function renderGraph(dotFile: string, dotText: string, target: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const format = graphFormat(target);
  // Unique per writer: the jobs of a batch may draw to the same file (serve's picture of a job).
  const partial = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(3).toString('hex')}.partial`);
  try {
    const dot = findOnPath('dot', env);
    if (format === 'dot') await writeFile(partial, dotText);
    else if (dot) await systemDot(dotFile, format, partial, dot, env);
    else await writeFile(partial, await wasmSvg(dotText));
    await rename(partial, target);
  } finally {
    await rm(partial, { force: true });
  }
}
