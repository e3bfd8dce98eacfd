// --rtsp-port: the DeepStream pipeline sends RTP/H.264 to a loopback UDP port and our RTSP host (the
// gst-rtsp-server helper, see src/server/helper/rtsp_host.py) serves it from `udpsrc name=pay0`:
// deepstream-app's RTSP sink works the same way, and the helper never needs the nv* plugins.
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { EnvironmentError, JobError, UsageError } from '../../errors.js';
import { PipelineBuilder } from '../../pipeline/builder.js';
import { checkPythonBindings, HELPER_PACKAGES, pythonInterpreter } from '../../server/python.js';
import { describeExit, HelperProcess, HelperWaitError } from '../../server/helper-process.js';
import { RTP_H264_CAPS } from './pipeline.js';

export const RTSP_HELPER = fileURLToPath(new URL('../../server/helper/rtsp_host.py', import.meta.url));

// The RTSP server's media: the RTP packets as they arrive (a bin, as gst-rtsp-server wants it).
export function relayLaunch(udpPort: number): string {
  return `( ${new PipelineBuilder().add('udpsrc', { port: udpPort, 'buffer-size': 524288, caps: RTP_H264_CAPS }, 'pay0').build()} )`;
}

// A free loopback UDP port (the kernel picks it; it is released for udpsrc to take).
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => socket.once('error', reject).bind(0, '127.0.0.1', () => resolve()));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

export interface RtspRelay {
  url: string;
  stop(): Promise<void>;
}

export interface RelayOptions {
  port: number;
  host: string;
  mount: string;
  udpPort: number;
  env: NodeJS.ProcessEnv;
  /** Helper events after ready (client-connected, stats, error…). */
  onEvent?: (event: Record<string, unknown>) => void;
  readyTimeoutMs?: number;
}

export async function startRtspRelay(options: RelayOptions): Promise<RtspRelay> {
  const bindings = await checkPythonBindings(['Gst', 'GstRtspServer'], options.env);
  if (!bindings.ok) {
    throw new EnvironmentError(`The RTSP host needs Python GStreamer bindings (${bindings.missing.join(', ')} missing in ${bindings.interpreter}).`, {
      fix: `apt-get install -y ${HELPER_PACKAGES.join(' ')}`,
    });
  }
  const config = { host: options.host, port: options.port, mounts: [{ path: options.mount, launch: relayLaunch(options.udpPort), shared: true }] };
  const host = new HelperProcess({ interpreter: pythonInterpreter(options.env), args: [RTSP_HELPER], config, env: options.env, stopTimeoutMs: 5000 });
  void host.start();
  const url = await waitReady(host, options);
  const off = host.on((event) => options.onEvent?.(event));
  return {
    url,
    stop: async () => {
      off();
      await host.stop();
    },
  };
}

// The host's ready URL; a listen failure is bad usage (another --rtsp-port), anything else a failed job.
async function waitReady(host: HelperProcess, options: RelayOptions): Promise<string> {
  const timeoutMs = options.readyTimeoutMs ?? 15_000;
  try {
    const event = await host.waitFor((e) => e.type === 'ready' || e.type === 'error', timeoutMs, 'its ready event');
    if (event.type === 'ready') return String(event.url);
    host.kill();
    const message = `RTSP host: ${String(event.message)}`;
    throw event.code === 'listen-failed' ? new UsageError(message, { fix: 'Choose another --rtsp-port.' }) : new JobError(message);
  } catch (error) {
    if (!(error instanceof HelperWaitError)) throw error;
    host.kill();
    throw new JobError(error.exit ? `The RTSP host exited before it was ready (${describeExit(error.exit)}).` : `The RTSP host did not start within ${timeoutMs / 1000} s.`);
  }
}
