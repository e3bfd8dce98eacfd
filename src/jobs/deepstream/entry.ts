// deepstream inference: plan the canonical pipeline for the inputs, then dry-run it or run it.
import type { JobContext, JobResult } from '../context.js';
import type { DeepstreamInferenceFlags } from './index.js';
import { InterruptedError } from '../../errors.js';
import { gstLaunchCommand } from '../../gst/launch/runner.js';
import { runPipeline } from '../run-pipeline.js';
import { runSummaryLines } from '../../report/run-summary.js';
import { inferenceOptions, parseDeepstreamOptions } from './options.js';
import { planDeepstream, type DeepstreamPlan } from './plan.js';
import { buildDeepstreamPipeline } from './pipeline.js';
import { freeUdpPort, relayLaunch } from './rtsp-relay.js';
import { runDeepstream } from './run.js';

export async function runDeepstreamInference(ctx: JobContext, inputs: string[], flags: DeepstreamInferenceFlags): Promise<JobResult> {
  const plan = planDeepstream(parseDeepstreamOptions(inferenceOptions(inputs, flags, ctx.env.deepstreamPath)));
  if (flags.dryRun) return dryRun(plan);
  let timedOut = false;
  const run = await runDeepstream(plan, {
    env: process.env,
    launch: async (pipeline, extraPluginPaths) => {
      const outcome = await runPipeline(ctx, { pipeline, extraPluginPaths, timeoutSeconds: flags.timeout });
      timedOut = outcome.timedOut;
      return outcome;
    },
    onRtspReady: (url) => ctx.reporter.event({ type: 'ready', url, message: `Serving ${url}` }),
  });
  const { result, status } = run;
  const seconds = result.durationMs / 1000;
  const fps = result.stats.frames !== null && seconds > 0 ? Number((result.stats.frames / seconds).toFixed(2)) : null;
  const data = {
    available: true, version: status.version, eos: result.eos, stoppedByTimeout: timedOut, durationMs: result.durationMs,
    stats: result.stats, fps, batchSize: plan.batchSize, inputs: plan.inputs.length, output: run.output, rtspUrl: run.rtspUrl, gstCommand: result.command,
  };
  if (result.interrupted && !timedOut) throw new InterruptedError('Interrupted: the pipeline was stopped (EOS sent, files finalized).', { data });
  const lines = [...runSummaryLines(result), ...(fps !== null ? [`  ${fps} fps`] : []), ...(run.output ? [`  → ${run.output}`] : [])];
  return { ok: true, data, lines };
}

async function dryRun(plan: DeepstreamPlan): Promise<JobResult> {
  const udpPort = plan.output.kind === 'rtsp' ? plan.output.udpPort || (await freeUdpPort()) : undefined;
  const builder = buildDeepstreamPipeline(plan, { udpPort });
  const argv = builder.toArgv();
  const gstCommand = gstLaunchCommand(argv);
  const rtspLaunch = udpPort !== undefined ? relayLaunch(udpPort) : undefined;
  const lines = [gstCommand, ...(rtspLaunch ? [`# RTSP server media (rtsp://${plan.output.kind === 'rtsp' ? `${plan.output.host}:${plan.output.port}${plan.output.mount}` : ''}): ${rtspLaunch}`] : [])];
  return {
    ok: true,
    data: {
      dryRun: true, pipeline: builder.build(), argv, gstCommand, elements: builder.factories(), batchSize: plan.batchSize,
      inputs: plan.inputs.length, tiler: plan.tiler ?? null, output: plan.output, ...(rtspLaunch ? { rtspLaunch } : {}),
    },
    lines,
  };
}
