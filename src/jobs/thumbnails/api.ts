// thumbnails as a REST body: the same schema as the CLI; a job like the others (201, then events).
import type { ApiBody } from '../spec.js';
import { checkFields, without } from '../validate.js';
import { thumbnailsOptionsSchema } from './options.js';

export const thumbnailsApi: ApiBody = {
  schema: thumbnailsOptionsSchema,
  fieldTypes: { sprite: thumbnailsOptionsSchema.shape.sprite },
  paths: { files: ['input', 'outputDir', 'graph'] },
  check: (body) => {
    checkFields(thumbnailsOptionsSchema, without(body, 'dryRun'));
  },
  answer: (body) => (body.dryRun === true ? 'result' : 'created'),
};
