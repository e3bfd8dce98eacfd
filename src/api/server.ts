// `serve`: a node:http server over the route table. Token check first (401), then route (404 JSON,
// 405 with Allow), then the handler; an unexpected failure is a 500 without a stack trace.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { loadJobKinds } from './job-kinds.js';
import { UsageError } from '../errors.js';
import { ApiError, apiErrorBody } from './api-error.js';
import { BASE_PATH, inspectRefresher, type Api, type ApiOptions } from './api.js';
import { JobProcess } from './job-process.js';
import { JobGraphs } from './job-graphs.js';
import { JobManager } from './jobs.js';
import type { Job } from './job.js';
import { PathGuard } from './paths.js';
import { sendJson } from './respond.js';
import { Router, type Route } from './router.js';
import { healthRoutes } from './routes-health.js';
import { jobRoutes } from './routes-jobs.js';
import { jobGraphRoutes } from './routes-graph.js';
import { metaRoutes } from './routes-meta.js';
import { queueRoutes } from './routes-queue.js';
import { metricsRoutes } from './routes-metrics.js';
import { serveMetrics } from './serve-metrics.js';
import type { MetricSet } from '../ops/metric-set.js';
import { snapshotRoutes } from './routes-snapshot.js';

export interface RunningApi {
  /** http://host:port/api/gstreamer/ */
  url: string;
  port: number;
  jobs: JobManager;
  /** This server instance's metrics (its own Registry). */
  metrics: MetricSet;
  /** Stops every job (gracefully, or at once with hard), then closes the server. */
  close(hard?: boolean): Promise<void>;
}

export interface StartApiHooks {
  onJobChange?: (job: Job) => void;
}

export async function startApi(options: ApiOptions, hooks: StartApiHooks = {}): Promise<RunningApi> {
  const paths = new PathGuard(options.root, process.cwd(), options.allowNetworkInputs === true);
  const metrics = serveMetrics(() => jobs.counts());
  const graphs = new JobGraphs(options.childEnv);
  const jobs: JobManager = new JobManager({
    maxJobs: options.maxJobs,
    basePath: BASE_PATH,
    runner: (job) => new JobProcess({
      args: job.args, cwd: paths.base, env: { ...(options.jobEnv ?? process.env), ...job.env, ...graphs.jobEnv(job.id), NO_COLOR: '1' }, stopTimeoutMs: options.stopTimeoutMs,
    }),
    onChange: (job) => {
      metrics.jobChanged(job);
      hooks.onJobChange?.(job);
    },
    onForget: (job) => graphs.forget(job.id),
  });
  const api: Api = { options, jobs, paths, kinds: await loadJobKinds(), version: packageVersion(), metrics: metrics.set, graphs, refreshInspect: inspectRefresher() };
  const router = new Router(apiRoutes(api));
  const server = createServer((req, res) => void handle(api, router, req, res));
  server.keepAliveTimeout = 5_000;
  await listen(server, options.host, options.port);
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${isIP(options.host) === 6 ? `[${options.host}]` : options.host}:${port}${BASE_PATH}/`,
    port,
    jobs,
    metrics: metrics.set,
    close(hard = false) {
      if (hard) void jobs.shutdown(true);
      closing ??= (async () => {
        server.close();
        await jobs.shutdown(false);
        // Answers to requests that waited on a job (DELETE, test-pipeline) go out before the sockets close.
        await new Promise((resolve) => setTimeout(resolve, 50));
        server.closeAllConnections();
        graphs.remove();
      })();
      return closing;
    },
  };
}

// Every route of the API: health and plugins, jobs, the queue (serve --redis), and the index and OpenAPI document over them all.
export function apiRoutes(api: Api): Route[] {
  const routes: Route[] = [];
  routes.push(...healthRoutes(api), ...jobRoutes(api), ...jobGraphRoutes(api), ...snapshotRoutes(api), ...metricsRoutes(api));
  if (api.options.queue) routes.push(...queueRoutes(api, api.options.queue));
  routes.push(...metaRoutes(api, () => routes));
  return routes;
}

async function handle(api: Api, router: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const method = req.method ?? 'GET';
  let pathname = '/';
  res.once('finish', () => api.options.log?.('debug', `${method} ${pathname} ${res.statusCode} ${Math.round(performance.now() - started)} ms`));
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    pathname = url.pathname;
    const match = router.match(method, pathname);
    // A CORS preflight never carries the token (browsers send it only on the real request).
    if (method === 'OPTIONS' && match.kind === 'method-not-allowed') return preflight(api.options, res, allowHeader(match.allowed));
    const open = match.kind === 'route' && match.route.anonymous === true && req.headers.authorization === undefined;
    if (!open) checkAccess(api.options, req);
    if (api.options.token !== undefined) res.setHeader('access-control-allow-origin', '*');
    if (match.kind === 'not-found') {
      throw new ApiError(404, `No route ${method} ${pathname}.`, { name: 'NotFound', fix: `GET ${BASE_PATH}/openapi.json lists every route` });
    }
    if (match.kind === 'method-not-allowed') {
      const allow = allowHeader(match.allowed);
      throw new ApiError(405, `${method} is not allowed on ${pathname} (allowed: ${allow}).`, { name: 'MethodNotAllowed', headers: { allow } });
    }
    const authorized = !open || api.options.token === undefined;
    await match.route.handler({ req, res, params: match.params, query: url.searchParams, authorized });
  } catch (error) {
    answerError(api, res, error);
  }
}

function allowHeader(allowed: string[]): string {
  return [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
}

// 204 with the methods; with --token, cross-origin pages may call the API (they must send the
// token, so nothing is exposed); without one, no CORS headers: a loopback server stays closed to web pages.
function preflight(options: ApiOptions, res: ServerResponse, allow: string): void {
  const cors = options.token === undefined ? {} : {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': allow,
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-max-age': '600',
  };
  res.writeHead(204, { allow, ...cors });
  res.end();
}

function answerError(api: Api, res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof ApiError) return sendJson(res, error.status, apiErrorBody(error), error.details.headers);
  // Never a stack trace in an answer: the details go to serve's own log.
  api.options.log?.('error', `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  sendJson(res, 500, { ok: false, error: { name: 'InternalError', message: 'The server could not answer this request; serve\'s log has the details.' } });
}

// --token: Authorization: Bearer <token> (compared in constant time). Without one, a server on
// loopback answers only requests addressed to an IP or localhost (no DNS-rebinding from web pages).
function checkAccess(options: ApiOptions, req: IncomingMessage): void {
  if (options.token !== undefined) {
    const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    if (given === undefined || !sameSecret(given, options.token)) {
      throw new ApiError(401, given === undefined ? 'This server needs a bearer token.' : 'The bearer token is wrong.', {
        name: 'Unauthorized', fix: 'Send Authorization: Bearer <the token given to serve --token>', headers: { 'www-authenticate': 'Bearer realm="lydlr-gst"' },
      });
    }
    return;
  }
  if (!isLoopback(options.host)) return;
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host !== '' && host !== 'localhost' && isIP(host) === 0) {
    throw new ApiError(403, `Requests for host "${host}" are refused: this server answers on ${options.host} only.`, { name: 'ForbiddenHost', fix: 'Use http://127.0.0.1:<port>/, or start serve with --token.' });
  }
}

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? `port ${port} is in use` : error.code === 'EACCES' ? `port ${port} needs more privileges` : error.code === 'EADDRNOTAVAIL' ? `${host} is not an address of this machine` : error.message;
      reject(new UsageError(`Cannot listen on ${host}:${port}: ${why}.`, { fix: 'Choose another --port (0 picks a free one) or --host.', cause: error }));
    });
    server.listen(port, host, () => resolve());
  });
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
