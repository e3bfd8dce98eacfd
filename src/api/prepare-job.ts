// A POST body → the job's CLI argv, refused early and clearly: fields are the job's flags and
// arguments (aliases accepted), values pass the same zod schemas (400 with every field issue), paths stay inside --root (403), and the command's own whole-options check runs.
import { ApiError, badRequestFrom } from './api-error.js';
import { applyAliases } from './aliases.js';
import type { Api } from './api.js';
import { bodyToArgv, conflictIssues } from './job-body.js';
import type { JobKind } from './job-kinds.js';
import type { PathGuard } from './paths.js';

export interface PreparedJob {
  /** The checked body, paths resolved. */
  body: Record<string, unknown>;
  /** The command words and their flags and words: what follows `lydlr-gst --json`. */
  argv: string[];
  /** For the job's environment: the secrets that argv would show to every user in ps. */
  env: Record<string, string>;
}

export function prepareJob(api: Api, kind: JobKind, raw: Record<string, unknown>): PreparedJob {
  const { body, issues } = applyAliases(raw, new Set(Object.keys(kind.bodySchema.shape)), kind.aliases);
  if (issues.length > 0) throw invalid(issues);
  const parsed = kind.bodySchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const field = i.code === 'unrecognized_keys' ? i.keys.join(', ') : i.path.map(String).join('.');
      return { ...(field ? { field } : {}), message: body[field] === undefined && field ? requiredMessage(kind, field) : i.message };
    });
    throw invalid([...issues, ...crossFieldIssues(kind, body, issues)]);
  }
  const conflicts = conflictIssues(kind.spec, body);
  if (conflicts.length > 0) throw invalid(conflicts);
  const resolved = resolvePaths(api.paths, kind, body);
  try {
    kind.check?.(resolved);
  } catch (error) {
    throw badRequestFrom(error) ?? error;
  }
  const { argvBody, env } = kind.secretsToEnv?.(resolved) ?? { argvBody: resolved, env: {} };
  return { body: resolved, argv: [...kind.command, ...bodyToArgv(kind.spec, argvBody, kind.positionals)], env };
}

// A required field left out: say so, and what it is (zod's own words are "Invalid input").
function requiredMessage(kind: JobKind, field: string): string {
  const help = kind.positionals.find((p) => p.field === field)?.description;
  return `required${help ? `: ${help}` : ''}`;
}

// The job's own whole-body check (compress: an output or outputDir) on a body that already failed,
// so one answer names every missing field; issues on fields already reported are left out.
function crossFieldIssues(kind: JobKind, body: Record<string, unknown>, reported: { field?: string }[]): { field?: string; message: string }[] {
  try {
    kind.check?.(body);
    return [];
  } catch (error) {
    const issues = badRequestFrom(error)?.details.issues ?? [];
    return issues.filter((i) => !reported.some((r) => r.field === i.field));
  }
}

function invalid(issues: { field?: string; message: string }[]): ApiError {
  const text = issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ');
  return new ApiError(400, `Invalid body: ${text}.`, { name: 'InvalidBody', issues });
}

// Paths made absolute (against --root or serve's folder) and kept inside --root.
function resolvePaths(paths: PathGuard, kind: JobKind, body: Record<string, unknown>): Record<string, unknown> {
  const out = { ...body };
  const each = (fields: string[] | undefined, fn: (field: string, value: string) => string) => {
    for (const field of fields ?? []) {
      const value = out[field];
      if (typeof value === 'string') out[field] = fn(field, value);
      else if (Array.isArray(value)) out[field] = value.map((v) => (typeof v === 'string' ? fn(field, v) : v));
    }
  };
  each(kind.paths.specs, (f, v) => paths.inputSpec(f, v));
  each(kind.paths.files, (f, v) => paths.file(f, v));
  each(kind.paths.mounts, (f, v) => paths.mount(f, v));
  each(kind.paths.pipelines, (f, v) => (paths.pipeline(f, v), v));
  return out;
}
