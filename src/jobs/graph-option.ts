// The --graph field of a job's option schema: what the flag's parser checks (graph-flags.ts), for REST
// bodies and library callers, which do not go through the command line.
import { z } from 'zod';

export const graphOption = () => z.string().regex(/\.(svg|png|dot)$/i, { error: 'must name a .svg, .png or .dot file' }).optional();
