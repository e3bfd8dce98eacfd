// `rtsp --publish URL`: the encode pushed by gst-launch, restarted with back-off when the server goes away.
import type { JobContext } from '../context.js';
import { requireGstTool } from '../../gst/tools.js';
import type { MountPlan } from './plan.js';
import type { RtspOptions } from './options.js';
import { maskUrl, publishPipeline, publishProtocol } from './publish-pipeline.js';
import { Publisher, type PublishOutcome } from './republisher.js';
import { reportPublisherEvent } from '../../report/rtsp-view.js';
import type { StopLatch } from './stop-latch.js';
import { GraphWriter, graphTargets, type GraphRequest } from '../run-graph.js';

export interface PublishResult {
  url: string;
  protocol: string;
  outcome: PublishOutcome;
  /** The --graph picture written. */
  drawn: string | undefined;
}

export async function runPublish(ctx: JobContext, options: RtspOptions, plan: MountPlan, latch: StopLatch, graph?: GraphRequest): Promise<PublishResult> {
  const env = ctx.childEnv();
  requireGstTool('gst-launch-1.0', env);
  const target = options.publish!;
  const url = maskUrl(target);
  const targets = graphTargets(graph ? { ...graph, overwrite: true } : undefined, ctx.processEnv);
  const writers: GraphWriter[] = [];
  const track = (w: GraphWriter) => (writers.push(w), w);
  const publisher = new Publisher({
    pipeline: publishPipeline(plan, target, options.transport).toArgv(),
    url,
    env,
    loop: plan.loop,
    maxRetries: options.maxRetries,
    onEvent: (event) => reportPublisherEvent(ctx, event),
    onGstEvent: (event) => {
      if (event.type === 'warning') ctx.reporter.event(event);
    },
    // Checked before the start (entry.ts): each run (a reconnect starts one) redraws the same file.
    ...(targets.length > 0 ? { graph: async () => track(await GraphWriter.prepare(ctx, targets, env)) } : {}),
  });
  latch.set(() => publisher.stop()); // a second signal: stop() kills the child
  const outcome = await publisher.start();
  const drawn = graph && writers.some((w) => w.wrote(graph.file)) ? graph.file : undefined;
  return { url, protocol: publishProtocol(target), outcome, drawn };
}
