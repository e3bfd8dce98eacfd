// snapshot: check everything (format, source, output, --at inside the file), then take the picture.
import type { JobContext, JobResult } from '../context.js';
import type { SnapshotFlags } from './index.js';
import { parseSnapshotOptions } from './options.js';
import { planSnapshot } from './plan.js';
import { checkOutput } from './files.js';
import { checkSeekTarget, takeSnapshot } from './job.js';
import { snapshotResultLines } from '../../report/snapshot-view.js';

export async function runSnapshot(ctx: JobContext, input: string, output: string, flags: SnapshotFlags): Promise<JobResult> {
  const { dryRun, ...rest } = flags;
  const options = parseSnapshotOptions({ ...rest, input, output });
  const plan = planSnapshot(options);
  checkOutput(plan.output, plan.input, options.overwrite);
  if (dryRun) {
    const pipeline = plan.pipeline.build();
    const how = plan.live ? 'the next decoded frame' : plan.fast ? `prerolled, the keyframe at or before ${plan.at ?? 0} s` : `prerolled, accurate seek to ${plan.at ?? 0} s`;
    return { ok: true, data: { dryRun: true, pipeline, live: plan.live, at: plan.at ?? null, fast: plan.fast, format: plan.format.name }, lines: [`${pipeline}`, `  (${how}, encoded as ${plan.format.name})`] };
  }
  await checkSeekTarget(ctx, plan);
  const started = performance.now();
  const shot = await takeSnapshot(ctx, plan, options.timeout);
  const data = { ...shot, input, at: plan.at ?? null, fast: plan.fast, wallSeconds: Number(((performance.now() - started) / 1000).toFixed(3)) };
  return { ok: true, data, lines: snapshotResultLines(data) };
}
