// A BullMQ Queue for one command's work: Redis checked first (exit 3 when unreachable), closed after.
import { Queue } from 'bullmq';
import { checkReachable, redisOptions, type QueueTarget } from './connection.js';
import type { QueuedJobData, QueuedJobResult } from './queued-job.js';

export type LydlrQueue = Queue<QueuedJobData, QueuedJobResult>;

export async function withQueue<T>(target: QueueTarget, use: (queue: LydlrQueue) => Promise<T>): Promise<T> {
  await checkReachable(target.url);
  const queue: LydlrQueue = new Queue(target.queue, { connection: redisOptions(target.url) });
  try {
    return await use(queue);
  } finally {
    await queue.close();
  }
}
