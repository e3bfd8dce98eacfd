// One running `webrtc` server: the HTTP side (WHEP + viewer page) in this process, the media in
// the webrtcbin helper. The CLI command and WebRTCPipeline both drive this class.
import { existsSync } from 'node:fs';
import { gstChildEnv, readEnv } from '../../config/env.js';
import { EnvironmentError } from '../../errors.js';
import { helperScript, requirePythonBindings } from '../../server/python.js';
import { HelperProcess, HelperWaitError, type HelperEvent, type HelperExit } from '../../server/helper-process.js';
import { startWhepServer, WhepError, type WhepRefusal, type WhepServer } from '../../server/whep.js';
import { browserIceServer, iceLinkHeader } from './ice-servers.js';
import { helperConfig } from './helper-config.js';
import { helperFailure } from './failure.js';
import { buildWebrtcMedia, type WebrtcMedia } from './media.js';
import { planWebrtc, type WebrtcPlan } from './plan.js';
import { StatsTracker, type WebrtcStats } from './stats.js';
import { viewerPage } from './viewer-page.js';
import { Viewers, type Viewer, type ViewerJoined, type ViewerLeft } from './viewers.js';
import type { WebrtcOptions } from './options.js';
import type { HelperCommand } from './helper-protocol.js';

export type WebrtcReady = {
  type: 'ready';
  url: string;
  whep: string;
  codec: string;
  audio: boolean;
  input: string;
  message: string;
};

export type WebrtcEvent =
  | WebrtcReady
  | ViewerJoined
  | ViewerLeft
  | WebrtcStats
  | ({ type: 'viewer-refused'; message: string } & Omit<WhepRefusal, 'message'> & { reason: string })
  | { type: 'warning'; message: string; element?: string | undefined; id?: string | undefined }
  | { type: 'input-ended'; message: string };

export interface WebrtcSummary {
  url: string;
  whep: string;
  /** stopped (stop(), a signal) · eos (a file without --loop ended) */
  reason: 'stopped' | 'eos';
  durationMs: number;
  viewersServed: number;
  peakViewers: number;
  /** As of the last stats event. */
  bytesSent: number;
}

export interface WebrtcServerSettings {
  /** The environment GStreamer variables and LYDLR_PYTHON are read from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** The helper's complete environment (default: gstChildEnv of `env`). */
  childEnv?: NodeJS.ProcessEnv;
  onEvent?: (event: WebrtcEvent) => void;
  /** How long the helper may take to stop before it is killed. */
  stopTimeoutMs?: number;
}

const READY_TIMEOUT_MS = 30_000;

export class WebrtcServer {
  readonly url: string;
  readonly whepUrl: string;
  /** Settles when the server has stopped: stop(), or the end of a file; rejects when the media fails. */
  readonly done: Promise<WebrtcSummary>;
  private readonly stats = new StatsTracker();
  private readonly startedAt = performance.now();
  private stopping: 'stopped' | 'eos' | undefined;

  private constructor(
    private readonly helper: HelperProcess,
    private readonly viewerSet: Viewers,
    private readonly http: WhepServer,
    private readonly emit: (event: WebrtcEvent) => void,
    exited: Promise<HelperExit>,
  ) {
    this.url = http.url;
    this.whepUrl = http.whepUrl;
    helper.on((event) => this.onHelperEvent(event));
    this.done = exited.then(async (exit) => {
      this.viewerSet.dropAll(exit.stopRequested || exit.exitCode === 0 ? 'stopped' : 'failed');
      await this.http.close();
      const clean = exit.exitCode === 0 || (exit.stopRequested && !exit.error);
      if (!clean) throw helperFailure(exit, 'running');
      return this.summary();
    });
    this.done.catch(() => {}); // the owner awaits it; never an unhandled rejection
  }

  // Plans, checks the helper's bindings, binds the port, starts the helper, waits for "ready".
  static async start(options: WebrtcOptions, settings: WebrtcServerSettings = {}): Promise<WebrtcServer> {
    const env = settings.env ?? process.env;
    const [plan, interpreter] = await Promise.all([planWebrtc(options, env), requirePythonBindings(['Gst', 'GstWebRTC', 'GstSdp'], env)]);
    const media = buildWebrtcMedia(plan);
    const script = helperScript('webrtc_host.py');
    if (!existsSync(script)) throw new EnvironmentError(`The WebRTC helper is missing from this installation: ${script}.`, { fix: 'reinstall lydlr-gst (from source: npm run build copies it)', data: { script } });
    const emit = settings.onEvent ?? (() => {});
    const helper = new HelperProcess({
      interpreter,
      args: [script],
      config: helperConfig(options, plan, media),
      // No __pycache__ written into the installed package.
      env: { ...(settings.childEnv ?? gstChildEnv(readEnv(env), {}, env)), PYTHONDONTWRITEBYTECODE: '1' },
      stopTimeoutMs: settings.stopTimeoutMs ?? 8000,
    });
    const viewers = new Viewers(helper, { stream: { video: plan.codec, audio: media.audio !== null }, iceHost: options.iceHost, maxViewers: options.maxViewers });
    let ready = false;
    const http = await startWhepServer(
      {
        create: (offer, request) => {
          if (!ready) return Promise.reject(new WhepError(503, 'the stream is starting', 1));
          return viewers.add(offer, request);
        },
        remove: (id) => viewers.remove(id),
      },
      {
        host: options.host,
        port: options.port,
        token: options.token,
        corsOrigin: options.corsOrigin,
        links: [...options.stun, ...options.turn].map(iceLinkHeader),
        page: viewerPage({ whep: 'whep', iceServers: [...options.stun, ...options.turn].map(browserIceServer) }),
        onRefused: (r) => emit({ type: 'viewer-refused', ...r, reason: r.message, message: `Refused a viewer${r.remote ? ` from ${r.remote}` : ''}: ${r.status} ${r.message}` }),
      },
    );
    const exited = helper.start();
    try {
      await helper.waitFor((e) => e.type === 'ready', READY_TIMEOUT_MS, 'the media was ready');
    } catch (error) {
      helper.kill();
      await http.close();
      if (error instanceof HelperWaitError && error.exit) throw helperFailure(error.exit, 'starting');
      throw error;
    }
    ready = true;
    const server = new WebrtcServer(helper, viewers, http, emit, exited);
    viewers.on((event) => emit(event));
    emit(readyEvent(server, plan, media, options.input));
    return server;
  }

  /** Graceful: no new viewers, every peer closed, the helper and the HTTP server stopped. */
  stop(): Promise<WebrtcSummary> {
    this.stopping ??= 'stopped';
    this.viewerSet.close('stopping');
    void this.helper.stop();
    return this.done;
  }

  /** Second Ctrl-C: the helper's process group is killed at once. */
  kill(): void {
    this.stopping ??= 'stopped';
    this.helper.kill();
  }

  viewers(): Viewer[] {
    return this.viewerSet.list();
  }

  /** The shared media pipeline as dot text, from the helper (Gst.debug_bin_to_dot_data). */
  async graph(timeoutMs = 10_000): Promise<string> {
    const reply = this.helper.waitFor((e) => e.type === 'graph', timeoutMs, 'the pipeline graph');
    const command: HelperCommand = { cmd: 'graph' };
    this.helper.send(command);
    const { dot } = await reply;
    if (typeof dot !== 'string') throw new Error('the helper sent no dot text');
    return dot;
  }

  /** The latest stats (undefined until the helper's first report). */
  getStats(): WebrtcStats | undefined {
    return this.stats.current;
  }

  summary(): WebrtcSummary {
    const { joined, peak } = this.viewerSet.totals;
    return {
      url: this.url, whep: this.whepUrl, reason: this.stopping ?? 'stopped', durationMs: Math.round(performance.now() - this.startedAt),
      viewersServed: joined, peakViewers: peak, bytesSent: this.stats.current?.bytesSent ?? 0,
    };
  }

  private onHelperEvent(event: HelperEvent): void {
    switch (event.type) {
      case 'stats':
        this.emit(this.stats.update(event, this.viewerSet.connected));
        return;
      case 'warning':
        this.emit({ type: 'warning', message: String(event.message), element: event.element as string | undefined, id: event.id as string | undefined });
        return;
      case 'eos':
        this.stopping ??= 'eos';
        this.viewerSet.close('finished');
        this.emit({ type: 'input-ended', message: 'The input ended; stopping (use --loop to play a file over and over).' });
        return;
    }
  }
}

function readyEvent(server: WebrtcServer, plan: WebrtcPlan, media: WebrtcMedia, input: string): WebrtcReady {
  const size = plan.size ? ` ${plan.size.width}x${plan.size.height}` : '';
  const what = `${plan.codec.toUpperCase()}${size}${media.audio ? ' + Opus' : ''}`;
  return {
    type: 'ready', url: server.url, whep: server.whepUrl, codec: plan.codec, audio: media.audio !== null, input,
    message: `Streaming ${input} (${what}): open ${server.url} · WHEP ${server.whepUrl}`,
  };
}
