// After a chunked encode's split: one compress job per chunk, added as children of the split's own
// parent (the join) while the split is still active, so the join cannot start before they are all
// done. Their ids come from the parent and the chunk number: a split that runs again adds nothing new
// (BullMQ keeps the existing job, finished or not, as the parent's child).
import type { Job } from 'bullmq';
import type { LydlrQueue } from './open-queue.js';
import type { QueuedJobData, QueuedJobResult } from './queued-job.js';
import { RETRY } from './timing.js';

interface SplitChunk {
  source: string;
  encoded: string;
}

export async function addChunkJobs(queue: LydlrQueue, split: Job<QueuedJobData>, result: QueuedJobResult): Promise<number> {
  const parentId = split.parent?.id;
  const template = split.data.chunkEncode;
  if (!parentId || !template) throw new Error(`${split.id}: a split step needs a parent job and a chunk encode (add it with queue add --chunk)`);
  const chunks = (result.chunks ?? []) as SplitChunk[];
  if (chunks.length === 0) throw new Error(`${split.id}: the split reported no chunks`);
  await queue.addBulk(chunks.map((chunk, i) => ({
    name: 'compress',
    data: { kind: 'compress', input: chunk.source, argv: [...template.argv, '--', chunk.source, chunk.encoded] },
    opts: {
      jobId: `${parentId}-chunk-${String(i).padStart(5, '0')}`,
      parent: { id: parentId, queue: split.parent!.queueKey },
      ...RETRY,
      ...(split.opts.priority ? { priority: split.opts.priority } : {}),
    },
  })));
  return chunks.length;
}
