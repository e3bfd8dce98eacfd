// Runs a job under its metrics and hooks: its events go to the reporter as before, and are also
// counted (--metrics), turned into hook commands (--on-…) and webhook POSTs (--webhook). The job
// itself never waits for any of these; only the end of the run waits, briefly, for on-exit and the
// last webhooks.
import type { JobContext, JobResult } from '../jobs/context.js';
import type { Reporter, AppEvent } from '../report/reporter.js';
import type { GstEvent } from '../gst/launch/events.js';
import { ExitCode, isLydlrError } from '../errors.js';
import { HOOK_EVENTS, type HookEvent } from './hook-events.js';
import { HookRunner } from './hooks.js';
import { HOOK_FLAG, type JobOps, type OpsFlags } from './job-ops.js';
import { MetricSet } from './metric-set.js';
import { startMetricsServer, type MetricsServer } from './metrics-http.js';
import { WEBHOOK_SECRET_ENV, WebhookSender } from './webhooks.js';
import { commonMetrics } from './common-metrics.js';

const EXIT_HOOK_WAIT_MS = 10_000;
const WEBHOOK_FLUSH_MS = 15_000;

export async function operate(ctx: JobContext, flags: OpsFlags, ops: JobOps, run: (ctx: JobContext) => Promise<JobResult>): Promise<JobResult> {
  const set = flags.metrics ? new MetricSet() : undefined;
  const watchers: ((event: GstEvent | AppEvent) => void)[] = [];
  if (set) watchers.push(commonMetrics(set), ops.metrics(set));
  const server: MetricsServer | undefined = set && flags.metrics ? await startMetricsServer(flags.metrics, set.registry) : undefined;
  if (server) ctx.reporter.event({ type: 'metrics-ready', url: server.url, message: `Metrics at ${server.url}` });

  const hookFailures = set?.counter('hook_failures_total', 'Hooks that failed to start, exited non-zero or were killed, by event.', ['event']);
  const webhookFailures = set?.counter('webhook_failures_total', 'Webhook deliveries given up on after every retry, by event.', ['event']);
  const hooks = new HookRunner({
    commands: Object.fromEntries(HOOK_EVENTS.map((e) => [e, flags[HOOK_FLAG[e]] as string | undefined])),
    jobCommand: ctx.command,
    env: ctx.processEnv,
    onFailure: (f) => {
      hookFailures?.inc({ event: f.event });
      ctx.reporter.log('warn', `! hook --on-${f.event} (${f.command}): ${f.reason}`);
    },
  });
  const webhooks = new WebhookSender({
    urls: flags.webhook ?? [],
    jobCommand: ctx.command,
    secret: ctx.processEnv[WEBHOOK_SECRET_ENV] || undefined,
    onFailure: (url, event, reason) => {
      webhookFailures?.inc({ event });
      ctx.reporter.log('warn', `! webhook ${url}: the ${event} event was not delivered (${reason})`);
    },
  });
  const emit = (event: HookEvent) => {
    hooks.fire(event);
    webhooks.send(event);
  };
  const watch = (event: GstEvent | AppEvent) => {
    for (const w of watchers) w(event);
    const hookEvent = ops.hookEvent(event);
    if (hookEvent) emit(hookEvent);
  };

  let exitCode: number = ExitCode.failed;
  try {
    const result = await run(ctx.withReporter(watching(ctx.reporter, watch)));
    exitCode = result.exitCode ?? (result.ok ? ExitCode.ok : ExitCode.failed);
    return result;
  } catch (error) {
    exitCode = isLydlrError(error) ? error.exitCode : ExitCode.failed;
    throw error;
  } finally {
    await set?.markStreamsDown();
    emit({ event: 'exit', facts: { exitCode } });
    await Promise.all([hooks.close(EXIT_HOOK_WAIT_MS), webhooks.flush(WEBHOOK_FLUSH_MS)]);
    await server?.close();
  }
}

// The reporter the job sees: everything reaches the real one, and every event is also watched.
function watching(inner: Reporter, watch: (event: GstEvent | AppEvent) => void): Reporter {
  return {
    event: (event) => {
      inner.event(event);
      watch(event);
    },
    observe: (event) => {
      inner.observe?.(event);
      watch(event);
    },
    log: (level, message) => inner.log(level, message),
    result: (record, lines) => inner.result(record, lines),
    close: () => inner.close(),
  };
}
