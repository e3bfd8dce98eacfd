// The picture formats --graph writes, apart from the renderer (render.ts) so flag tables can name
// them without loading it.
import { extname } from 'node:path';

export const GRAPH_FORMATS = ['svg', 'png', 'dot'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export const graphFormat = (file: string): GraphFormat => extname(file).slice(1).toLowerCase() as GraphFormat;
