// serve: start the REST API, report it ready, run until SIGINT/SIGTERM, then stop every job
// gracefully (a second signal kills them) and exit 0.
import { statSync } from 'node:fs';
import type { JobContext, JobResult } from '../../jobs/context.js';
import type { ServeFlags } from '../defs/serve.js';
import { UsageError } from '../../errors.js';
import type { QueueAccess } from '../../api/api.js';
import type { ListenAddress } from '../../ops/address.js';
import type { MetricsServer } from '../../ops/metrics-http.js';
import type { RunningApi } from '../../api/server.js';

export const TOKEN_ENV = 'LYDLR_API_TOKEN';

export async function runServe(ctx: JobContext, flags: ServeFlags): Promise<JobResult> {
  void ctx.env; // an invalid variable is exit 2 before anything listens
  const token = flags.token ?? (process.env[TOKEN_ENV] || undefined);
  if (flags.root !== undefined) checkRoot(flags.root);
  const queue = flags.redis === undefined ? undefined : await checkQueue(flags.redis, flags.queue);
  const { startApi, isLoopback } = await import('../../api/server.js');
  if (!isLoopback(flags.host) && token === undefined) {
    ctx.reporter.log('warn', `! listening on ${flags.host} without --token: anyone who can reach it can start jobs (set ${TOKEN_ENV})`);
  }
  const started = performance.now();
  const api = await startApi({
    host: flags.host, port: flags.port, token, maxJobs: flags.maxJobs, root: flags.root, allowNetworkInputs: flags.allowNetworkInputs === true, bodyLimit: flags.maxBody,
    stopTimeoutMs: flags.stopTimeout * 1000, metricsPublic: flags.metricsPublic === true, gstDebug: ctx.options.gstDebug, childEnv: () => ctx.childEnv(),
    log: (level, message) => ctx.reporter.log(level, message), queue,
  }, {
    onJobChange: (job) => ctx.reporter.event({ type: 'job', id: job.id, kind: job.kind, state: job.state, message: `job ${job.id} (${job.kind}) ${job.state}` }),
  });
  const metrics = flags.metrics ? await startMetrics(flags.metrics, api) : undefined;
  if (metrics) ctx.reporter.event({ type: 'metrics-ready', url: metrics.url, message: `Metrics at ${metrics.url}` });
  ctx.reporter.event({ type: 'ready', url: api.url, message: `REST API at ${api.url} (openapi.json lists every route)` });
  await new Promise<void>((resolve) => {
    ctx.stop.onStop((hard, reason) => {
      if (!hard) ctx.reporter.log('warn', `${reason}: stopping every job gracefully… press Ctrl-C again to kill them`);
      void api.close(hard).then(resolve);
    });
  });
  await metrics?.close();
  const jobs = api.jobs.counts();
  const uptimeSeconds = Math.round((performance.now() - started) / 100) / 10;
  return { ok: true, data: { url: api.url, uptimeSeconds, jobs }, lines: [`✓ Served ${api.url} for ${uptimeSeconds} s: ${jobs.total} job${jobs.total === 1 ? '' : 's'} (${jobs.succeeded} succeeded, ${jobs.failed} failed, ${jobs.stopped} stopped)`] };
}

// --metrics HOST:PORT: the same registry on an address of its own; a busy address closes the API again (exit 2).
async function startMetrics(address: ListenAddress, api: RunningApi): Promise<MetricsServer> {
  const { startMetricsServer } = await import('../../ops/metrics-http.js');
  try {
    return await startMetricsServer(address, api.metrics.registry);
  } catch (error) {
    await api.close(true);
    throw error;
  }
}

function checkRoot(root: string): void {
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new UsageError(`--root ${root} is not a folder.`, { fix: 'Give an existing folder (request paths are resolved inside it).' });
}

// --redis: a malformed URL is exit 2, an unreachable Redis exit 3 with the fix, before anything listens.
// Jobs are parsed and enqueued as `queue add` does it (the API leaves command lines to the CLI).
async function checkQueue(url: string, queue: string): Promise<QueueAccess> {
  const { checkReachable, redisOptions } = await import('../../queue/connection.js');
  const { enqueue } = await import('../../queue/enqueue.js');
  const { parseJobLine } = await import('../job-line.js');
  redisOptions(url);
  await checkReachable(url);
  const target = { url, queue };
  return { target, add: async (spec, words, options) => enqueue({ line: await parseJobLine(spec, words), target, ...options, processEnv: process.env }) };
}
