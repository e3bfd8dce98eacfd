// A parsed job command line as queue jobs: paths made absolute (every worker resolves them the
// same way on shared storage), one queue job per input when the job writes into --output-dir, and
// the worker's argv rebuilt from the job's own flag table.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JobSpec } from '../jobs/spec.js';
import { fieldName } from '../jobs/flags.js';
import { bodyToArgv, positionalFields } from '../api/job-body.js';
import { queueJobId } from './job-id.js';
import type { QueuedJobData } from './queued-job.js';

export interface ParsedJobLine {
  spec: JobSpec;
  /** The positional words (a variadic argument's words flattened). */
  words: string[];
  /** Only the flags given on the command line (defaults are the job's business). */
  flags: Record<string, unknown>;
}

export interface PlannedQueueJob {
  id: string;
  data: QueuedJobData;
}

/** Flags that say how to run, not what to make: they do not change the job id. */
const RUN_ONLY = new Set(['overwrite', 'dryRun', 'jobs']);

export async function planQueueJobs(line: ParsedJobLine, cwd: string): Promise<PlannedQueueJob[]> {
  const { spec } = line;
  const { flags, words } = await absoluteLine(line, cwd);
  // A batch job (inputs into --output-dir) splits into one queue job per input.
  const perInput = spec.args[0]?.variadic === true && flags.outputDir !== undefined;
  const groups = perInput ? words.map((w) => [w]) : [words];
  const argName = spec.args[0]?.name ?? 'input';
  const extra = spec.api ? (await spec.api.body()).extraArgs : undefined;
  const hasOverwrite = spec.flags.some((f) => fieldName(f) === 'overwrite');
  return groups.map((group) => {
    const identity = identityOf(flags);
    // At-least-once: a job whose lock was lost may run twice; the second run replaces the first
    // run's finished file by an equal one (the output is renamed into place, never half-written).
    const runFlags = { ...without(flags, 'dryRun'), ...(hasOverwrite ? { overwrite: true } : {}) };
    const argv = [...spec.command, ...bodyToArgv(spec, { ...runFlags, [argName]: group }, positionalFields(spec, extra))];
    const input = group.join(' ');
    return { id: queueJobId(spec.command.join(' '), input, identity), data: { kind: spec.command.join(' '), input, argv } };
  });
}

/** The line with every path absolute: flags that name files, and words that are files here. */
export async function absoluteLine(line: ParsedJobLine, cwd: string): Promise<{ flags: Record<string, unknown>; words: string[] }> {
  const pathFields = await filePathFields(line.spec);
  return { flags: absoluteFlags(line.flags, pathFields, cwd), words: line.words.map((w) => absoluteIfFile(w, cwd)) };
}

/** The flags that say what the job makes (its id's options). */
export function identityOf(flags: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(flags).filter(([k]) => !RUN_ONLY.has(k)));
}

// The flags that name files or folders (from the job's REST description), so they resolve here.
async function filePathFields(spec: JobSpec): Promise<Set<string>> {
  if (!spec.api) return new Set(['output', 'outputDir']);
  const body = await spec.api.body();
  return new Set(body.paths.files ?? []);
}

function absoluteFlags(flags: Record<string, unknown>, fields: Set<string>, cwd: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(flags).map(([k, v]) => [k, fields.has(k) && typeof v === 'string' ? resolve(cwd, v) : v]));
}

// An input that is a file here becomes its absolute path; source specs (test:ball, rtsp://…) stay.
function absoluteIfFile(word: string, cwd: string): string {
  const path = resolve(cwd, word);
  return existsSync(path) ? path : word;
}

function without(record: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}
