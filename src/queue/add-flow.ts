// Adds planned chunked encodes as BullMQ flows (FlowProducer: the parent and its children in one
// transaction, the parent waiting for its children). A flow whose parent is already in the queue is
// not added again, as addJobs does for plain jobs.
import { FlowProducer, type FlowJob } from 'bullmq';
import { redisOptions, type QueueTarget } from './connection.js';
import type { LydlrQueue } from './open-queue.js';
import type { PlannedFlow, PlannedFlowStep } from './chunk-flow.js';
import { RETRY } from './timing.js';

export interface AddedFlow {
  id: string;
  input: string;
  added: boolean;
}

export async function addFlows(queue: LydlrQueue, target: QueueTarget, flows: PlannedFlow[], priority: number | undefined): Promise<AddedFlow[]> {
  const producer = new FlowProducer({ connection: redisOptions(target.url) });
  try {
    const added: AddedFlow[] = [];
    for (const flow of flows) {
      const existed = (await queue.getJob(flow.id)) !== undefined;
      if (!existed) await producer.add({ ...flowJob(flow.join, target.queue, priority), children: flow.children.map((c) => flowJob(c, target.queue, priority)) });
      added.push({ id: flow.id, input: flow.input, added: !existed });
    }
    return added;
  } finally {
    await producer.close();
  }
}

function flowJob(step: PlannedFlowStep, queueName: string, priority: number | undefined): FlowJob {
  return { name: step.data.kind, queueName, data: step.data, opts: { jobId: step.id, ...RETRY, ...(priority !== undefined ? { priority } : {}) } };
}
