// webrtc as a REST body: the same schema; the viewer token moves from argv (which ps shows) to the job's environment.
import { z } from 'zod';
import type { ApiBody } from '../spec.js';
import { checkFields, without } from '../validate.js';
import { OPS_FIELDS } from '../../ops/job-ops.js';
import { TOKEN_ENV, webrtcOptionsSchema } from './options.js';

export const webrtcApi: ApiBody = {
  schema: webrtcOptionsSchema,
  fieldTypes: { icePorts: z.string().describe('MIN-MAX, e.g. 40000-40100') },
  paths: { specs: ['input'], files: ['graph'] },
  check: (body) => void checkFields(webrtcOptionsSchema, without(body, 'dryRun', ...OPS_FIELDS)),
  answer: (body) => (body.dryRun === true ? 'result' : 'ready'),
  secretsToEnv: (body): { argvBody: Record<string, unknown>; env: Record<string, string> } =>
    body.token === undefined ? { argvBody: body, env: {} } : { argvBody: without(body, 'token'), env: { [TOKEN_ENV]: String(body.token) } },
};
