// Probes a file: discoverer facts, MP4 boxes when it is an MP4/MOV, then a verdict per target.
import type { JobContext, JobResult } from '../context.js';
import type { ProbeFlags } from './index.js';
import { discover } from '../../gst/discover/discover.js';
import { URI_SCHEME } from '../../gst/discover/run.js';
import { readMp4 } from '../../media/mp4/read-mp4.js';
import { probeFacts } from './facts.js';
import { verdictFor } from './verdicts.js';
import { probeLines } from '../../report/probe-view.js';
import { TARGETS } from './targets.js';
import { fileURLToPath } from 'node:url';

const QUICKTIME = new Set(['mp4', 'mov', 'm4a', '3gp']);

export async function runProbe(ctx: JobContext, source: string, flags: Partial<ProbeFlags>): Promise<JobResult> {
  const info = await discover(source, { env: ctx.childEnv() });
  const local = !URI_SCHEME.test(source) || source.startsWith('file://');
  const mp4 = local && info.container && QUICKTIME.has(info.container) ? await readMp4(source.startsWith('file://') ? fileURLToPath(source) : source) : undefined;
  const facts = probeFacts(source, info, mp4);
  const verdicts = (flags.for ?? [...TARGETS]).map((target) => verdictFor(facts, target));
  return { ok: true, data: { ...facts, verdicts }, lines: probeLines(facts, verdicts) };
}
