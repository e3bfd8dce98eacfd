// How a long-running job offers metrics and hooks: its spec adds opsFlags(events) to its flags and
// wraps its load in withOps(…), naming a module that declares its metrics and says which of its
// events are hook events. Nothing else is wired by hand: the CLI, the REST bodies and the OpenAPI
// document get the flags from the spec, and the wrapper runs the rest only when a flag asks for it.
// Kept free of prom-client and child processes so --help stays fast.
import type { AppEvent } from '../report/reporter.js';
import type { GstEvent } from '../gst/launch/events.js';
import type { JobRunner } from '../jobs/spec.js';
import type { FlagSpec } from '../jobs/flags.js';
import { FlagValueError, textValue } from '../jobs/flags.js';
import { parseListenAddress } from './address.js';
import { commandWords } from './command-words.js';
import { FACT_VARIABLES, type HookEvent, type HookEventName } from './hook-events.js';
import type { MetricSet } from './metric-set.js';

/** A job's metrics and hook events, in a module of its own loaded only when they are used. */
export interface JobOps {
  /** Declares the job's metrics on the server instance's set; returns how its events move them. */
  metrics(set: MetricSet): (event: GstEvent | AppEvent) => void;
  /** The hook event one of the job's events means (a client joined…), if any. */
  hookEvent(event: GstEvent | AppEvent): HookEvent | undefined;
}

/** The flags these fill, as commander names them. */
export interface OpsFlags {
  metrics?: { host: string; port: number };
  onReady?: string;
  onClientConnect?: string;
  onClientDisconnect?: string;
  onSegmentComplete?: string;
  onExit?: string;
  webhook?: string[];
  dryRun?: boolean;
}

export const HOOK_FLAG: Record<HookEventName, keyof OpsFlags> = {
  ready: 'onReady',
  'client-connect': 'onClientConnect',
  'client-disconnect': 'onClientDisconnect',
  'segment-complete': 'onSegmentComplete',
  exit: 'onExit',
};

const HOOK_HELP: Record<HookEventName, string> = {
  ready: 'run CMD when the stream takes clients (per mount); SIGTERM when the job ends',
  'client-connect': 'run CMD when a client connects; SIGTERM when that client leaves',
  'client-disconnect': 'run CMD when a client disconnects',
  'segment-complete': 'run CMD when a segment file is complete',
  exit: 'run CMD when the job ends (LYDLR_EXIT_CODE); waited for up to 10 s',
};

const hookCommand = textValue((value: string): string => {
  commandWords(value); // refuses an empty command or an open quote now, before anything runs
  return value;
});

function webhookUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new FlagValueError(`--webhook must be an http:// or https:// URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FlagValueError(`--webhook must be an http:// or https:// URL, got "${value}"`);
  return value;
}

// --metrics, one --on-EVENT per event the job has, and --webhook.
export function opsFlags(events: readonly HookEventName[]): FlagSpec[] {
  return [
    { flags: '--metrics <host:port>', help: 'serve Prometheus metrics at http://HOST:PORT/metrics (:0 = any free port)', parse: parseListenAddress },
    ...events.map((event): FlagSpec => ({ flags: `--on-${event} <command>`, help: HOOK_HELP[event], parse: hookCommand })),
    { flags: '--webhook <url>', help: 'POST every event as JSON to URL (repeatable; retried; signed with LYDLR_WEBHOOK_SECRET)', parse: webhookUrl, repeatable: true },
  ];
}

// The --help paragraph: how hooks run and what they are told.
export function opsHelp(events: readonly HookEventName[]): string {
  const variables = ['LYDLR_EVENT', 'LYDLR_COMMAND', ...Object.values(FACT_VARIABLES)].join(' ');
  return `
Hooks (${events.map((e) => `--on-${e}`).join(', ')}): the command runs without a shell (write sh -c '…' for one)
with ${variables} set when the event has them. A failing or hanging hook is logged, never waited for.
--webhook: {"event","seq","time","command",url,mount,clientId,…} POSTed in order, retried 3 times, 5 s timeout;
header x-lydlr-signature: sha256=HMAC(body) when LYDLR_WEBHOOK_SECRET is set.
--metrics: lydlr_* metrics and Node's process metrics (text 0.0.4, or OpenMetrics when asked).`;
}

/** The body fields and flags that belong to metrics and hooks, not to the job's own options. */
export const OPS_FIELDS = ['metrics', ...Object.values(HOOK_FLAG), 'webhook'] as const;

/** The job's own flags: its option schema (strict) never sees the metrics and hook fields. */
export function withoutOps<T extends object>(flags: T): T {
  return Object.fromEntries(Object.entries(flags).filter(([key]) => !(OPS_FIELDS as readonly string[]).includes(key))) as T;
}

const wantsOps = (f: OpsFlags): boolean =>
  !f.dryRun && Boolean(f.metrics || f.webhook?.length || Object.values(HOOK_FLAG).some((k) => f[k] !== undefined));

// The job's runner, run under metrics and hooks when its flags (always its last argument) ask for them.
export function withOps(loadRunner: () => Promise<JobRunner>, loadOps: () => Promise<JobOps>): () => Promise<JobRunner> {
  return async () => {
    const run = await loadRunner();
    return async (ctx, ...args) => {
      const flags = (args[args.length - 1] ?? {}) as OpsFlags;
      const jobArgs = [...args.slice(0, -1), withoutOps(flags)];
      if (!wantsOps(flags)) return run(ctx, ...jobArgs);
      const [{ operate }, ops] = await Promise.all([import('./operate.js'), loadOps()]);
      return operate(ctx, flags, ops, (operated) => run(operated, ...jobArgs));
    };
  };
}
