// rtsp as a REST body: the same option resolution as the CLI (mounts, config file, users), and
// passwords moved from argv (which ps shows) to the job's environment.
import { z } from 'zod';
import type { ApiBody } from '../spec.js';
import { listOf, without } from '../validate.js';
import { AUTH_ENV } from './auth.js';
import { resolveRtspOptions } from './config.js';
import { rtspOptionsSchema } from './options.js';

export const rtspApi: ApiBody = {
  schema: rtspOptionsSchema,
  fieldTypes: { auth: z.union([z.string(), z.array(z.string())]).describe('user:pass, one or a list (prefer authFile)') },
  aliases: { mount_point: 'mount', rtsp_port: 'port' },
  paths: { specs: ['input'], mounts: ['mount'], files: ['config', 'authFile', 'record', 'graph'] },
  check: (body) => {
    const flags = without(body, 'input', 'mount', 'config', 'auth', 'authFile', 'dryRun');
    resolveRtspOptions({
      input: body.input as string | undefined,
      mounts: listOf(body.mount),
      configFile: body.config as string | undefined,
      flags,
      auth: { flags: listOf(body.auth), file: body.authFile as string | undefined, env: process.env },
    });
  },
  // LYDLR_RTSP_AUTH is a whitespace-separated list: a password with a space stays a flag.
  secretsToEnv: (body) => {
    const entries = listOf(body.auth);
    const viaEnv = entries.filter((e) => !/\s/.test(e));
    if (viaEnv.length === 0) return { argvBody: body, env: {} };
    const viaFlag = entries.filter((e) => /\s/.test(e));
    const env = { [AUTH_ENV]: [process.env[AUTH_ENV], ...viaEnv].filter(Boolean).join(' ') };
    return { argvBody: viaFlag.length > 0 ? { ...body, auth: viaFlag } : without(body, 'auth'), env };
  },
  answer: (body) => (body.dryRun === true ? 'result' : body.publish !== undefined ? 'created' : 'ready'),
};
