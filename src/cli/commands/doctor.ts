// Runs the health report and shows it; the report's exit code is the command's.
import { Chalk } from 'chalk';
import type { JobContext, JobResult } from '../../jobs/context.js';
import type { DoctorFlags } from '../defs/doctor.js';
import { healthReport } from '../../health/report.js';
import { renderDoctor } from '../../report/doctor-view.js';

export async function runDoctor(ctx: JobContext, flags: DoctorFlags): Promise<JobResult> {
  const report = await healthReport({ for: flags.for, gstDebug: ctx.options.gstDebug });
  const chalk = new Chalk({ level: ctx.options.color ? 3 : 0 });
  return {
    ok: report.ok,
    exitCode: report.exitCode,
    data: { ...report },
    lines: renderDoctor(report, { verbose: Boolean(flags.verbose), chalk }),
  };
}
