// Enqueueing a job line, shared by `queue add` and serve's POST queue/: the line checked exactly as
// its own command checks it (its --dry-run in this process: flags, codec/container, inputs, an
// existing output), planned into queue jobs, then added (or only shown, for a dry run).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JobLine } from '../cli/job-line.js';
import { silentContext } from '../jobs/context.js';
import { fieldName } from '../jobs/flags.js';
import { UsageError } from '../errors.js';
import { addJobs, type AddedJob } from './add.js';
import type { QueueTarget } from './connection.js';
import { withQueue } from './open-queue.js';
import { planQueueJobs, type PlannedQueueJob } from './plan.js';
import { checkChunkJob } from './chunk-checks.js';
import { enqueueChunked } from './enqueue-chunked.js';
import { jobName } from '../jobs/spec.js';

export interface EnqueueRequest {
  line: JobLine;
  target: QueueTarget;
  priority?: number | undefined;
  dryRun?: boolean | undefined;
  /** --chunk: each input split into chunks of at most this many seconds, encoded by several workers. */
  chunkSeconds?: number | undefined;
  /** Relative paths in the line resolve here. */
  cwd: string;
  processEnv: NodeJS.ProcessEnv;
}

export interface EnqueuedJob {
  id: string;
  /** The job the worker runs (queue add --chunk: `chunk join`, the flow's parent). */
  kind?: string;
  input: string;
  output?: string;
  /** Dry run: the worker's command line. */
  argv?: string[];
  /** False when a job with this id was already in the queue (absent on a dry run). */
  added?: boolean;
  /** --chunk: the hidden folder of the chunks, the flow's first steps (the split adds one compress job per chunk). */
  workDir?: string;
  steps?: { id: string; kind: string; argv: string[] }[];
  /** What the job will not carry over, said as warnings. */
  notes?: string[];
}

export async function enqueue(request: EnqueueRequest): Promise<EnqueuedJob[]> {
  const { line } = request;
  if (request.chunkSeconds !== undefined) checkChunkJob(jobName(line.spec));
  const hasOutputDir = line.spec.flags.some((f) => fieldName(f) === 'outputDir');
  if (hasOutputDir && line.given.outputDir === undefined) {
    throw new UsageError(`queue add ${line.spec.command.join(' ')} needs --output-dir`, { data: { field: 'outputDir' }, fix: 'Give --output-dir DIR on storage every worker sees (each input is written there).' });
  }
  const outputs = await checkLikeTheCommand(line, request.processEnv, request.cwd);
  if (request.chunkSeconds !== undefined) return enqueueChunked(request, request.chunkSeconds, outputs);
  const jobs = await planQueueJobs({ spec: line.spec, words: line.args.flat().map(String), flags: line.given }, request.cwd);
  const withOutput = <T extends { input: string }>(item: T) => ({ ...item, ...(outputs.get(item.input) ? { output: outputs.get(item.input) } : {}) });
  if (request.dryRun) return jobs.map((j: PlannedQueueJob) => withOutput({ id: j.id, input: j.data.input, argv: j.data.argv }));
  const added = await withQueue(request.target, (queue) => addJobs(queue, jobs, request.priority));
  return added.map((a: AddedJob) => withOutput(a));
}

// The job's own --dry-run (when it has one): every check its command makes fails here, before
// anything is queued. Returns the output of each input it names.
async function checkLikeTheCommand(line: JobLine, processEnv: NodeJS.ProcessEnv, cwd: string): Promise<Map<string, string>> {
  if (!line.spec.flags.some((f) => fieldName(f) === 'dryRun')) return new Map();
  const run = await line.spec.load();
  const quiet = silentContext('queue add', new Set(), processEnv);
  const result = await run(quiet, ...line.args, { ...line.options, dryRun: true });
  if (!result.ok) throw new UsageError(`${line.spec.command.join(' ')} refused this job`, { data: result.data });
  const jobs = (result.data.jobs ?? []) as { input?: string; output?: string }[];
  const absolute = (path: string) => resolve(cwd, path);
  return new Map(jobs.filter((j) => j.input && j.output).map((j) => [existsSync(absolute(j.input!)) ? absolute(j.input!) : j.input!, absolute(j.output!)]));
}
