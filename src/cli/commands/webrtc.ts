// Serves until SIGINT/SIGTERM (exit 0) or the end of a file without --loop; events to the reporter.
import type { CommandContext, CommandResult } from '../context.js';
import type { WebrtcFlags } from '../defs/webrtc.js';
import { parseWebrtcOptions, TOKEN_ENV, type WebrtcOptionsInput } from '../../jobs/webrtc/options.js';
import { WebrtcServer, type WebrtcEvent, type WebrtcSummary } from '../../jobs/webrtc/server.js';

export async function runWebrtc(ctx: CommandContext, input: string, flags: WebrtcFlags): Promise<CommandResult> {
  // zod checks every value (commander gives strings for the choices it does not know as types).
  // LYDLR_WEBRTC_TOKEN keeps the token out of ps (serve passes it so); --token wins.
  const token = flags.token ?? (process.env[TOKEN_ENV] || undefined);
  const options = parseWebrtcOptions({ ...flags, token, input } as WebrtcOptionsInput);
  const server = await WebrtcServer.start(options, {
    env: process.env,
    childEnv: ctx.childEnv(),
    onEvent: (event) => report(ctx, event),
  });
  const unsubscribe = ctx.onInterrupt((signal, count) => {
    if (count === 1) {
      ctx.reporter.log('info', `${signal}: closing every viewer and stopping… (again to quit at once)`);
      void server.stop();
    } else {
      server.kill();
    }
  });
  try {
    const summary = await server.done;
    return { ok: true, data: { ...summary }, lines: summaryLines(summary) };
  } finally {
    unsubscribe();
  }
}

// Stats go to --json as they are; people get a status line instead of a log line every few seconds.
function report(ctx: CommandContext, event: WebrtcEvent): void {
  if (event.type === 'stats' && !ctx.options.json) {
    ctx.reporter.event({ type: 'status', message: `${event.viewers} watching · ${event.bitrateKbps} kb/s sent` });
    return;
  }
  ctx.reporter.event(event);
}

function summaryLines(s: WebrtcSummary): string[] {
  const took = s.durationMs < 60_000 ? `${(s.durationMs / 1000).toFixed(1)} s` : `${(s.durationMs / 60_000).toFixed(1)} min`;
  const why = s.reason === 'eos' ? 'the input ended' : 'stopped';
  return [`✓ WebRTC server ${why} after ${took}: ${s.viewersServed} viewer${s.viewersServed === 1 ? '' : 's'} served, at most ${s.peakViewers} at once`];
}
