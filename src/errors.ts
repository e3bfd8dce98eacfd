// Typed failures. Commands throw these; only src/cli/main.ts maps them to exit codes.

export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  environment: 3,
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface ErrorDetails {
  /** How to fix it, one line a person can act on (an apt-get line, a flag to add). */
  fix?: string;
  /** Extra structured fields that go into the --json result. */
  data?: Record<string, unknown>;
  cause?: unknown;
}

// The base: a message, an exit code, an optional fix.
export class LydlrError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly fix: string | undefined;
  readonly data: Record<string, unknown>;

  constructor(message: string, exitCode: ExitCodeValue, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.fix = details.fix;
    this.data = details.data ?? {};
  }
}

// Bad flags, bad input specs, refused combinations: exit 2.
export class UsageError extends LydlrError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, ExitCode.usage, details);
  }
}

// GStreamer, a plugin, Python bindings or DeepStream are missing: exit 3.
export class EnvironmentError extends LydlrError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, ExitCode.environment, details);
  }
}

// The job was stopped by SIGINT/SIGTERM before it finished: exit 130.
export class InterruptedError extends LydlrError {
  constructor(message = 'Interrupted', details: ErrorDetails = {}) {
    super(message, ExitCode.interrupted, details);
  }
}

// A job that ran and failed (not a GStreamer pipeline error): exit 1.
export class JobError extends LydlrError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, ExitCode.failed, details);
  }
}

export function isLydlrError(error: unknown): error is LydlrError {
  return error instanceof LydlrError;
}
