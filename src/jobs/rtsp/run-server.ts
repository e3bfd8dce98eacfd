// `rtsp` serving: the host started with the planned mounts, its events reported, a signal → clean stop.
import type { JobContext } from '../context.js';
import { JobError } from '../../errors.js';
import { requirePythonBindings } from '../../server/python.js';
import type { HelperConfig } from './helper-events.js';
import { reportServerEvent } from '../../report/rtsp-view.js';
import { RtspServer, type ServerOutcome } from './rtsp-host.js';
import type { StopLatch } from './stop-latch.js';
import type { HelperGraph } from '../helper-graph.js';

export interface ServeResult {
  urls: string[];
  outcome: ServerOutcome;
  /** The --graph picture written. */
  drawn: string | undefined;
}

export async function runServer(ctx: JobContext, config: HelperConfig, latch: StopLatch, graph?: HelperGraph): Promise<ServeResult> {
  const env = ctx.childEnv();
  const interpreter = await requirePythonBindings(['Gst', 'GstRtspServer'], env);
  const server = new RtspServer({ config, interpreter, env });
  const everywhere = config.host === '0.0.0.0' || config.host === '::';
  server.on((event) => reportServerEvent(ctx, event, everywhere));
  // A shared media pipeline is built and played for its first viewer: drawn then, caps negotiated.
  server.onPlaying((mount) => graph?.drawOnce(() => server.graph(mount)));
  const urls = await server.start();
  latch.set(() => void server.stop()); // a second signal: stop() kills
  const outcome = await server.done();
  const drawn = await graph?.settle();
  if (!outcome.stopped) {
    throw new JobError(`The RTSP host stopped unexpectedly (${outcome.signal ?? `exit ${outcome.exitCode}`}).`, {
      fix: 'Re-run with --gst-debug 3 for GStreamer\'s own log.',
      data: { urls, exitCode: outcome.exitCode, signal: outcome.signal, stderr: outcome.stderrTail.join('\n') },
    });
  }
  return { urls, outcome, drawn };
}
