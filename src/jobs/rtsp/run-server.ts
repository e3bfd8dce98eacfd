// `rtsp` serving: the host started with the planned mounts, its events reported, a signal → clean stop.
import type { JobContext } from '../context.js';
import { JobError } from '../../errors.js';
import { requirePythonBindings } from '../../server/python.js';
import type { HelperConfig } from './helper-events.js';
import { reportServerEvent } from '../../report/rtsp-view.js';
import { RtspServer, type RtspServerEvent, type ServerOutcome } from './rtsp-host.js';
import type { StopLatch } from './stop-latch.js';
import type { HelperGraph } from '../helper-graph.js';

export interface ServeResult {
  urls: string[];
  outcome: ServerOutcome;
  /** The --graph picture written. */
  drawn: string | undefined;
}

/** What rtsp --record watches: the URLs once clients can connect (with a way to stop the server), and the host's events. */
export interface ServerHooks {
  onReady?(urls: string[], stop: () => void): void;
  onEvent?(event: RtspServerEvent): void;
  /** --graph: drawn once the first mount's shared pipeline plays. */
  graph?: HelperGraph | undefined;
}

export async function runServer(ctx: JobContext, config: HelperConfig, latch: StopLatch, hooks: ServerHooks = {}): Promise<ServeResult> {
  const env = ctx.childEnv();
  const interpreter = await requirePythonBindings(['Gst', 'GstRtspServer'], env);
  const server = new RtspServer({ config, interpreter, env });
  const everywhere = config.host === '0.0.0.0' || config.host === '::';
  server.on((event) => {
    reportServerEvent(ctx, event, everywhere);
    hooks.onEvent?.(event);
  });
  // A shared media pipeline is built and played for its first viewer: drawn then, caps negotiated.
  server.onPlaying((mount) => hooks.graph?.drawOnce(() => server.graph(mount)));
  const urls = await server.start();
  latch.set(() => void server.stop()); // a second signal: stop() kills
  hooks.onReady?.(urls, () => void server.stop());
  const outcome = await server.done();
  const drawn = await hooks.graph?.settle();
  if (!outcome.stopped) {
    throw new JobError(`The RTSP host stopped unexpectedly (${outcome.signal ?? `exit ${outcome.exitCode}`}).`, {
      fix: 'Re-run with --gst-debug 3 for GStreamer\'s own log.',
      data: { urls, exitCode: outcome.exitCode, signal: outcome.signal, stderr: outcome.stderrTail.join('\n') },
    });
  }
  return { urls, outcome, drawn };
}
