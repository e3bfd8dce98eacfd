// Read-only routes: the same library calls as status, doctor, diagnostics, plugins, plugins show and
// deepstream status, answered with the very record their --json prints.
import { z } from 'zod';
import type { JobResult } from '../jobs/context.js';
import { readEnv } from '../config/env.js';
import { ExitCode, isLydlrError, type LydlrError } from '../errors.js';
import { pluginDetails } from '../gst/inspect/describe.js';
import { FEATURE_KINDS } from '../gst/inspect/feature-kinds.js';
import { listFeatures } from '../gst/inspect/inspect.js';
import { filterListing, pluginListData } from '../gst/inspect/plugins.js';
import { diagnostics, diagnosticsExitCode } from '../health/diagnostics.js';
import { missingPluginSets } from '../health/plugin-sets.js';
import { healthReport } from '../health/report.js';
import { gstStatus } from '../health/status.js';
import { healthCommands } from '../health/job-needs.js';
import { deepstreamStatus } from '../jobs/deepstream/status.js';
import { silentContext } from '../jobs/context.js';
import { TARGETS, type Target } from '../jobs/probe/targets.js';
import { errorRecord, resultRecord } from '../report/result-record.js';
import { BASE_PATH, type Api } from './api.js';
import { resultRecordSchema } from './job-schema.js';
import { errorBodySchema, parseQuery } from './query.js';
import { sendJson } from './respond.js';
import type { ResponseDoc } from './route-doc.js';
import type { Route, RouteContext } from './router.js';

const record = (what: string): ResponseDoc => ({ description: `the same object as \`lydlr-gst ${what} --json\`'s result line`, schema: resultRecordSchema });
const failed = (description: string): ResponseDoc => ({ description, schema: resultRecordSchema });
const internal: ResponseDoc = { description: 'the command failed unexpectedly (its result record, exit code inside)', schema: resultRecordSchema };

const pluginsQuery = z.object({
  search: z.string().optional().describe('only features whose name, description or plugin contains the text (plugins --search)'),
  type: z.enum(FEATURE_KINDS).optional().describe('only one kind of feature (plugins --type)'),
  missing: z.enum(['true', 'false', '1', '0', '']).optional().describe('the Debian plugin sets and which are missing (plugins --missing)'),
}).strict();
const noQuery = z.object({}).strict();
const target = `(${TARGETS.join('|')})`;
const probeQuery = z.object({
  source: z.string().min(1).describe('a media file, relative to serve\'s folder (or --root, which it must stay inside)'),
  for: z.string().regex(new RegExp(`^${target}(,${target})*$`), `comma-separated: ${TARGETS.join(', ')}`).optional().describe('targets to judge (probe --for); default all'),
}).strict();

export function healthRoutes(api: Api): Route[] {
  const healthQuery = z.object({ for: z.enum(healthCommands() as [string, ...string[]]).optional().describe('check only what one command needs (doctor --for)') }).strict();
  const inspectEnv = () => ({ env: api.options.childEnv() });
  return [
    {
      method: 'GET', path: `${BASE_PATH}/status/`,
      doc: { operationId: 'getStatus', tag: 'health', summary: 'GStreamer installed or not, version, plugin and feature counts, DeepStream (`lydlr-gst status`)', query: noQuery,
        responses: { 200: record('status'), 503: failed('GStreamer is not installed (exit 3, with the apt-get line)'), 500: internal } },
      handler: (c) => answer(api, c, 'status', noQuery, async () => ({ ok: true, data: { ...(await gstStatus({ gstDebug: api.options.gstDebug })) } })),
    },
    {
      method: 'GET', path: `${BASE_PATH}/health/`,
      doc: { operationId: 'getHealth', tag: 'health', summary: 'The doctor\'s report: 200 when healthy, 503 when a required part is missing (a container health check) (`lydlr-gst doctor`); with serve --token, a request without the token gets only {healthy}', query: healthQuery,
        responses: { 200: record('doctor'), 503: failed('something required is missing: the same report, ok false, with the fixes'), 500: internal } },
      anonymous: true,
      handler: (c) => answer(api, c, 'doctor', healthQuery, async (q) => {
        const report = await healthReport({ for: q.for, gstDebug: api.options.gstDebug });
        // Without serve's --token: only the verdict (the report names versions, paths and packages).
        if (!c.authorized) return { ok: report.ok, exitCode: report.exitCode, data: { healthy: report.ok } };
        return { ok: report.ok, exitCode: report.exitCode, data: { ...report } };
      }, (result) => (result.ok ? 200 : 503)),
    },
    {
      method: 'GET', path: `${BASE_PATH}/diagnostics/`,
      doc: { operationId: 'getDiagnostics', tag: 'health', summary: 'Everything doctor knows plus versions, environment, registry and failed probes (`lydlr-gst diagnostics`)', query: noQuery,
        responses: { 200: record('diagnostics'), 503: failed('GStreamer is missing (the report is still inside)'), 500: internal } },
      handler: (c) => answer(api, c, 'diagnostics', noQuery, async () => {
        const d = await diagnostics({ gstDebug: api.options.gstDebug });
        const exitCode = diagnosticsExitCode(d);
        return { ok: exitCode === 0, exitCode, data: { ...d } };
      }, (result) => (result.exitCode === ExitCode.environment ? 503 : result.ok ? 200 : 500)),
    },
    {
      method: 'GET', path: `${BASE_PATH}/plugins/`,
      doc: { operationId: 'listPlugins', tag: 'plugins', summary: 'Every plugin with its features, filterable (`lydlr-gst plugins`)', query: pluginsQuery,
        responses: { 200: record('plugins'), 400: { description: 'an unknown query parameter or value', schema: errorBodySchema }, 503: failed('gst-inspect-1.0 is missing or failed'), 500: internal } },
      handler: (c) => answer(api, c, 'plugins', pluginsQuery, async (q) => {
        const listing = await listFeatures(inspectEnv());
        if (q.missing !== undefined && q.missing !== 'false' && q.missing !== '0') return { ok: true, data: missingPluginSets(new Set(listing.plugins)) };
        return { ok: true, data: pluginListData(filterListing(listing, { search: q.search, type: q.type })) };
      }),
    },
    {
      method: 'GET', path: `${BASE_PATH}/probe/`,
      doc: { operationId: 'probe', tag: 'plugins', summary: 'A media file\'s facts and a playback verdict per target, with the fix (`lydlr-gst probe`)', query: probeQuery,
        responses: { 200: record('probe'), 400: failed('not a readable media file, or a bad query'), 403: { description: 'the source is outside --root', schema: errorBodySchema }, 503: failed('gst-discoverer-1.0 or a plugin is missing'), 500: internal } },
      handler: (c) => answer(api, c, 'probe', probeQuery, async (q) => {
        const source = api.paths.file('source', q.source);
        const { runProbe } = await import('../jobs/probe/entry.js');
        const ctx = silentContext('probe', new Set());
        const { ok, data } = await runProbe(ctx, source, { for: q.for ? [...new Set(q.for.split(','))] as Target[] : [...TARGETS] });
        return { ok, data };
      }, undefined, (error) => (error.exitCode === ExitCode.usage ? 400 : undefined)),
    },
    {
      method: 'GET', path: `${BASE_PATH}/plugins/{name}/`,
      doc: { operationId: 'showPlugin', tag: 'plugins', summary: 'One element, plugin, typefinder or tracer: details, pads, caps, properties (`lydlr-gst plugins show NAME`)', query: noQuery,
        responses: { 200: record('plugins show NAME'), 404: failed('no such element or plugin here: the error carries "suggestions" (and the Debian "package" of a known element that is not installed)'), 500: internal } },
      handler: (c) => answer(api, c, 'plugins show', noQuery, async () => ({ ok: true, data: { ...(await pluginDetails(c.params.name!, inspectEnv())) } }), undefined,
        (error) => (error.exitCode === ExitCode.usage || error.exitCode === ExitCode.environment ? 404 : undefined)),
    },
    {
      method: 'GET', path: `${BASE_PATH}/deepstream/status/`,
      doc: { operationId: 'getDeepstreamStatus', tag: 'deepstream', summary: 'Is DeepStream usable here? Every check with its reason and fix (`lydlr-gst deepstream status`)', query: noQuery,
        responses: { 200: record('deepstream status'), 500: internal } },
      handler: (c) => answer(api, c, 'deepstream status', noQuery, async () => {
        readEnv(); // an invalid DEEPSTREAM_ENABLED is the command's exit 2 before anything runs
        return { ok: true, data: { ...(await deepstreamStatus({ env: process.env })) } };
      }),
    },
  ];
}

type Compute<Q> = (query: Q) => Promise<Omit<JobResult, 'lines'>>;

// Runs the command's computation and answers with its --json record. A typed failure is the
// command's error record (GStreamer missing: 503; serve's own invalid environment: 500).
async function answer<Q extends z.ZodObject>(
  api: Api, c: RouteContext, command: string, query: Q, compute: Compute<z.output<Q>>,
  statusOf: (result: Omit<JobResult, 'lines'>) => number = () => 200,
  errorStatus: (error: LydlrError) => number | undefined = () => undefined,
): Promise<void> {
  const q = parseQuery(query, c.query);
  api.refreshInspect();
  try {
    const result = await compute(q);
    sendJson(c.res, statusOf(result), resultRecord(command, { ...result }));
  } catch (error) {
    if (!isLydlrError(error)) throw error;
    const status = errorStatus(error) ?? (error.exitCode === ExitCode.environment ? 503 : 500);
    sendJson(c.res, status, errorRecord(command, error));
  }
}
