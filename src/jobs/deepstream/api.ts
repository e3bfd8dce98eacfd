// deepstream inference as a REST body: the same options and plan checks; a real run needs DeepStream (503 without).
import { z } from 'zod';
import { readEnv } from '../../config/env.js';
import type { ApiBody } from '../spec.js';
import { checkFields, listOf } from '../validate.js';
import { deepstreamOptionsSchema, inferenceOptions } from './options.js';
import { planDeepstream } from './plan.js';
import { requireDeepstream } from './run.js';

const FIELDS: Record<string, string> = {
  inputs: 'input', durationSeconds: 'duration', deepstreamPath: 'NVIDIA_DEEPSTREAM_PATH',
  'output.path': 'output', 'output.port': 'rtspPort', 'output.host': 'rtspHost', 'output.mount': 'rtspMount', 'output.udpPort': 'rtspPort',
};

export const deepstreamApi: ApiBody = {
  schema: deepstreamOptionsSchema,
  fieldTypes: { output: z.string().min(1).describe('write H.264 to this .mp4/.mkv/.mov/.ts file') },
  aliases: { rtsp_port: 'rtspPort', mount_point: 'rtspMount', output_sink: 'output' },
  paths: { specs: ['input'], files: ['config', 'secondary', 'tracker', 'trackerLib', 'output', 'brokerConfig', 'msgconvConfig'] },
  check: (body) => {
    const flags = body as unknown as Parameters<typeof inferenceOptions>[1];
    planDeepstream(checkFields(deepstreamOptionsSchema, inferenceOptions(listOf(body.input), flags, readEnv().deepstreamPath), FIELDS));
  },
  precondition: async () => void (await requireDeepstream(process.env)),
  answer: (body) => (body.dryRun === true ? 'result' : 'created'),
};
