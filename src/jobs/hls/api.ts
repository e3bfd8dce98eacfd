// hls as a REST body: checked by the same schema, input combination and output folder rules as the CLI.
import type { ApiBody } from '../spec.js';
import { checkFields, without } from '../validate.js';
import { checkOutputDir } from './files.js';
import { hlsOptionsSchema } from './options.js';
import { checkInputCombination } from './plan.js';

export const hlsApi: ApiBody = {
  schema: hlsOptionsSchema,
  paths: { specs: ['input'], files: ['outputDir', 'graph'] },
  check: (body) => {
    const options = checkFields(hlsOptionsSchema, without(body, 'dryRun'));
    checkInputCombination(options);
    checkOutputDir(options.outputDir, options.overwrite);
  },
  // With --serve it is a server: the answer waits for its URL (live: the first playlist).
  answer: (body) => (body.dryRun === true ? 'result' : body.serve !== undefined ? 'ready' : 'created'),
};
