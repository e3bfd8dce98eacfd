// Probes a file: discoverer facts, the container's own index (MP4 boxes, Matroska/WebM elements)
// when it is a local file, then a verdict per target.
import type { JobContext, JobResult } from '../context.js';
import type { ProbeFlags } from './index.js';
import { discover } from '../../gst/discover/discover.js';
import { URI_SCHEME } from '../../gst/discover/run.js';
import { readMp4 } from '../../media/mp4/read-mp4.js';
import { readMkv } from '../../media/mkv/read-mkv.js';
import { fromMkv, fromMp4, type ContainerFacts } from './container-facts.js';
import { probeFacts } from './facts.js';
import { verdictFor } from './verdicts.js';
import { probeLines } from '../../report/probe-view.js';
import { TARGETS } from './targets.js';
import { fileURLToPath } from 'node:url';

const QUICKTIME = new Set(['mp4', 'mov', 'm4a', '3gp']);
const MATROSKA = new Set(['mkv', 'webm']);

async function containerFacts(file: string, container: string): Promise<ContainerFacts | undefined> {
  if (QUICKTIME.has(container)) {
    const mp4 = await readMp4(file);
    return mp4 && fromMp4(mp4);
  }
  if (MATROSKA.has(container)) {
    // The discoverer's facts stand on their own: a Matroska file the reader cannot follow loses
    // only the index facts.
    const mkv = await readMkv(file).catch(() => undefined);
    return mkv && fromMkv(mkv);
  }
  return undefined;
}

export async function runProbe(ctx: JobContext, source: string, flags: Partial<ProbeFlags>): Promise<JobResult> {
  const info = await discover(source, { env: ctx.childEnv() });
  const local = !URI_SCHEME.test(source) || source.startsWith('file://');
  const container = local && info.container ? await containerFacts(source.startsWith('file://') ? fileURLToPath(source) : source, info.container) : undefined;
  const facts = probeFacts(source, info, container);
  const verdicts = (flags.for ?? [...TARGETS]).map((target) => verdictFor(facts, target));
  return { ok: true, data: { ...facts, verdicts }, lines: probeLines(facts, verdicts) };
}
