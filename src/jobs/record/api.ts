// record as a REST body: the same schema, source and folder checks as the CLI. The body names the
// source `source`, as the command's argument is named; the schema calls it `input`.
import type { ApiBody } from '../spec.js';
import { checkFields, without } from '../validate.js';
import { OPS_FIELDS } from '../../ops/job-ops.js';
import { recordOptionsSchema } from './options.js';
import { checkSource } from './plan.js';
import { checkOutputDir } from './files.js';

export const recordApi: ApiBody = {
  schema: recordOptionsSchema,
  // The body names the positional argument as the command does (source); the option schema calls it input.
  paths: { specs: ['source'], files: ['outputDir', 'graph'] },
  check: (body) => {
    const options = checkFields(recordOptionsSchema, { ...without(body, 'dryRun', 'source', ...OPS_FIELDS), input: body.source }, { input: 'source' });
    checkSource(options);
    checkOutputDir(options.outputDir);
  },
  answer: (body) => (body.dryRun === true ? 'result' : 'created'),
};
