// hls: package one input as HLS (VOD or live), optionally serving it; refusals exit 2 before anything runs.
import type { JobContext, JobResult } from '../context.js';
import type { HlsFlags } from './index.js';
import { HlsJob } from './job.js';

export async function runHls(ctx: JobContext, input: string, flags: HlsFlags): Promise<JobResult> {
  const { dryRun, ...options } = flags;
  const job = new HlsJob(ctx, { ...options, input });
  if (dryRun) {
    const command = await job.pipelineCommand();
    return { ok: true, data: { dryRun: true, pipeline: command.description, argv: command.argv, gstCommand: command.shell }, lines: [command.shell] };
  }
  const { data, lines } = await job.execute();
  return { ok: true, data, lines };
}
