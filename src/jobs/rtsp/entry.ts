// `rtsp [input]`: options → planned mounts → the RTSP host (or --publish: gst-launch) → result.
import type { JobContext, JobResult } from '../context.js';
import type { RtspFlags } from './index.js';
import { gstLaunchCommand } from '../../gst/launch/runner.js';
import { resolveRtspOptions } from './config.js';
import type { RtspOptions, RtspOptionsInput } from './options.js';
import { softwareEncoderLimits } from '../encoder-limits.js';
import { probeWith, type MountPlan } from './plan.js';
import { maskUrl, publishPipeline } from './publish-pipeline.js';
import { publishedLine, servedLine } from '../../report/rtsp-view.js';
import { runPublish } from './run-publish.js';
import { runServer, type ServeResult } from './run-server.js';
import { checkRecordable, MountRecorders } from './mount-recorders.js';
import { HelperGraph } from '../helper-graph.js';
import { checkGraphTarget, type GraphRequest } from '../run-graph.js';
import type { HelperConfig } from './helper-events.js';
import { planServer } from './server-plan.js';
import { mountUrl } from './urls.js';
import { StopLatch } from './stop-latch.js';

export async function runRtsp(ctx: JobContext, input: string | undefined, flags: RtspFlags): Promise<JobResult> {
  const latch = new StopLatch(ctx, flags.publish !== undefined ? 'publisher' : 'server (clients get end-of-stream)');
  try {
    const { options, warnings } = resolveRtspOptions({
      input,
      mounts: flags.mount,
      configFile: flags.config,
      flags: optionFlags(flags),
      auth: { flags: flags.auth, file: flags.authFile, env: process.env },
    });
    for (const warning of warnings) ctx.reporter.log('warn', `! ${warning}`);
    // The picture is checked before anything is probed or started; a dry run draws nothing.
    const graphRequest = options.graph !== undefined && !flags.dryRun ? { file: options.graph } : undefined;
    if (graphRequest) checkGraphTarget(graphRequest, ctx.childEnv());
    const { plans, config } = await planServer(options, probeWith(ctx.childEnv()), softwareEncoderLimits(ctx.childEnv()));
    if (options.publish !== undefined) return flags.dryRun ? publishDryRun(options, plans[0]!) : await publish(ctx, options, plans[0]!, latch, graphRequest);
    if (flags.dryRun) {
      const mounts = config.mounts.map((m) => ({ path: m.path, url: mountUrl(options.host, options.port, m.path), launch: m.launch, loop: m.loop }));
      return { ok: true, data: { dryRun: true, mounts, auth: options.auth.map((a) => a.user) }, lines: mounts.flatMap((m) => [`# ${m.url}${m.loop ? ' (loop)' : ''}`, m.launch]) };
    }
    if (options.record !== undefined) checkRecordable(options.record, plans);
    if (latch.requested) return { ok: true, data: { urls: [], stopped: true }, lines: ['Stopped before the server started.'] };
    return await serve(ctx, options, plans, config, latch, HelperGraph.prepare(ctx, graphRequest, ctx.childEnv()));
  } finally {
    latch.dispose();
  }
}

async function serve(ctx: JobContext, options: RtspOptions, plans: MountPlan[], config: HelperConfig, latch: StopLatch, graph: HelperGraph | undefined): Promise<JobResult> {
  let stopServer = () => {};
  const recorders = options.record !== undefined ? new MountRecorders(ctx, options.record, plans, () => stopServer()) : undefined;
  let served: ServeResult;
  try {
    served = await runServer(ctx, config, latch, {
      onReady: (urls, stop) => {
        stopServer = stop;
        recorders?.start(urls);
      },
      onEvent: (event) => {
        if (event.type === 'media-eos') recorders?.mountEnded(event.mount);
      },
      graph,
    });
  } catch (error) {
    // The server failed: its recorders close their segments before the failure is reported.
    recorders?.abort();
    await recorders?.finish().catch(() => undefined);
    throw error;
  }
  const recordings = (await recorders?.finish()) ?? [];
  const { urls, outcome, drawn } = served;
  const data = {
    urls, uptimeSeconds: outcome.uptimeSeconds, clientsServed: outcome.clientsServed, bytes: outcome.bytes, stopped: true,
    ...(drawn ? { graph: drawn } : {}),
    ...(recorders ? { recordings: recordings.map((r) => ({ mount: r.mount, ...r.outcome.data })) } : {}),
  };
  const lines = [servedLine(urls, outcome.uptimeSeconds, outcome.clientsServed, outcome.bytes), ...recordings.flatMap((r) => r.outcome.lines.map((l) => `${r.mount} ${l}`))];
  return { ok: true, data, lines };
}

async function publish(ctx: JobContext, options: RtspOptions, plan: MountPlan, latch: StopLatch, graph: GraphRequest | undefined): Promise<JobResult> {
  const { url, protocol, outcome, drawn } = await runPublish(ctx, options, plan, latch, graph);
  const data = {
    publish: url, protocol, reason: outcome.reason, attempts: outcome.attempts, reconnects: outcome.reconnects, eos: outcome.last?.eos ?? false, durationMs: outcome.last?.durationMs,
    ...(drawn ? { graph: drawn } : {}),
  };
  const how = outcome.reason === 'ended' ? 'the input ended' : 'stopped';
  return { ok: true, data, lines: [publishedLine(url, how, outcome.reconnects)] };
}

function publishDryRun(options: RtspOptions, plan: MountPlan): JobResult {
  const argv = publishPipeline(plan, options.publish!, options.transport).toArgv();
  const gstCommand = gstLaunchCommand(argv);
  return { ok: true, data: { dryRun: true, publish: maskUrl(options.publish!), argv, gstCommand }, lines: [gstCommand] };
}

function optionFlags(f: RtspFlags): Omit<RtspOptionsInput, 'mounts' | 'auth'> {
  return {
    port: f.port, host: f.host, codec: f.codec, bitrate: f.bitrate, preset: f.preset as RtspOptionsInput['preset'], scale: f.scale, fps: f.fps,
    keyframeInterval: f.keyframeInterval, audio: f.audio as RtspOptionsInput['audio'], transport: f.transport as RtspOptionsInput['transport'],
    multicast: f.multicast, loop: f.loop, authScheme: f.authScheme as RtspOptionsInput['authScheme'], statsInterval: f.statsInterval,
    publish: f.publish, maxRetries: f.maxRetries, record: f.record, graph: f.graph,
  };
}
