// Serves until SIGINT/SIGTERM (exit 0) or the end of a file without --loop; events to the reporter.
import type { JobContext, JobResult } from '../context.js';
import type { WebrtcFlags } from './index.js';
import { parseWebrtcOptions, TOKEN_ENV, type WebrtcOptionsInput } from './options.js';
import { WebrtcServer, type WebrtcEvent, type WebrtcSummary } from './server.js';
import { buildWebrtcMedia } from './media.js';
import { webrtcStatusLine, webrtcSummaryLines } from '../../report/webrtc-view.js';
import { planWebrtc } from './plan.js';
import { gstLaunchCommand } from '../../gst/launch/runner.js';
import type { WebrtcOptions } from './options.js';
import { HelperGraph } from '../helper-graph.js';

export async function runWebrtc(ctx: JobContext, input: string, flags: WebrtcFlags): Promise<JobResult> {
  // zod checks every value (commander gives strings for the choices it does not know as types).
  // LYDLR_WEBRTC_TOKEN keeps the token out of ps (serve passes it so); --token wins.
  const token = flags.token ?? (process.env[TOKEN_ENV] || undefined);
  const { dryRun, ...rest } = flags;
  const options = parseWebrtcOptions({ ...rest, token, input } as WebrtcOptionsInput);
  if (dryRun) return dryRunResult(options, ctx.childEnv());
  // Checked before anything starts; drawn once the shared encode plays (before any viewer).
  const graph = HelperGraph.prepare(ctx, options.graph !== undefined ? { file: options.graph } : undefined, ctx.childEnv());
  const server = await WebrtcServer.start(options, {
    env: process.env,
    childEnv: ctx.childEnv(),
    onEvent: (event) => report(ctx, event),
  });
  graph?.drawOnce(() => server.graph());
  const unsubscribe = ctx.stop.onStop((hard, reason) => {
    if (!hard) {
      ctx.reporter.log('info', `${reason}: closing every viewer and stopping… (again to quit at once)`);
      void server.stop();
    } else {
      server.kill();
    }
  });
  try {
    const summary = await server.done;
    const drawn = await graph?.settle();
    return { ok: true, data: { ...summary, ...(drawn ? { graph: drawn } : {}) }, lines: webrtcSummaryLines(summary) };
  } finally {
    unsubscribe();
  }
}

// Stats go to --json as they are; people get a status line instead of a log line every few seconds.
function report(ctx: JobContext, event: WebrtcEvent): void {
  if (event.type === 'stats' && !ctx.options.json) {
    ctx.reporter.observe?.(event); // --metrics still counts its bytes
    ctx.reporter.event({ type: 'status', message: webrtcStatusLine(event) });
    return;
  }
  ctx.reporter.event(event);
}


// The shared encode every viewer branches from, and a gst-launch line that runs it into fakesinks
// (a check of the encode without a browser).
async function dryRunResult(options: WebrtcOptions, env: NodeJS.ProcessEnv): Promise<JobResult> {
  const media = buildWebrtcMedia(await planWebrtc(options, env));
  let preview = media.builder.from(media.video.tee).queue({}).add('fakesink');
  if (media.audio) preview = preview.from(media.audio.tee).queue({}).add('fakesink');
  const argv = preview.toArgv();
  const gstCommand = gstLaunchCommand(argv);
  return { ok: true, data: { dryRun: true, pipeline: media.media, argv, gstCommand, elements: media.factories }, lines: [gstCommand] };
}
