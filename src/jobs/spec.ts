// The one shape every job has. The CLI's commands, serve's REST routes and OpenAPI document,
// doctor's per-command readiness and the library all come from a list of these (src/jobs/index.ts).
import type { z } from 'zod';
import type { ArgSpec, FlagSpec } from './flags.js';
import type { JobContext, JobResult } from './context.js';
import type { CommandNeeds } from '../health/needs.js';

/** Runs the job for a command line or a REST body: positional values first, then the flags. */
export type JobRunner = (ctx: JobContext, ...args: any[]) => Promise<JobResult>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Work the job can start from its raw arguments while its modules load (e.g. probing input files);
 * resolves to a function that stops whatever the job did not use.
 */
export type EarlyStart = (positional: unknown[], flags: Record<string, unknown>) => Promise<() => void>;

type Body = Record<string, unknown>;

/** How POST answers: 201 at once, 201 once the job published its URLs, or the result itself. */
export type Answer = 'created' | 'ready' | 'result';

/** The job as a REST endpoint under /api/gstreamer: it runs as `lydlr-gst --json <command…>`. */
export interface ApiSpec {
  /** The job kind in job records (`compression`, `hls`…). */
  kind: string;
  /** The route under /api/gstreamer, e.g. `/pipeline/hls/`. */
  path: string;
  summary: string;
  /** The OpenAPI tag. */
  tag: 'pipelines' | 'deepstream';
  /** How a body is checked and turned into the job's command line (loaded when serve starts). */
  body: () => Promise<ApiBody>;
}

export interface ApiBody {
  /** The job's option schema: a body field of the same name is checked by the same zod field. */
  schema?: z.ZodObject;
  /** Body fields whose CLI form differs from the schema's. */
  fieldTypes?: Record<string, z.ZodType>;
  /** Positional words the command line implies but the argument list does not name (compress's output). */
  extraArgs?: ArgSpec[];
  /** Other spellings of body fields (snake_case names from the original REST API). */
  aliases?: Record<string, string>;
  /** Body fields that are file paths, input specs, rtsp mounts or pipeline descriptions (--root). */
  paths: { files?: string[]; specs?: string[]; mounts?: string[]; pipelines?: string[] };
  /** The job's own check of the whole options (cross-field rules, files); throws. */
  check?: (body: Body) => void;
  /** Before a real run (not a dry run) is queued: a 503 when the environment cannot run it. */
  precondition?: (body: Body) => Promise<void>;
  answer: (body: Body) => Answer;
  /** Secret fields moved from the job's argv (which ps shows to every user) to its environment. */
  secretsToEnv?: (body: Body) => { argvBody: Body; env: Record<string, string> };
}

export interface JobSpec {
  /** The command words: `['compress']`, `['deepstream', 'inference']`. */
  command: readonly string[];
  /** One line for --help's command list. */
  summary: string;
  args: readonly ArgSpec[];
  flags: readonly FlagSpec[];
  /** Text after the options in --help: examples first, then notes. */
  help: string;
  /** What the job needs installed (doctor's readiness row); absent for jobs that need nothing special. */
  requires?: CommandNeeds;
  api?: ApiSpec;
  earlyStart?: EarlyStart;
  /** The job's work, imported only when it runs (so --help stays fast). */
  load: () => Promise<JobRunner>;
}

/** The name doctor, the API and errors use: the command words joined. */
export const jobName = (spec: JobSpec): string => spec.command.join(' ');

export function defineJob<S extends JobSpec>(spec: S): S {
  return spec;
}
