// Prints the short status; GStreamer missing is exit 3 (thrown by gstStatus).
import { Chalk } from 'chalk';
import type { JobContext, JobResult } from '../../jobs/context.js';
import { gstStatus } from '../../health/status.js';
import { renderStatus } from '../../report/status-view.js';

export async function runStatus(ctx: JobContext): Promise<JobResult> {
  const status = await gstStatus({ gstDebug: ctx.options.gstDebug });
  return { ok: true, data: { ...status }, lines: renderStatus(status, new Chalk({ level: ctx.options.color ? 3 : 0 })) };
}
