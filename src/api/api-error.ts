// The REST API's refusals: an HTTP status plus the same error shape as a command's --json result.
import { ExitCode, isLydlrError } from '../errors.js';

import type { FieldIssue } from '../jobs/validate.js';

export type { FieldIssue };

export interface ApiErrorDetails {
  /** A short machine name: NotFound, MethodNotAllowed, InvalidBody… */
  name?: string;
  fix?: string;
  issues?: FieldIssue[];
  data?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: ApiErrorDetails = {},
  ) {
    super(message);
    this.name = details.name ?? 'ApiError';
  }
}

/** `{ok: false, error: {name, message, fix?, issues?, …}}`: the body of every refusal. */
export function apiErrorBody(error: ApiError): Record<string, unknown> {
  const { fix, issues, data } = error.details;
  return { ok: false, error: { name: error.name, message: error.message, ...(fix ? { fix } : {}), ...(issues ? { issues } : {}), ...data } };
}

// A command's exit code as an HTTP status: bad input 400, missing environment 503, interrupted 409, failed 422.
export function statusForExitCode(exitCode: number): number {
  switch (exitCode) {
    case ExitCode.ok:
      return 200;
    case ExitCode.usage:
      return 400;
    case ExitCode.environment:
      return 503;
    case ExitCode.interrupted:
      return 409;
    case ExitCode.failed:
      return 422;
    default:
      return 500;
  }
}

// A usage error thrown while checking a body (the command's own check) as a 400 with its message.
export function badRequestFrom(error: unknown): ApiError | undefined {
  if (!isLydlrError(error) || error.exitCode !== ExitCode.usage) return undefined;
  const field = fieldOf(error.data);
  const issues = fieldIssues(error.data.issues) ?? [{ ...(field ? { field } : {}), message: error.message }];
  return new ApiError(400, error.message, { name: 'InvalidBody', ...(error.fix ? { fix: error.fix } : {}), issues });
}

// The body field a command's usage error names: its data.field, or its flag (--output-dir → outputDir).
function fieldOf(data: Record<string, unknown>): string | undefined {
  if (typeof data.field === 'string' && data.field !== '') return data.field;
  const flag = typeof data.flag === 'string' ? /^--([a-z][\w-]*)$/.exec(data.flag)?.[1] : undefined;
  return flag?.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

// Field issues a job's own check attached to its usage error (each with a field and a message).
function fieldIssues(value: unknown): FieldIssue[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || !value.every((i) => typeof i === 'object' && i !== null && typeof i.message === 'string')) return undefined;
  return value as FieldIssue[];
}
