// snapshot as a REST body: the same schema and checks as the CLI; POST answers with the result.
import type { ApiBody } from '../spec.js';
import { checkFields, without } from '../validate.js';
import { snapshotOptionsSchema } from './options.js';
import { planSnapshot } from './plan.js';

export const snapshotApi: ApiBody = {
  schema: snapshotOptionsSchema,
  paths: { specs: ['input'], files: ['output'] },
  check: (body) => {
    planSnapshot(checkFields(snapshotOptionsSchema, without(body, 'dryRun')));
  },
  answer: () => 'result',
};
