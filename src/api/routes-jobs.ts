// Job routes: POST a pipeline (compression, hls, rtsp, webrtc, deepstream inference, test-pipeline)
// → a CLI child; GET the jobs, one job, or its events (SSE); DELETE stops it gracefully.
import { z } from 'zod';
import { isLydlrError, ExitCode } from '../errors.js';
import { shellQuote } from '../pipeline/quote.js';
import { errorRecord } from '../report/result-record.js';
import { ApiError, statusForExitCode } from './api-error.js';
import { BASE_PATH, type Api } from './api.js';
import { readJsonBody } from './body.js';
import type { Job } from './job.js';
import type { JobKind } from './job-kinds.js';
import { JOB_STATES, jobListSchema, jobSchema, resultRecordSchema } from './job-schema.js';
import { prepareJob } from './prepare-job.js';
import { errorBodySchema, parseQuery } from './query.js';
import { sendJson } from './respond.js';
import type { ResponseDoc } from './route-doc.js';
import type { Route, RouteContext } from './router.js';
import { streamJobEvents } from './sse.js';

/** How long a POST for a server waits for its ready event (its URLs) before answering anyway. */
const READY_WAIT_MS = 20_000;

const unavailable: ResponseDoc = { description: 'the environment cannot run it (DeepStream unavailable): the command\'s error record with every reason', schema: resultRecordSchema };
const refusal = (description: string): ResponseDoc => ({ description, schema: errorBodySchema });
const jobsQuery = z.object({ state: z.enum(JOB_STATES).optional(), kind: z.string().optional().describe('only jobs of one kind (compression, hls, rtsp…)') }).strict();
const noQuery = z.object({}).strict();

export function jobRoutes(api: Api): Route[] {
  return [
    ...api.kinds.map((kind) => startRoute(api, kind)),
    {
      method: 'GET', path: `${BASE_PATH}/jobs/`,
      doc: { operationId: 'listJobs', tag: 'jobs', summary: 'Every job (queued, running and recent), newest last', query: jobsQuery,
        responses: { 200: { description: 'the jobs and how many are in each state', schema: jobListSchema } } },
      handler: async (c) => {
        const q = parseQuery(jobsQuery, c.query);
        const jobs = api.jobs.list().filter((j) => (!q.state || j.state === q.state) && (!q.kind || j.kind === q.kind));
        sendJson(c.res, 200, { jobs: jobs.map((j) => j.toRecord()), counts: api.jobs.counts() });
      },
    },
    {
      method: 'GET', path: `${BASE_PATH}/jobs/{id}/`,
      doc: { operationId: 'getJob', tag: 'jobs', summary: 'One job: state, progress, stats, published URLs, result or error', query: noQuery,
        responses: { 200: { description: 'the job', schema: jobSchema }, 404: refusal('no job with this id (finished jobs are forgotten after a while)') } },
      handler: async (c) => sendJson(c.res, 200, jobOf(api, c).toRecord()),
    },
    {
      method: 'DELETE', path: `${BASE_PATH}/jobs/{id}/`,
      doc: { operationId: 'stopJob', tag: 'jobs', summary: 'Stop a job gracefully (EOS, files finalized; killed after serve\'s --stop-timeout); answers once it has ended', query: noQuery,
        responses: { 200: { description: 'the ended job (state stopped, or its final state if it had already ended)', schema: jobSchema }, 404: refusal('no job with this id') } },
      handler: async (c) => sendJson(c.res, 200, (await api.jobs.stop(jobOf(api, c))).toRecord()),
    },
    {
      method: 'GET', path: `${BASE_PATH}/jobs/{id}/events`,
      doc: { operationId: 'jobEvents', tag: 'jobs', query: noQuery,
        summary: 'The job\'s events as Server-Sent Events: `event:` is the NDJSON type (progress, ready, warning, error, stats, result, job-state, log…), `data:` the event; replay from Last-Event-ID; a final `end` event carries the job',
        responses: { 200: { description: 'text/event-stream', contentType: 'text/event-stream' }, 404: refusal('no job with this id') } },
      handler: async (c) => streamJobEvents(c.req, c.res, jobOf(api, c)),
    },
  ];
}

function startRoute(api: Api, kind: JobKind): Route {
  // A job that always answers with its result (test-pipeline) has no job record to return.
  const synchronous = kind.answer({}) === 'result';
  const responses: Record<number, ResponseDoc> = synchronous
    ? { 200: { description: 'the verdict: the test command\'s --json result (ok true, or ok false with the error and its fix)', schema: resultRecordSchema } }
    : {
        201: { description: 'the job was created (Location: its URL); servers answer once their URLs are published (urls, ready)', schema: jobSchema, headers: { location: 'the job\'s URL' } },
        200: { description: 'dryRun: the command\'s --json result (the pipeline, nothing started)', schema: resultRecordSchema },
      };
  return {
    method: 'POST', path: `${BASE_PATH}${kind.path}`,
    doc: {
      operationId: `start${kind.name.replace(/(^|-)([a-z])/g, (_, __, ch: string) => ch.toUpperCase())}`, tag: kind.tag,
      summary: kind.summary, query: noQuery,
      description: 'Body: the command\'s long options in camelCase and its positional arguments as `input` (and `output`); the original Lydlr REST API\'s snake_case names (input_source, output_sink, compression_level, rtsp_port, mount_point, output_dir, segment_duration…) are accepted too.',
      body: kind.bodySchema,
      responses: {
        ...responses,
        400: refusal('a bad body: every field issue, by field'),
        403: refusal('a path outside serve\'s --root'),
        413: refusal('the body is larger than serve\'s --max-body'),
        415: refusal('the body is not JSON'),
        ...(kind.precondition ? ({ 503: unavailable } as Record<number, ResponseDoc>) : {}),
      },
    },
    handler: (c) => startJob(api, kind, c),
  };
}

async function startJob(api: Api, kind: JobKind, c: RouteContext): Promise<void> {
  parseQuery(noQuery, c.query);
  const { body, argv, env } = prepareJob(api, kind, await readJsonBody(c.req, api.options.bodyLimit));
  const answer = kind.answer(body);
  if (answer !== 'result' && kind.precondition) {
    try {
      await kind.precondition(body);
    } catch (error) {
      if (!isLydlrError(error) || error.exitCode !== ExitCode.environment) throw error;
      return sendJson(c.res, 503, errorRecord(kind.command.join(' '), error));
    }
  }
  const args = ['--json', ...(api.options.gstDebug !== undefined ? ['--gst-debug', String(api.options.gstDebug)] : []), ...argv];
  const job = api.jobs.create(kind.name, args, displayCommand(args), env);
  const location = job.toRecord().links.self;
  if (answer === 'result') return answerWithResult(api, job, c, location, kind.name === 'test-pipeline');
  if (answer === 'ready') await readyOrEnd(job, READY_WAIT_MS);
  sendJson(c.res, 201, job.toRecord(), { location });
}

// test-pipeline and dry runs: the command's own result record. A client that leaves stops the job.
async function answerWithResult(api: Api, job: Job, c: RouteContext, location: string, verdict: boolean): Promise<void> {
  c.res.once('close', () => {
    if (!c.res.writableFinished && !job.final) void api.jobs.stop(job);
  });
  await job.ended;
  const record = job.toRecord();
  if (!record.result) {
    const status = record.state === 'stopped' ? 503 : 500;
    throw new ApiError(status, record.state === 'stopped' ? 'The job was stopped before it had a result (serve is shutting down).' : (record.error?.message ?? 'The job ended without a result.'), { name: 'JobEnded', data: { job: record } });
  }
  const exitCode = typeof record.result.exitCode === 'number' ? record.result.exitCode : record.result.ok ? 0 : 1;
  sendJson(c.res, verdict ? 200 : statusForExitCode(exitCode), record.result, { location });
}

// Resolves at the first ready (or playlist-ready) event, when the job ends, or after `ms`.
function readyOrEnd(job: Job, ms: number): Promise<void> {
  return new Promise((resolve) => {
    let finished = false;
    let unsubscribe: (() => void) | undefined;
    const done = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      unsubscribe?.();
      resolve();
    };
    const timer = setTimeout(done, ms);
    unsubscribe = job.subscribe((e) => {
      if (e.event.type === 'ready' || e.event.type === 'playlist-ready') done();
    });
    if (finished) unsubscribe(); // the ready event was among those replayed
    void job.ended.then(done);
  });
}

export function jobOf(api: Api, c: RouteContext): Job {
  const job = api.jobs.get(c.params.id!);
  if (!job) throw new ApiError(404, `No job "${c.params.id}".`, { name: 'NotFound', fix: `GET ${BASE_PATH}/jobs/ lists the jobs` });
  return job;
}

// The copy-pasteable command, with passwords and tokens masked.
export function displayCommand(args: string[]): string {
  const masked = args.map((a) => a
    .replace(/^(--(?:token|auth))=(.*)$/, (_, flag: string, value: string) => `${flag}=${flag === '--auth' && value.includes(':') ? `${value.slice(0, value.indexOf(':'))}:***` : '***'}`)
    .replace(/(\/\/[^/:@\s]+:)[^@\s/]+@/g, '$1***@'));
  return ['lydlr-gst', ...masked].map(shellQuote).join(' ');
}
