// compress as a REST body: `input` (one or a list) and `output` or `outputDir`, checked by the same schema.
import type { ApiBody } from '../spec.js';
import { checkFields, listOf, without } from '../validate.js';
import { compressOptionsSchema } from './options.js';

export const compressApi: ApiBody = {
  schema: compressOptionsSchema,
  extraArgs: [{ name: 'output', variadic: false, required: false, help: 'the output file (its extension picks the container); or give outputDir' }],
  paths: { specs: ['input'], files: ['output', 'outputDir', 'graph'] },
  check: (body) => void checkFields(compressOptionsSchema, { ...without(body, 'input'), inputs: listOf(body.input) }, { inputs: 'input' }),
  answer: (body) => (body.dryRun === true ? 'result' : 'created'),
};
