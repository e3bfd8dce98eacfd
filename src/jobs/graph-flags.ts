// The flags every job that runs a pipeline shares: a picture of the pipeline as it ran.
import { extname } from 'node:path';
import { FlagValueError, textValue, type FlagSpec } from './flags.js';
import { GRAPH_FORMATS, type GraphFormat } from '../gst/graph/formats.js';

export interface GraphFlags {
  graph?: string;
}

const graphFile = textValue((value: string): string => {
  const format = extname(value).slice(1).toLowerCase();
  if (!(GRAPH_FORMATS as readonly string[]).includes(format as GraphFormat)) {
    throw new FlagValueError(`--graph writes ${GRAPH_FORMATS.map((f) => `.${f}`).join(', ')} files, got "${value}"`);
  }
  return value;
});

export const GRAPH_FLAGS: readonly FlagSpec[] = [
  { flags: '--graph <file>', help: 'write the pipeline as it ran (in PLAYING, or when the error came), with caps on the links: FILE.svg, .png or .dot', parse: graphFile },
];
