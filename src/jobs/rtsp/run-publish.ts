// `rtsp --publish URL`: the encode pushed by gst-launch, restarted with back-off when the server goes away.
import type { JobContext } from '../context.js';
import { requireGstTool } from '../../gst/tools.js';
import type { MountPlan } from './plan.js';
import type { RtspOptions } from './options.js';
import { maskUrl, publishPipeline, publishProtocol } from './publish-pipeline.js';
import { Publisher, type PublishOutcome } from './republisher.js';
import { reportPublisherEvent } from '../../report/rtsp-view.js';
import type { StopLatch } from './stop-latch.js';

export interface PublishResult {
  url: string;
  protocol: string;
  outcome: PublishOutcome;
}

export async function runPublish(ctx: JobContext, options: RtspOptions, plan: MountPlan, latch: StopLatch): Promise<PublishResult> {
  const env = ctx.childEnv();
  requireGstTool('gst-launch-1.0', env);
  const target = options.publish!;
  const url = maskUrl(target);
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
  });
  latch.set(() => publisher.stop()); // a second signal: stop() kills the child
  return { url, protocol: publishProtocol(target), outcome: await publisher.start() };
}
