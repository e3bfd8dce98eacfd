// The library face of `rtsp` (the seed's RTSPStreamPipeline): the same options, plans, launch lines
// and server as the CLI, without a terminal. "stream available at rtsp://127.0.0.1:8554/test".
import { gstChildEnv, readEnv } from '../../config/env.js';
import { requirePythonBindings } from '../../server/python.js';
import { parseRtspOptions, type RtspOptions, type RtspOptionsInput } from './options.js';
import { probeWith } from './plan.js';
import { planServer, type ServerPlan } from './serve.js';
import { RtspServer, type RtspServerEvent, type ServerStats } from './server.js';

export interface RTSPStreamOptions extends Omit<RtspOptionsInput, 'mounts' | 'port' | 'publish' | 'maxRetries'> {
  /** A file, test[:PATTERN], /dev/videoN or a URI. */
  inputSource: string;
  /** Default 8554; 0 picks a free port (see url after start()). */
  rtspPort?: number;
  /** Default /test. */
  mountPoint?: string;
}

export class RTSPStreamPipeline {
  readonly options: RtspOptions;
  private readonly env: NodeJS.ProcessEnv;
  private readonly listeners = new Set<(event: RtspServerEvent) => void>();
  private plan: ServerPlan | undefined;
  private server: RtspServer | undefined;
  private urls: string[] = [];

  // Throws UsageError (exit 2) for invalid options.
  constructor(options: RTSPStreamOptions, settings: { env?: NodeJS.ProcessEnv } = {}) {
    const { inputSource, rtspPort, mountPoint, ...rest } = options;
    this.env = settings.env ?? process.env;
    this.options = parseRtspOptions({ ...rest, port: rtspPort ?? 8554, mounts: [{ path: mountPoint ?? '/test', input: inputSource }] });
  }

  /** The media pipeline gst-rtsp-server runs for the mount (gst-launch syntax, in a bin). */
  async createPipeline(): Promise<string> {
    return (await this.planned()).config.mounts[0]!.launch;
  }

  /** Every event: ready, client-connected/-disconnected, media-eos, media-error, server-stats. */
  on(listener: (event: RtspServerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // Resolves with the URL once clients can connect; UsageError for a busy port, EnvironmentError without bindings.
  async start(): Promise<string> {
    if (this.server) throw new Error('this RTSPStreamPipeline is already started');
    const { config } = await this.planned();
    const interpreter = await requirePythonBindings(['Gst', 'GstRtspServer'], this.childEnv());
    const server = new RtspServer({ config, interpreter, env: this.childEnv() });
    server.on((event) => this.listeners.forEach((l) => l(event)));
    this.server = server;
    try {
      this.urls = await server.start();
    } catch (error) {
      this.server = undefined;
      throw error;
    }
    return this.urls[0]!;
  }

  /** Clients get end-of-stream and a teardown; resolves once the host has exited. */
  async stop(): Promise<void> {
    await this.server?.stop();
  }

  get url(): string | undefined {
    return this.urls[0];
  }

  getStats(): ServerStats {
    return this.server?.getStats() ?? { running: false, urls: [], clients: 0, clientsServed: 0, uptimeSeconds: 0, bytes: 0, bitrateKbps: null };
  }

  private async planned(): Promise<ServerPlan> {
    this.plan ??= await planServer(this.options, probeWith(this.childEnv()));
    return this.plan;
  }

  private childEnv(): NodeJS.ProcessEnv {
    return gstChildEnv(readEnv(this.env), {}, this.env);
  }
}
