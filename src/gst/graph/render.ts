// Draws a GStreamer dot graph as SVG or PNG. System graphviz (`dot`) when installed (faster);
// otherwise SVG from graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz), imported only
// here, so commands that draw nothing never load its ~2 MB. PNG needs the system `dot`.
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { JobError } from '../../errors.js';
import { runTool } from '../../process/run-tool.js';
import { findOnPath } from '../tools.js';
import { importExternal } from '../../process/import-external.js';
import { tempSuffix } from '../../process/temp-suffix.js';
import { graphFormat } from './formats.js';

// With `out`, the picture goes to that file; without, SVG text comes back on stdout.
async function systemDot(dotFile: string, format: 'svg' | 'png', dot: string, env: NodeJS.ProcessEnv, out?: string): Promise<string> {
  const r = await runTool(dot, [`-T${format}`, dotFile, ...(out ? ['-o', out] : [])], { env, timeoutMs: 60_000 }).done;
  if (r.exitCode !== 0) throw new JobError(`graphviz could not draw the pipeline: ${r.stderr.trim() || r.failure}`);
  return r.stdout;
}

type Wasm = Awaited<ReturnType<(typeof import('@hpcc-js/wasm-graphviz'))['Graphviz']['load']>>;
// Loaded once per process: serve draws a picture per request.
let wasm: Promise<Wasm> | undefined;

async function wasmSvg(dotText: string): Promise<string> {
  wasm ??= (importExternal('@hpcc-js/wasm-graphviz') as Promise<typeof import('@hpcc-js/wasm-graphviz')>).then(({ Graphviz }) => Graphviz.load()).catch((error: unknown) => {
    wasm = undefined; // tried again next time
    throw error;
  });
  return (await wasm).dot(dotText, 'svg');
}

/** The SVG text of `dotFile` (text `dotText`), for answers that are not files (serve). */
export async function svgOf(dotFile: string, dotText: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const dot = findOnPath('dot', env);
  return dot ? systemDot(dotFile, 'svg', dot, env) : wasmSvg(dotText);
}

/** Writes `dotFile` (text `dotText`) to `target` in the format its extension names, atomically. */
export async function renderGraph(dotFile: string, dotText: string, target: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const format = graphFormat(target);
  // Unique per writer: the jobs of a batch may draw to the same file (serve's picture of a job).
  const partial = join(dirname(target), `.${basename(target)}.${tempSuffix()}.partial`);
  try {
    if (format === 'dot') await writeFile(partial, dotText);
    else if (format === 'svg') await writeFile(partial, await svgOf(dotFile, dotText, env));
    else await systemDot(dotFile, format, findOnPath('dot', env)!, env, partial);
    await rename(partial, target);
  } finally {
    await rm(partial, { force: true });
  }
}
