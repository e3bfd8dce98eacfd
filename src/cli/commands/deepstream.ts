// `deepstream status`: is NVIDIA DeepStream usable here (the availability answer)?
import type { JobContext, JobResult } from '../../jobs/context.js';
import { deepstreamStatus } from '../../jobs/deepstream/status.js';
import { deepstreamStatusLines } from '../../report/deepstream-view.js';

export async function runDeepstreamStatus(ctx: JobContext): Promise<JobResult> {
  void ctx.env; // an invalid DEEPSTREAM_ENABLED is exit 2 before anything runs
  const status = await deepstreamStatus({ env: process.env });
  return { ok: true, data: { ...status }, lines: deepstreamStatusLines(status) };
}
