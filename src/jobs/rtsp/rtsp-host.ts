// One RTSP server: starts the gst-rtsp-server host with our mounts, waits until every mount is
// ready, turns the host's events into typed server events, and stops it gracefully.
import { EventEmitter } from 'node:events';
import { JobError, type LydlrError } from '../../errors.js';
import { HelperProcess, describeExit, type HelperExit } from '../../server/helper-process.js';
import { helperScript } from '../../server/python.js';
import { helperEventSchema, type HelperConfig, type HelperEvent, type HelperEventOf } from './helper-events.js';
import { startupError } from './host-errors.js';
import { connectableUrl } from './urls.js';

export interface RtspServerOptions {
  config: HelperConfig;
  /** The Python that has the bindings (requirePythonBindings). */
  interpreter: string;
  env: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
  stopTimeoutMs?: number;
}

export type RtspServerEvent =
  | HelperEventOf<'ready'>
  | HelperEventOf<'client-connected'>
  | HelperEventOf<'client-disconnected'>
  | HelperEventOf<'media-eos'>
  | HelperEventOf<'media-prepared'>
  | { type: 'media-error'; code: string; mount?: string | undefined; message: string; element?: string | null | undefined; debug?: string | null | undefined }
  | { type: 'server-stats'; clients: number; uptimeSeconds: number; bytes: number; bitrateKbps: number | null; mounts: Record<string, { bytes: number; frames?: number | undefined }> };

export interface ServerStats {
  running: boolean;
  urls: string[];
  clients: number;
  /** Clients that connected since the start. */
  clientsServed: number;
  uptimeSeconds: number;
  /** RTP payload bytes sent, once per encode (not per viewer). */
  bytes: number;
  /** Over the last stats interval. */
  bitrateKbps: number | null;
}

export interface ServerOutcome extends ServerStats {
  /** stop() was called (or a signal reached the host). */
  stopped: boolean;
  exitCode: number | undefined;
  signal: string | undefined;
  stderrTail: string[];
}

export class RtspServer {
  private readonly emitter = new EventEmitter();
  private host: HelperProcess | undefined;
  private readonly urls: string[] = [];
  private clients = 0;
  private clientsServed = 0;
  private bytes = 0;
  private bitrateKbps: number | null = null;
  private lastStats: { bytes: number; at: number } | undefined;
  private startedAt = 0;
  private endedAt: number | undefined;
  private stopRequested = false;
  private exit: Promise<ServerOutcome> | undefined;

  constructor(private readonly options: RtspServerOptions) {}

  on(listener: (event: RtspServerEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  // Resolves with the URLs once every mount takes clients; typed errors (port busy: exit 2…) otherwise.
  async start(): Promise<string[]> {
    if (this.host) throw new Error('this RtspServer was already started');
    const { config, interpreter, env, stopTimeoutMs } = this.options;
    const host = new HelperProcess({ interpreter, args: [helperScript('rtsp_host.py')], config, env, stopTimeoutMs: stopTimeoutMs ?? 5000 });
    this.host = host;
    this.startedAt = performance.now();
    host.on((raw) => this.onMessage(raw)); // first: waitReady counts the URLs it records
    const ready = this.waitReady(host);
    this.exit = host.start().then((exit) => this.outcome(exit));
    return ready;
  }

  /** Resolves when the host has exited (after stop(), or by itself). */
  done(): Promise<ServerOutcome> {
    if (!this.exit) throw new Error('the RtspServer was not started');
    return this.exit;
  }

  // Clients get EOS and a teardown; the host exits 0. A second call kills it.
  async stop(): Promise<ServerOutcome | undefined> {
    if (!this.host) return undefined;
    if (this.stopRequested) this.host.kill();
    this.stopRequested = true;
    await this.host.stop();
    return this.done();
  }

  /** Called with the mount each time a media pipeline reaches PLAYING; returns the unsubscribe. */
  onPlaying(listener: (mount: string) => void): () => void {
    this.emitter.on('playing', listener);
    return () => this.emitter.off('playing', listener);
  }

  /** The mount's media pipeline as dot text, from the host (Gst.debug_bin_to_dot_data). */
  async graph(mount: string, timeoutMs = 10_000): Promise<string> {
    const host = this.host;
    if (!host) throw new Error('the RtspServer was not started');
    const reply = host.waitFor((e) => e.type === 'graph' && e.mount === mount, timeoutMs, `the pipeline graph of ${mount}`);
    host.send({ cmd: 'graph', mount });
    const event = parseEvent(await reply);
    if (event?.type !== 'graph' || event.dot === null) throw new JobError(`No pipeline graph of ${mount}: ${event?.type === 'graph' ? event.message : 'the host gave no answer'}.`);
    return event.dot;
  }

  getStats(): ServerStats {
    return {
      running: this.host?.running ?? false,
      urls: [...this.urls],
      clients: this.clients,
      clientsServed: this.clientsServed,
      uptimeSeconds: this.host ? Math.round(((this.endedAt ?? performance.now()) - this.startedAt) / 100) / 10 : 0,
      bytes: this.bytes,
      bitrateKbps: this.bitrateKbps,
    };
  }

  private waitReady(host: HelperProcess): Promise<string[]> {
    const wanted = this.options.config.mounts.length;
    return new Promise((resolve, reject) => {
      const fail = (error: LydlrError) => {
        clearTimeout(timer);
        off();
        host.kill();
        reject(error);
      };
      const timer = setTimeout(() => fail(new JobError(`The RTSP host was not ready within ${(this.options.readyTimeoutMs ?? 20_000) / 1000} s.`)), this.options.readyTimeoutMs ?? 20_000);
      const off = host.on((raw) => {
        const event = parseEvent(raw);
        if (event?.type === 'ready' && this.urls.length >= wanted) {
          clearTimeout(timer);
          off();
          resolve([...this.urls]);
        } else if (event?.type === 'error' && this.urls.length < wanted) {
          fail(startupError(event, this.options.config));
        }
      });
      host.onExit((exit) => {
        if (this.urls.length < wanted) fail(new JobError(`The RTSP host exited before it was ready (${describeExit(exit)}).`, { data: { stderr: exit.stderrTail.join('\n') } }));
      });
    });
  }

  private onMessage(raw: unknown): void {
    const event = parseEvent(raw);
    if (!event) return;
    switch (event.type) {
      case 'ready': {
        const ready = { ...event, url: connectableUrl(event.url) };
        this.urls.push(ready.url);
        return this.emit(ready);
      }
      case 'client-connected':
        this.clients += 1;
        this.clientsServed += 1;
        return this.emit(event);
      case 'client-disconnected':
        this.clients = Math.max(0, this.clients - 1);
        return this.emit(event);
      case 'media-eos':
      case 'media-prepared':
        return this.emit(event);
      case 'media-playing':
        this.emitter.emit('playing', event.mount);
        return;
      case 'error':
        if (this.urls.length < this.options.config.mounts.length) return; // start-up: waitReady reports it
        return this.emit({ type: 'media-error', code: event.code, mount: event.mount, message: event.message, element: event.element, debug: event.debug });
      case 'stats':
        return this.emit(this.onStats(event));
    }
  }

  private onStats(event: HelperEventOf<'stats'>): RtspServerEvent {
    const now = performance.now();
    if (this.lastStats && now > this.lastStats.at) this.bitrateKbps = Math.round(((event.bytes - this.lastStats.bytes) * 8) / (now - this.lastStats.at));
    this.lastStats = { bytes: event.bytes, at: now };
    this.bytes = event.bytes;
    this.clients = event.clients;
    return { type: 'server-stats', clients: event.clients, uptimeSeconds: event.uptimeSeconds, bytes: event.bytes, bitrateKbps: this.bitrateKbps, mounts: event.mounts };
  }

  private emit(event: RtspServerEvent): void {
    this.emitter.emit('event', event);
  }

  private outcome(exit: HelperExit): ServerOutcome {
    this.clients = 0;
    this.endedAt = performance.now();
    // Exit 0 also when a SIGTERM/SIGINT reached the host directly: it stops cleanly then too.
    return { ...this.getStats(), running: false, stopped: exit.stopRequested || exit.exitCode === 0, exitCode: exit.exitCode, signal: exit.signal, stderrTail: exit.stderrTail };
  }
}

function parseEvent(raw: unknown): HelperEvent | undefined {
  const parsed = helperEventSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
