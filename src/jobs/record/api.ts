// record as a REST body: the same schema, source and folder checks as the CLI. The body names the
// source `source`, as the command's argument is named; the schema calls it `input`.
import type { ApiBody } from '../spec.js';
import { checkFields, without } from '../validate.js';
import { recordOptionsSchema } from './options.js';
import { checkSource } from './plan.js';
import { checkOutputDir } from './files.js';

export const recordApi: ApiBody = {
  schema: recordOptionsSchema,
  paths: { specs: ['source'], files: ['outputDir'] },
  check: (body) => {
    const { source, ...rest } = without(body, 'dryRun');
    const options = checkFields(recordOptionsSchema, { ...rest, input: source });
    checkSource(options);
    checkOutputDir(options.outputDir);
  },
  answer: (body) => (body.dryRun === true ? 'result' : 'created'),
};
