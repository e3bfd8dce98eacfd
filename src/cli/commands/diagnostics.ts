// Gathers the diagnostics and prints them, or writes them to --output (temporary name, then rename).
import { Chalk } from 'chalk';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { JobContext, JobResult } from '../../jobs/context.js';
import type { DiagnosticsFlags } from '../defs/diagnostics.js';
import { UsageError } from '../../errors.js';
import { diagnostics, diagnosticsExitCode } from '../../health/diagnostics.js';
import { renderDiagnostics } from '../../report/status-view.js';

export async function runDiagnostics(ctx: JobContext, flags: DiagnosticsFlags): Promise<JobResult> {
  const output = flags.output;
  if (output && existsSync(output) && !flags.overwrite) {
    throw new UsageError(`${output} already exists.`, { fix: 'add --overwrite, or choose another --output file' });
  }
  const d = await diagnostics({ gstDebug: ctx.options.gstDebug });
  const exitCode = diagnosticsExitCode(d);
  const data = { ...d, ...(output ? { output } : {}) };
  if (!output) {
    return { ok: exitCode === 0, exitCode, data, lines: renderDiagnostics(d, new Chalk({ level: ctx.options.color ? 3 : 0 })) };
  }
  const text = output.endsWith('.json') ? `${JSON.stringify(d, null, 2)}\n` : `${renderDiagnostics(d, new Chalk({ level: 0 })).join('\n')}\n`;
  const temporary = `${output}.partial-${process.pid}`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, output);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`Cannot write ${output}: ${(error as Error).message}`, { cause: error });
  }
  const verdict = d.report.exitCode === 0 ? 'no problems found' : `${d.problems.length} check(s) need attention`;
  return { ok: exitCode === 0, exitCode, data, lines: [`Wrote diagnostics to ${output} (${Buffer.byteLength(text)} bytes): ${verdict}.`] };
}
