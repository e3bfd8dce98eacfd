// serve --redis: the distributed queue over REST, the same calls as `queue add|status|retry|clean`
// answered with the same records as their --json result lines. A queued job's body is the job's own
// REST body (as POST pipeline/compression/ takes it), checked the same way, then enqueued by the
// same code as `queue add`.
import { z } from 'zod';
import { ExitCode, isLydlrError } from '../errors.js';
import { jobName } from '../jobs/spec.js';
import { withQueue } from '../queue/open-queue.js';
import { cleanFinished, retryFailed, type CleanState } from '../queue/retry-clean.js';
import { queueStatus } from '../queue/status.js';
import { errorRecord, resultRecord } from '../report/result-record.js';
import type { JobResult } from '../jobs/context.js';
import { ApiError, badRequestFrom } from './api-error.js';
import { BASE_PATH, type Api, type QueueAccess } from './api.js';
import { readJsonBody } from './body.js';
import { resultRecordSchema } from './job-schema.js';
import { prepareJob } from './prepare-job.js';
import { errorBodySchema, parseQuery } from './query.js';
import { sendJson } from './respond.js';
import { parseChunkLength } from '../jobs/chunk-length.js';
import type { ResponseDoc } from './route-doc.js';
import type { Route, RouteContext } from './router.js';

const noQuery = z.object({}).strict();
const record = (what: string): ResponseDoc => ({ description: `the same object as \`lydlr-gst queue ${what} --json\`'s result line`, schema: resultRecordSchema });
const refusal = (description: string): ResponseDoc => ({ description, schema: errorBodySchema });
const unreachable: ResponseDoc = { description: 'Redis is not reachable (exit 3): the error record with the fix', schema: resultRecordSchema };

const retryBody = z.object({ ids: z.array(z.string().min(1)).optional().describe('job ids (from GET queue/); none = every failed job') }).strict();
const cleanBody = z.object({
  state: z.enum(['completed', 'failed', 'all']).default('all').describe('which finished jobs (queue clean --state)'),
  grace: z.number().min(0).default(0).describe('keep jobs that finished less than this many seconds ago (queue clean --grace)'),
}).strict();

// --chunk's own parser, so a body says what the flag says.
function checkChunk(value: string | number | undefined, ctx: z.RefinementCtx): void {
  if (value === undefined) return;
  try {
    parseChunkLength(String(value));
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
}

export function queueRoutes(api: Api, queue: QueueAccess): Route[] {
  const { target } = queue;
  const queueable = api.kinds.map((k) => jobName(k.spec));
  const addBody = z.object({
    kind: z.enum(queueable as [string, ...string[]]).default('compress').describe('the job to queue, as `queue add --kind` names it'),
    priority: z.number().int().min(1).optional().describe('lower runs first (1 = highest); default: in order added'),
    dryRun: z.boolean().optional().describe('check the job and answer with the queue jobs it makes; enqueue nothing'),
    chunk: z.union([z.string().min(1), z.number()]).optional().superRefine(checkChunk)
      .describe('compress only: split each input at keyframes into chunks of at most this long (30s, 2m; at least 2s), encoded by several workers, joined without re-encoding (`queue add --chunk`)'),
    job: z.record(z.string(), z.unknown()).describe('the job\'s own body, as its POST route takes it (compress: {"input": [paths…], "outputDir": "…", "codec": "h265"}); paths on storage every worker sees'),
  }).strict();
  const path = `${BASE_PATH}/queue/`;
  return [
    {
      method: 'POST', path,
      doc: { operationId: 'queueAdd', tag: 'queue', summary: 'Enqueue a job per input for `lydlr-gst worker`s (`lydlr-gst queue add`); adding the same work twice is one job', query: noQuery, body: addBody,
        responses: { 200: record('add'), 400: refusal('a bad body, or the job\'s own command refused it (every field issue, by field)'), 403: refusal('a path outside serve\'s --root'), 503: unreachable } },
      handler: (c) => answer(c, 'queue add', async () => {
        const body = parseBody(addBody, await readJsonBody(c.req, api.options.bodyLimit));
        const kind = api.kinds.find((k) => jobName(k.spec) === body.kind)!;
        const prepared = prepareJob(api, kind, body.job);
        if (Object.keys(prepared.env).length > 0) throw new ApiError(400, `${body.kind}: jobs with secrets cannot be queued (Redis would hold them).`, { name: 'InvalidBody' });
        const chunkSeconds = body.chunk === undefined ? undefined : parseChunkLength(String(body.chunk));
        const jobs = await queue.add(kind.spec, prepared.argv.slice(kind.command.length), { priority: body.priority, dryRun: body.dryRun, chunkSeconds, cwd: api.paths.base });
        const data = body.dryRun ? { dryRun: true, queue: target.queue, jobs } : { queue: target.queue, added: jobs.filter((j) => j.added).length, jobs };
        return { ok: true, data };
      }),
    },
    {
      method: 'GET', path,
      doc: { operationId: 'queueStatus', tag: 'queue', summary: 'Jobs by state, per-job progress, failures with their error (`lydlr-gst queue status`)', query: noQuery,
        responses: { 200: record('status'), 503: unreachable } },
      handler: (c) => answer(c, 'queue status', async () => {
        parseQuery(noQuery, c.query);
        return { ok: true, data: { ...(await withQueue(target, queueStatus)) } };
      }),
    },
    {
      method: 'POST', path: `${path}retry/`,
      doc: { operationId: 'queueRetry', tag: 'queue', summary: 'Put failed jobs back in the queue, all of them or those named (`lydlr-gst queue retry`)', query: noQuery, body: retryBody,
        responses: { 200: record('retry'), 400: refusal('a bad body'), 503: unreachable } },
      handler: (c) => answer(c, 'queue retry', async () => {
        const body = parseBody(retryBody, await readJsonBody(c.req, api.options.bodyLimit));
        return { ok: true, data: { retried: await withQueue(target, (q) => retryFailed(q, body.ids ?? [])) } };
      }),
    },
    {
      method: 'POST', path: `${path}clean/`,
      doc: { operationId: 'queueClean', tag: 'queue', summary: 'Remove finished jobs from Redis; output files stay (`lydlr-gst queue clean`)', query: noQuery, body: cleanBody,
        responses: { 200: record('clean'), 400: refusal('a bad body'), 503: unreachable } },
      handler: (c) => answer(c, 'queue clean', async () => {
        const body = parseBody(cleanBody, await readJsonBody(c.req, api.options.bodyLimit));
        const states: CleanState[] = body.state === 'all' ? ['completed', 'failed'] : [body.state];
        return { ok: true, data: { removed: await withQueue(target, (q) => cleanFinished(q, states, body.grace * 1000)) } };
      }),
    },
  ];
}

// The command's record, or its error: bad input 400 (by field), Redis unreachable 503.
async function answer(c: RouteContext, command: string, compute: () => Promise<Omit<JobResult, 'lines'>>): Promise<void> {
  try {
    sendJson(c.res, 200, resultRecord(command, { ...(await compute()) }));
  } catch (error) {
    if (!isLydlrError(error)) throw error;
    const badRequest = badRequestFrom(error);
    if (badRequest) throw badRequest;
    sendJson(c.res, error.exitCode === ExitCode.environment ? 503 : 500, errorRecord(command, error));
  }
}

function parseBody<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => {
    const field = i.code === 'unrecognized_keys' ? i.keys.join(', ') : i.path.map(String).join('.');
    return { ...(field ? { field } : {}), message: i.message };
  });
  throw new ApiError(400, `Invalid body: ${issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ')}.`, { name: 'InvalidBody', issues });
}
