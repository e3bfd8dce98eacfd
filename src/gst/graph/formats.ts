// The picture formats --graph writes, and whether this machine can draw one, apart from the renderer
// (render.ts) so flag tables and the checks before a run need not load it.
import { extname } from 'node:path';
import { EnvironmentError } from '../../errors.js';
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
