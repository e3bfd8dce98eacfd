// RTSPStreamPipeline: `lydlr-gst rtsp` for one mount as a library class (the same options, plans and
// server as the CLI). start() resolves with the URL once clients can connect.
import { GStreamerPipeline, type Launched } from '../gstreamer-pipeline.js';
import type { PipelineBuilder } from '../../pipeline/builder.js';
import { requirePythonBindings } from '../../server/python.js';
import { mountPipeline } from './media.js';
import { parseRtspOptions, type RtspOptions, type RtspOptionsInput } from './options.js';
import { softwareEncoderLimits } from '../encoder-limits.js';
import { probeWith } from './plan.js';
import { DEFAULT_MOUNT } from './config.js';
import { planServer, type ServerPlan } from './server-plan.js';
import { RtspServer } from './rtsp-host.js';
import { checkRecordable, MountRecorders } from './mount-recorders.js';

export interface RTSPStreamOptions extends Omit<RtspOptionsInput, 'mounts' | 'port' | 'publish' | 'maxRetries'> {
  /** A file, test[:PATTERN], /dev/videoN or a URI. */
  inputSource: string;
  /** Default 8554; 0 picks a free port (see url after start()). */
  rtspPort?: number;
  /** Default /stream, as the CLI's. */
  mountPoint?: string;
}

export interface RTSPStreamStats {
  urls: string[];
  clients: number;
  clientsServed: number;
  bitrateKbps: number | null;
}

export class RTSPStreamPipeline extends GStreamerPipeline<string, RTSPStreamStats> {
  readonly options: RtspOptions;
  private plan: ServerPlan | undefined;
  private server: RtspServer | undefined;

  // Throws UsageError (exit 2) for invalid options.
  constructor(options: RTSPStreamOptions, settings: { env?: NodeJS.ProcessEnv } = {}) {
    super('rtsp', settings.env);
    const { inputSource, rtspPort, mountPoint, ...rest } = options;
    this.options = parseRtspOptions({ ...rest, port: rtspPort ?? 8554, mounts: [{ path: mountPoint ?? DEFAULT_MOUNT, input: inputSource }] });
  }

  /** The mount's media up to its payloaders (gst-rtsp-server runs it in a bin per mount). */
  async createPipeline(): Promise<PipelineBuilder> {
    return mountPipeline((await this.planned()).plans[0]!);
  }

  get url(): string | undefined {
    return this.server?.getStats().urls[0];
  }

  // Resolves with the URL once clients can connect; UsageError for a busy port, EnvironmentError without bindings.
  // `record`: the mount is also recorded (segment-* events; the run ends once the recording is closed).
  protected async launch(): Promise<Launched<string>> {
    const { config, plans } = await this.planned();
    const record = this.options.record;
    if (record !== undefined) checkRecordable(record, plans);
    const interpreter = await requirePythonBindings(['Gst', 'GstRtspServer'], this.ctx.childEnv());
    const server = new RtspServer({ config, interpreter, env: this.ctx.childEnv() });
    const recorders = record !== undefined ? new MountRecorders(this.ctx, record, plans, () => void server.stop()) : undefined;
    server.on((event) => {
      this.ctx.reporter.event(event);
      if (event.type === 'media-eos') recorders?.mountEnded(event.mount);
    });
    this.ctx.stop.onStop(() => void server.stop());
    this.server = server;
    const urls = await server.start();
    recorders?.start(urls);
    const ended = recorders ? Promise.allSettled([server.done(), recorders.finish()]).then(([, recorded]) => recorded.status === 'rejected' ? Promise.reject(recorded.reason) : undefined) : server.done();
    return { result: urls[0]!, ended };
  }

  override getStats() {
    const stats = super.getStats();
    return { ...stats, bytes: this.server?.getStats().bytes ?? stats.bytes };
  }

  protected extraStats(): RTSPStreamStats {
    const s = this.server?.getStats();
    return { urls: s?.urls ?? [], clients: s?.clients ?? 0, clientsServed: s?.clientsServed ?? 0, bitrateKbps: s?.bitrateKbps ?? null };
  }

  private async planned(): Promise<ServerPlan> {
    this.plan ??= await planServer(this.options, probeWith(this.ctx.childEnv()), softwareEncoderLimits(this.ctx.childEnv()));
    return this.plan;
  }
}
