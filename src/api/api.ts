// What every route shares: the options serve was started with, the job manager, the path guard,
// the job kinds (from the registry: the source of every job's fields), and the inspect cache's age.
import { clearInspectCache } from '../gst/inspect/inspect.js';
import type { JobKind } from './job-kinds.js';
import type { JobManager } from './jobs.js';
import type { PathGuard } from './paths.js';
import type { QueueTarget } from '../queue/connection.js';
import type { EnqueuedJob } from '../queue/enqueue.js';
import type { JobSpec } from '../jobs/spec.js';
import type { MetricSet } from '../ops/metric-set.js';
import type { JobGraphs } from './job-graphs.js';

export const BASE_PATH = '/api/gstreamer';

export interface ApiOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  /** Every request must send Authorization: Bearer <token>. */
  token?: string | undefined;
  maxJobs: number;
  /** File paths in bodies are resolved against it and must stay inside. */
  root?: string | undefined;
  /** With root: network inputs (http://, rtsp://, …) are accepted too; the server fetches them. */
  allowNetworkInputs?: boolean | undefined;
  /** Request bodies larger than this are refused (413). */
  bodyLimit: number;
  /** A stopped job gets this long to finish gracefully before SIGKILL. */
  stopTimeoutMs: number;
  /** serve's --gst-debug, passed on to every job. */
  gstDebug?: number | undefined;
  /** The environment for GStreamer children of serve itself (gst-inspect for status and plugins). */
  childEnv: () => NodeJS.ProcessEnv;
  /** The environment job processes start with (default process.env). */
  jobEnv?: NodeJS.ProcessEnv;
  /** serve --redis: the distributed queue's routes (queue/) are added. */
  queue?: QueueAccess | undefined;
  /** GET /metrics answers without the --token too. */
  metricsPublic?: boolean | undefined;
  /** Where serve's own messages go (request lines at debug level). */
  log?: (level: 'error' | 'warn' | 'info' | 'debug', message: string) => void;
}

export interface QueueAccess {
  target: QueueTarget;
  /** Checks a job's command line (the words after its command) and enqueues it, exactly as `queue add`
   * does; given by serve, which owns command-line parsing. */
  add(spec: JobSpec, words: string[], options: { priority?: number | undefined; dryRun?: boolean | undefined; chunkSeconds?: number | undefined; cwd: string }): Promise<EnqueuedJob[]>;
}

export interface Api {
  options: ApiOptions;
  jobs: JobManager;
  paths: PathGuard;
  /** The jobs POST routes start, from the registry. */
  kinds: readonly JobKind[];
  version: string;
  /** This server's metrics (GET /metrics). */
  metrics: MetricSet;
  /** The pictures of the jobs' pipelines (GET jobs/{id}/graph.svg). */
  graphs: JobGraphs;
  /** gst-inspect answers are cached per process; a server re-reads them when older than this. */
  refreshInspect(): void;
}

const INSPECT_MAX_AGE_MS = 10_000;

// The inspect cache of a long-running server: reused for bursts of requests, re-read after a while
// (a plugin installed while serve runs shows up).
export function inspectRefresher(maxAgeMs = INSPECT_MAX_AGE_MS): () => void {
  let readAt = Date.now();
  return () => {
    if (Date.now() - readAt < maxAgeMs) return;
    clearInspectCache();
    readAt = Date.now();
  };
}
