// snapshot: the helper prerolls the file, seeks and encodes one frame (or takes a live source's next
// frame) into a hidden file beside the output, which is renamed once complete.
import { rmSync } from 'node:fs';
import type { JobContext } from '../context.js';
import { discover } from '../../gst/discover/discover.js';
import { requireVideo } from '../video-input.js';
import { UsageError, JobError, InterruptedError } from '../../errors.js';
import { HelperProcess, describeExit, type HelperEvent } from '../../server/helper-process.js';
import { helperScript, requirePythonBindings } from '../../server/python.js';
import { partialName } from '../compress/partials.js';
import { publish } from './files.js';
import type { SnapshotPlan } from './plan.js';

export interface Snapshot {
  output: string;
  format: string;
  /** The stream time of the frame taken, in seconds (null when the source gives none). */
  pts: number | null;
  width: number;
  height: number;
  bytes: number;
}

// A file's --at must fall inside it: refused before the helper starts, with the file's duration.
export async function checkSeekTarget(ctx: JobContext, plan: SnapshotPlan): Promise<void> {
  if (plan.input.kind !== 'file') return;
  const media = await discover(plan.input.path, { env: ctx.childEnv() });
  requireVideo(plan.input.spec, media);
  const duration = media.durationSeconds;
  if (plan.at !== undefined && duration !== null && plan.at >= duration) {
    throw new UsageError(`--at ${plan.at} is past the end of "${plan.input.spec}" (${duration.toFixed(3)} s).`, {
      fix: `Give a time below ${duration.toFixed(3)} s.`,
      data: { at: plan.at, durationSeconds: duration },
    });
  }
}

export async function takeSnapshot(ctx: JobContext, plan: SnapshotPlan, timeoutSeconds: number): Promise<Snapshot> {
  const interpreter = await requirePythonBindings(['Gst', 'GstVideo'], ctx.childEnv());
  const partial = partialName(plan.output);
  const config = { pipeline: plan.pipeline.build(), at: plan.at ?? null, fast: plan.fast, live: plan.live, mime: plan.format.mime, output: partial, timeout: timeoutSeconds };
  const helper = new HelperProcess({ interpreter, args: [helperScript('snapshot.py')], config, env: ctx.childEnv(), stopTimeoutMs: 0 });
  let picture: HelperEvent | undefined;
  helper.on((e) => { if (e.type === 'snapshot') picture = e; });
  // One picture is nothing to finish: a stop ends the helper at once.
  let stopped = false;
  const off = ctx.stop.onStop(() => { stopped = true; helper.kill(); });
  try {
    const exit = await helper.start();
    if (stopped) throw new InterruptedError('Interrupted: no snapshot taken.');
    if (exit.exitCode !== 0 || !picture) {
      const message = typeof exit.error?.message === 'string' ? exit.error.message : `the snapshot helper ended (${describeExit(exit)}): ${exit.stderrTail.slice(-3).join(' | ')}`;
      const details = { fix: 'Check that the source plays, e.g. with gst-play-1.0.', data: { input: plan.input.spec, helperError: exit.error ?? null } };
      throw exit.exitCode === 2 ? new UsageError(`No snapshot of "${plan.input.spec}": ${message}`, details) : new JobError(`No snapshot of "${plan.input.spec}": ${message}`, details);
    }
    publish(partial, plan.output);
    return {
      output: plan.output,
      format: plan.format.name,
      pts: typeof picture.pts === 'number' ? Number(picture.pts.toFixed(6)) : null,
      width: Number(picture.width),
      height: Number(picture.height),
      bytes: Number(picture.bytes),
    };
  } finally {
    off();
    rmSync(partial, { force: true });
  }
}
