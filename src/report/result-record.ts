// The --json result record of a command (its last stdout line), for a result or for an error.
// The CLI prints it; the REST API answers with the very same object.
import type { JobResult } from '../jobs/context.js';
import { isLydlrError, type ExitCodeValue, ExitCode } from '../errors.js';
import type { ResultRecord } from './reporter.js';

export function resultRecord(command: string, result: JobResult): ResultRecord {
  return { type: 'result', ok: result.ok, command, ...result.data };
}

// A thrown error as a result record: its exit code, message, fix and structured fields (never a stack).
export function errorRecord(command: string, error: unknown): ResultRecord & { exitCode: ExitCodeValue } {
  const known = isLydlrError(error);
  const message = error instanceof Error ? error.message : String(error);
  return {
    type: 'result',
    ok: false,
    command,
    exitCode: known ? error.exitCode : ExitCode.failed,
    error: { name: known ? error.name : 'Error', message, fix: known ? error.fix : undefined, ...(known ? error.data : {}) },
  };
}
