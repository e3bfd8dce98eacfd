// record: validate, probe the source, then record until --duration, the end of a file, or a stop.
import type { JobContext, JobResult } from '../context.js';
import { InterruptedError } from '../../errors.js';
import type { RecordFlags } from './index.js';
import { parseRecordOptions } from './options.js';
import { checkSource } from './plan.js';
import { checkOutputDir } from './files.js';
import { audioSummary, RecordJob } from './job.js';

export async function runRecord(ctx: JobContext, input: string, flags: RecordFlags): Promise<JobResult> {
  const { dryRun, ...rest } = flags;
  const options = parseRecordOptions({ ...rest, input });
  checkSource(options);
  checkOutputDir(options.outputDir);
  const job = new RecordJob(ctx, options);
  const plan = await job.plan();
  if (dryRun) {
    const c = RecordJob.dryRunCommand(plan);
    return { ok: true, data: { dryRun: true, pipeline: c.description, argv: c.argv, gstCommand: c.shell, keptCodec: plan.keptCodec ?? null, audio: audioSummary(plan) }, lines: [c.shell] };
  }
  const { data, lines } = await job.execute(plan);
  if (data.stoppedBy === 'signal') {
    const n = (data.segments as unknown[]).length;
    throw new InterruptedError(`Interrupted: recording stopped, ${n} segment(s) closed and complete.`, { data });
  }
  return { ok: true, data, lines };
}
