// The jobs the API starts, one entry per command, all alike: the CLI words, the option schema
// whose fields check the body, which fields are paths, and the command's own whole-options check.
// One switch (jobKind) picks; the work itself is always the CLI in a child process.
import { z } from 'zod';
import { readEnv } from '../config/env.js';
import { compressOptionsSchema } from '../jobs/compress/options.js';
import { inferenceOptions, deepstreamOptionsSchema } from '../jobs/deepstream/options.js';
import { planDeepstream } from '../jobs/deepstream/plan.js';
import { requireDeepstream } from '../jobs/deepstream/run.js';
import { checkOutputDir } from '../jobs/hls/files.js';
import { hlsOptionsSchema } from '../jobs/hls/options.js';
import { checkInputCombination } from '../jobs/hls/plan.js';
import { resolveRtspOptions } from '../jobs/rtsp/config.js';
import { rtspOptionsSchema } from '../jobs/rtsp/options.js';
import { AUTH_ENV } from '../jobs/rtsp/auth.js';
import { TOKEN_ENV, webrtcOptionsSchema } from '../jobs/webrtc/options.js';
import { ApiError, type FieldIssue } from './api-error.js';
import type { PositionalField } from './command-options.js';
import type { JobKindName } from './job-schema.js';

type Body = Record<string, unknown>;

/** How POST answers: 201 at once, 201 once the server published its URLs, or the result itself. */
export type Answer = 'created' | 'ready' | 'result';

export interface JobKind {
  name: JobKindName;
  /** The route under /api/gstreamer. */
  path: string;
  /** The CLI words. */
  command: readonly string[];
  summary: string;
  /** The command's option schema; body fields of the same name are checked by its fields. */
  schema?: z.ZodObject;
  /** Body fields whose CLI form differs from the schema's. */
  fieldTypes?: Record<string, z.ZodType>;
  /** Positional words the command line implies but commander does not name (compress's output). */
  extraPositionals?: PositionalField[];
  aliases?: Record<string, string>;
  /** Body fields that are file paths, input specs, rtsp mounts or pipeline descriptions (--root). */
  paths: { files?: string[]; specs?: string[]; mounts?: string[]; pipelines?: string[] };
  /** The command's own check of the whole options (cross-field rules, files); throws. */
  check?: (body: Body) => void;
  /** Before a real run (not a dry run) is queued: a 503 when the environment cannot run it. */
  precondition?: (body: Body) => Promise<void>;
  answer: (body: Body) => Answer;
  /** Secret fields moved from the job's argv (which ps shows to every user) to its environment. */
  secretsToEnv?: (body: Body) => { argvBody: Body; env: Record<string, string> };
}

const list = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);
const without = (body: Body, ...keys: string[]): Body => Object.fromEntries(Object.entries(body).filter(([k]) => !keys.includes(k)));
const dryRunOr = (answer: Answer) => (body: Body): Answer => (body.dryRun === true ? 'result' : answer);

export const JOB_KIND_TABLE: readonly JobKind[] = [
  {
    name: 'compression',
    path: '/pipeline/compression/',
    command: ['compress'],
    summary: 'Transcode a file (or a test source) with H.264/H.265/VP8/VP9/AV1: `lydlr-gst compress`',
    schema: compressOptionsSchema,
    extraPositionals: [{ field: 'output', variadic: false, required: false, description: 'the output file (its extension picks the container); or give outputDir' }],
    paths: { specs: ['input'], files: ['output', 'outputDir'] },
    check: (body) => zodCheck(compressOptionsSchema, { ...without(body, 'input'), inputs: list(body.input) }, { inputs: 'input' }),
    answer: dryRunOr('created'),
  },
  {
    name: 'hls',
    path: '/pipeline/hls/',
    command: ['hls'],
    summary: 'Package a file or a live source as HLS (VOD or live, ABR ladders): `lydlr-gst hls`',
    schema: hlsOptionsSchema,
    paths: { specs: ['input'], files: ['outputDir'] },
    check: (body) => {
      const options = zodCheck(hlsOptionsSchema, without(body, 'dryRun'));
      checkInputCombination(options);
      checkOutputDir(options.outputDir, options.overwrite);
    },
    // With --serve it is a server: the answer waits for its URL (live: the first playlist).
    answer: (body) => (body.dryRun === true ? 'result' : body.serve !== undefined ? 'ready' : 'created'),
  },
  {
    name: 'rtsp',
    path: '/pipeline/rtsp/',
    command: ['rtsp'],
    summary: 'Serve a file, camera or test source over RTSP, or publish it to a media server: `lydlr-gst rtsp`',
    schema: rtspOptionsSchema,
    fieldTypes: { auth: z.union([z.string(), z.array(z.string())]).describe('user:pass, one or a list (prefer authFile)') },
    aliases: { mount_point: 'mount', rtsp_port: 'port' },
    paths: { specs: ['input'], mounts: ['mount'], files: ['config', 'authFile'] },
    check: (body) => {
      const flags = without(body, 'input', 'mount', 'config', 'auth', 'authFile', 'dryRun');
      resolveRtspOptions({
        input: body.input as string | undefined,
        mounts: list(body.mount),
        configFile: body.config as string | undefined,
        flags,
        auth: { flags: list(body.auth), file: body.authFile as string | undefined, env: process.env },
      });
    },
    // LYDLR_RTSP_AUTH is a whitespace-separated list: a password with a space stays a flag.
    secretsToEnv: (body) => {
      const entries = list(body.auth);
      const viaEnv = entries.filter((e) => !/\s/.test(e));
      if (viaEnv.length === 0) return { argvBody: body, env: {} };
      const viaFlag = entries.filter((e) => /\s/.test(e));
      const env = { [AUTH_ENV]: [process.env[AUTH_ENV], ...viaEnv].filter(Boolean).join(' ') };
      return { argvBody: viaFlag.length > 0 ? { ...body, auth: viaFlag } : without(body, 'auth'), env };
    },
    answer: (body) => (body.dryRun === true ? 'result' : body.publish !== undefined ? 'created' : 'ready'),
  },
  {
    name: 'webrtc',
    path: '/pipeline/webrtc/',
    command: ['webrtc'],
    summary: 'Stream to browsers over WebRTC: a viewer page and a WHEP endpoint: `lydlr-gst webrtc`',
    schema: webrtcOptionsSchema,
    fieldTypes: { icePorts: z.string().describe('MIN-MAX, e.g. 40000-40100') },
    paths: { specs: ['input'] },
    check: (body) => void zodCheck(webrtcOptionsSchema, body),
    answer: () => 'ready',
    secretsToEnv: (body): { argvBody: Body; env: Record<string, string> } =>
      body.token === undefined ? { argvBody: body, env: {} } : { argvBody: without(body, 'token'), env: { [TOKEN_ENV]: String(body.token) } },
  },
  {
    name: 'deepstream-inference',
    path: '/deepstream/inference/',
    command: ['deepstream', 'inference'],
    summary: 'NVIDIA DeepStream inference (nvstreammux → nvinfer → nvdsosd); dryRun returns the pipeline: `lydlr-gst deepstream inference`',
    schema: deepstreamOptionsSchema,
    fieldTypes: { output: z.string().min(1).describe('write H.264 to this .mp4/.mkv/.mov/.ts file') },
    aliases: { rtsp_port: 'rtspPort', mount_point: 'rtspMount', output_sink: 'output' },
    paths: { specs: ['input'], files: ['config', 'secondary', 'tracker', 'trackerLib', 'output', 'brokerConfig', 'msgconvConfig'] },
    check: (body) => {
      const flags = body as unknown as Parameters<typeof inferenceOptions>[1];
      const options = zodCheck(deepstreamOptionsSchema, inferenceOptions(list(body.input), flags, readEnv().deepstreamPath), DEEPSTREAM_FIELDS);
      planDeepstream(options);
    },
    precondition: async () => void (await requireDeepstream(process.env)),
    answer: dryRunOr('created'),
  },
  {
    name: 'test-pipeline',
    path: '/test-pipeline/',
    command: ['test'],
    summary: 'Does this pipeline run here? The test command\'s verdict (`lydlr-gst test`); the default is a tiny test source',
    fieldTypes: { pipeline: z.string().min(1).describe('a gst-launch pipeline description, e.g. "videotestsrc num-buffers=30 ! fakesink"') },
    paths: { pipelines: ['pipeline'] },
    answer: () => 'result',
  },
];

const DEEPSTREAM_FIELDS: Record<string, string> = {
  inputs: 'input', durationSeconds: 'duration', deepstreamPath: 'NVIDIA_DEEPSTREAM_PATH',
  'output.path': 'output', 'output.port': 'rtspPort', 'output.host': 'rtspHost', 'output.mount': 'rtspMount', 'output.udpPort': 'rtspPort',
};

export function jobKind(name: string): JobKind | undefined {
  return JOB_KIND_TABLE.find((k) => k.name === name);
}

// Every problem the schema finds, as field issues (400); the parsed options when there is none.
export function zodCheck<S extends z.ZodType>(schema: S, input: unknown, rename: Record<string, string> = {}): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues: FieldIssue[] = parsed.error.issues.map((issue) => {
    const path = issue.path.map(String);
    const field = rename[path.slice(0, 2).join('.')] ?? rename[path[0] ?? ''] ?? (path.join('.') || undefined);
    return { ...(field ? { field } : {}), message: issue.message };
  });
  throw new ApiError(400, `Invalid body: ${issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ')}.`, { name: 'InvalidBody', issues });
}
