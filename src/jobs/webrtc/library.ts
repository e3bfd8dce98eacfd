// WebRTCPipeline: `lydlr-gst webrtc` as a library class (the same options, media, helper, WHEP
// server and viewer page as the CLI).
//
//   const stream = new WebRTCPipeline({ inputSource: 'test', stunServer: 'stun://stun.l.google.com:19302', port: 8080 });
//   stream.on('viewer-joined', (e) => console.log(e.id));
//   const { url } = await stream.start();   // open url in a browser
//   …
//   await stream.stop();
import { GStreamerPipeline, type Launched } from '../gstreamer-pipeline.js';
import type { PipelineBuilder } from '../../pipeline/builder.js';
import { buildWebrtcMedia } from './media.js';
import { parseWebrtcOptions, type WebrtcOptions, type WebrtcOptionsInput } from './options.js';
import { planWebrtc } from './plan.js';
import { WebrtcServer, type WebrtcSummary } from './server.js';
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
  url: string | undefined;
  viewers: Viewer[];
  /** The helper's latest report: bitrate, bytes, elements, memory, fds, per-viewer RTT. */
  stream: WebrtcStats | undefined;
}

export class WebRTCPipeline extends GStreamerPipeline<{ url: string; whep: string }, WebRTCPipelineStats> {
  readonly options: WebrtcOptions;
  private server: WebrtcServer | undefined;
  private summary: WebrtcSummary | undefined;

  // Throws UsageError (exit 2) for invalid options.
  constructor(options: WebRTCPipelineOptions, settings: { env?: NodeJS.ProcessEnv } = {}) {
    super('webrtc', settings.env);
    const { inputSource, stunServer, stunServers, stun, ...rest } = options;
    this.options = parseWebrtcOptions({ ...rest, input: inputSource, stun: [...(stun ?? []), ...(stunServers ?? []), ...(stunServer ? [stunServer] : [])] });
  }

  /** The shared encode every viewer branches from (ends in the tees `vt` and `at`). */
  async createPipeline(): Promise<PipelineBuilder> {
    return buildWebrtcMedia(await planWebrtc(this.options, this.ctx.childEnv())).builder;
  }

  /** The run's summary once it has ended (viewers served, peak, why it ended). */
  get result(): WebrtcSummary | undefined {
    return this.summary;
  }

  // Resolves once a viewer can connect; UsageError (busy port…), EnvironmentError (helper bindings) otherwise.
  protected async launch(): Promise<Launched<{ url: string; whep: string }>> {
    const server = await WebrtcServer.start(this.options, {
      env: this.ctx.processEnv,
      childEnv: this.ctx.childEnv(),
      onEvent: (event) => this.ctx.reporter.event(event),
    });
    this.server = server;
    this.ctx.stop.onStop((hard) => (hard ? server.kill() : void server.stop()));
    const ended = server.done.then((summary) => (this.summary = summary));
    return { result: { url: server.url, whep: server.whepUrl }, ended };
  }

  override getStats() {
    const stats = super.getStats();
    return { ...stats, bytes: this.server?.getStats()?.bytesSent ?? stats.bytes };
  }

  protected extraStats(): WebRTCPipelineStats {
    return { url: this.server?.url, viewers: this.server?.viewers() ?? [], stream: this.server?.getStats() };
  }
}
