// The library face of `lydlr-gst webrtc` (the seed's "WebRTC streaming with STUN server support"):
// the same options, media, helper, WHEP server and viewer page as the CLI, without a terminal.
//
//   const stream = new WebRTCPipeline({ inputSource: 'test', stunServer: 'stun://stun.l.google.com:19302', port: 8080 });
//   stream.on('viewer-joined', (e) => console.log(e.id));
//   const { url } = await stream.start();   // open url in a browser
//   …
//   await stream.stop();
import { EventEmitter } from 'node:events';
import { parseWebrtcOptions, type WebrtcOptions, type WebrtcOptionsInput } from './options.js';
import { WebrtcServer, type WebrtcEvent, type WebrtcSummary } from './server.js';
import type { WebrtcStats } from './stats.js';
import type { Viewer } from './viewers.js';

export interface WebRTCPipelineOptions extends Omit<WebrtcOptionsInput, 'input'> {
  /** test, test:ball, a file, /dev/videoN, rtsp://… */
  inputSource: string;
  /** One STUN server (stun://host:port); `stun` takes several. */
  stunServer?: string;
  stunServers?: string[];
}

export interface WebRTCPipelineStats {
  running: boolean;
  url: string | undefined;
  viewers: Viewer[];
  /** The helper's latest report: bitrate, bytes, elements, memory, fds, per-viewer RTT. */
  stream: WebrtcStats | undefined;
  uptimeMs: number;
}

type EventMap = { [K in WebrtcEvent['type']]: [Extract<WebrtcEvent, { type: K }>] } & {
  event: [WebrtcEvent];
  stopped: [WebrtcSummary];
  failed: [Error];
};

export class WebRTCPipeline extends EventEmitter<EventMap> {
  readonly options: WebrtcOptions;
  private server: WebrtcServer | undefined;
  private starting: Promise<WebrtcServer> | undefined;
  private startedAt: number | undefined;
  private finished = false;

  // Throws UsageError (exit 2) for invalid options.
  constructor(options: WebRTCPipelineOptions, private readonly settings: { env?: NodeJS.ProcessEnv } = {}) {
    super();
    const { inputSource, stunServer, stunServers, stun, ...rest } = options;
    this.options = parseWebrtcOptions({ ...rest, input: inputSource, stun: [...(stun ?? []), ...(stunServers ?? []), ...(stunServer ? [stunServer] : [])] });
  }

  // Resolves once a viewer can connect; UsageError (busy port…), EnvironmentError (helper bindings) otherwise.
  async start(): Promise<{ url: string; whep: string }> {
    this.starting ??= WebrtcServer.start(this.options, {
      env: this.settings.env,
      onEvent: (event) => {
        const emit = this.emit.bind(this) as (name: string, payload: WebrtcEvent) => boolean;
        emit(event.type, event);
        emit('event', event);
      },
    });
    const server = await this.starting;
    if (!this.server) {
      this.server = server;
      this.startedAt = performance.now();
      server.done
        .finally(() => (this.finished = true))
        .then(
          (summary) => this.emit('stopped', summary),
          (error: Error) => this.emit('failed', error),
        );
    }
    return { url: server.url, whep: server.whepUrl };
  }

  /** Closes every viewer and stops the helper; resolves with the run's summary. */
  async stop(): Promise<WebrtcSummary | undefined> {
    const server = this.server ?? (await this.starting?.catch(() => undefined));
    return server?.stop();
  }

  getStats(): WebRTCPipelineStats {
    return {
      running: this.server !== undefined && !this.finished,
      url: this.server?.url,
      viewers: this.server?.viewers() ?? [],
      stream: this.server?.getStats(),
      uptimeMs: this.startedAt === undefined ? 0 : Math.round(performance.now() - this.startedAt),
    };
  }
}
