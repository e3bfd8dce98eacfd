// --rtsp-port: the DeepStream pipeline sends RTP/H.264 to a loopback UDP port and our RTSP host (the
// gst-rtsp-server helper, see src/server/helper/rtsp_host.py) serves it from `udpsrc name=pay0`:
// deepstream-app's RTSP sink works the same way, and the helper never needs the nv* plugins.
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { EnvironmentError, JobError, UsageError } from '../../errors.js';
import { LineSplitter } from '../../gst/lines.js';
import { PipelineBuilder } from '../../pipeline/builder.js';
import { checkPythonBindings, HELPER_PACKAGES, pythonInterpreter } from '../../server/python.js';
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
  const child = execa(pythonInterpreter(options.env), [RTSP_HELPER], { env: options.env, stdin: 'pipe', buffer: false, reject: false, cleanup: true });
  const config = { host: options.host, port: options.port, mounts: [{ path: options.mount, launch: relayLaunch(options.udpPort), shared: true }] };
  child.stdin?.write(`${JSON.stringify(config)}\n`);
  const url = await waitReady(child, options);
  return {
    url,
    stop: async () => {
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await child;
      clearTimeout(timer);
    },
  };
}

function waitReady(child: ResultPromise, options: RelayOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => fail(new JobError('The RTSP host did not start within 15 s.')), options.readyTimeoutMs ?? 15_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      if (!ready) child.kill('SIGKILL');
      reject(error);
    };
    const lines = new LineSplitter((line) => {
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      if (ready) return options.onEvent?.(event);
      if (event.type === 'ready') {
        ready = true;
        clearTimeout(timer);
        resolve(String(event.url));
      } else if (event.type === 'error') {
        const message = `RTSP host: ${String(event.message)}`;
        fail(event.code === 'listen-failed' ? new UsageError(message, { fix: 'Choose another --rtsp-port.' }) : new JobError(message));
      }
    });
    child.stdout?.on('data', (chunk: Buffer) => lines.push(chunk));
    void child.then((r) => {
      if (!ready) fail(new JobError(`The RTSP host exited before it was ready (${r.exitCode ?? r.signal}).`));
    });
  });
}
