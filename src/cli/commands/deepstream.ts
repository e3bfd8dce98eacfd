// `deepstream status` (the availability answer) and `deepstream inference` (dry-run or run).
import type { CommandContext, CommandResult } from '../context.js';
import type { DeepstreamInferenceFlags } from '../defs/deepstream.js';
import { InterruptedError } from '../../errors.js';
import { GST_LAUNCH, launchFlags } from '../../gst/launch.js';
import { shellQuote } from '../../pipeline/quote.js';
import { runPipeline } from '../../jobs/run-pipeline.js';
import { runSummaryLines } from '../../report/run-summary.js';
import { deepstreamStatus, type DeepstreamStatus } from '../../jobs/deepstream/status.js';
import { inferenceOptions, parseDeepstreamOptions } from '../../jobs/deepstream/options.js';
import { planDeepstream, type DeepstreamPlan } from '../../jobs/deepstream/plan.js';
import { buildDeepstreamPipeline } from '../../jobs/deepstream/pipeline.js';
import { freeUdpPort, relayLaunch } from '../../jobs/deepstream/rtsp-relay.js';
import { runDeepstream } from '../../jobs/deepstream/run.js';

export async function runDeepstreamStatus(ctx: CommandContext): Promise<CommandResult> {
  void ctx.env; // an invalid DEEPSTREAM_ENABLED is exit 2 before anything runs
  const status = await deepstreamStatus({ env: process.env });
  return { ok: true, data: { ...status }, lines: statusLines(status) };
}

// One line per check; each distinct fix once, under the first check that needs it.
export function statusLines(status: DeepstreamStatus): string[] {
  const head = status.available
    ? `✓ DeepStream ${status.version} is available (${status.path})`
    : `✗ DeepStream is not available${status.version ? ` (version ${status.version} at ${status.path})` : ''}`;
  const lines = [head];
  const fixes = new Set<string>();
  for (const c of status.checks) {
    const mark = c.ok ? (c.found ? '✓' : '–') : '✗';
    const said = c.reason ?? c.detail;
    lines.push(`  ${mark} ${said?.startsWith(c.name) ? said : `${c.name}${said ? `: ${said}` : ''}`}`);
    if (!c.ok && c.fix && !fixes.has(c.fix)) {
      fixes.add(c.fix);
      lines.push(`      fix: ${c.fix}`);
    }
  }
  return lines;
}

export async function runDeepstreamInference(ctx: CommandContext, inputs: string[], flags: DeepstreamInferenceFlags): Promise<CommandResult> {
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

async function dryRun(plan: DeepstreamPlan): Promise<CommandResult> {
  const udpPort = plan.output.kind === 'rtsp' ? plan.output.udpPort || (await freeUdpPort()) : undefined;
  const builder = buildDeepstreamPipeline(plan, { udpPort });
  const argv = builder.toArgv();
  const gstCommand = [GST_LAUNCH, ...launchFlags(), ...argv].map(shellQuote).join(' ');
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
