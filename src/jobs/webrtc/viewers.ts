// The viewers of one WebRTC server: each WHEP session is one helper peer. Owns ids, the
// --max-viewers limit, the offer → answer round trip and join/leave events.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { HelperEvent } from '../../server/helper-process.js';
import { WhepError } from '../../server/whep.js';
import type { AddPeer } from './helper-protocol.js';
import { announceHost } from './ice-host.js';
import type { WebrtcCodec } from './options.js';
import { choosePeerMedia } from './payload-types.js';
import { OfferError, parseOffer } from './sdp-offer.js';

/** What the viewers need from the helper (HelperProcess, or a fake in tests). */
export interface HelperLink {
  send(message: unknown): boolean;
  on(listener: (event: HelperEvent) => void): () => void;
}

export type ViewerState = 'negotiating' | 'new' | 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';

export interface Viewer {
  id: string;
  state: ViewerState;
  createdAt: number;
  connectedAt: number | undefined;
  remote: string | undefined;
}

export type ViewerJoined = {
  type: 'viewer-joined';
  id: string;
  viewers: number;
  remote: string | undefined;
  message: string;
};

export type ViewerLeft = {
  type: 'viewer-left';
  id: string;
  /** requested (DELETE) · stopped · idle · connect-timeout · connection-failed · error … */
  reason: string;
  /** It had been playing (a viewer that never connected leaves too). */
  joined: boolean;
  viewers: number;
  watchedMs: number | undefined;
  message: string;
};

/** A refusal with the HTTP status it maps to: 400 the offer, 500 ours, 503 full or stopping. */
export class ViewerRefused extends WhepError {
  constructor(status: 400 | 500 | 503, message: string, retryAfterSeconds?: number) {
    super(status, message, retryAfterSeconds);
    this.name = 'ViewerRefused';
  }
}

interface Pending {
  resolve(sdp: string): void;
  reject(error: ViewerRefused): void;
}

export interface ViewersOptions {
  /** What the shared encode sends: offers must accept this video codec (and get Opus if audio). */
  stream: { video: WebrtcCodec; audio: boolean };
  /** --ice-host: announced in every answer beside webrtcbin's host candidates. */
  iceHost?: string | undefined;
  maxViewers?: number | undefined;
  /** add-peer → answer deadline (the helper's own caps + gathering limits are 10 s). */
  answerTimeoutMs?: number;
}

export class Viewers {
  private readonly viewers = new Map<string, Viewer>();
  private readonly answers = new Map<string, Pending>();
  private readonly removals = new Map<string, { done: Promise<void>; resolve: () => void }>();
  private readonly emitter = new EventEmitter();
  private closedReason: string | undefined;
  private joinedTotal = 0;
  private peak = 0;

  constructor(private readonly helper: HelperLink, private readonly options: ViewersOptions) {
    helper.on((event) => this.onHelperEvent(event));
  }

  on(listener: (event: ViewerJoined | ViewerLeft) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  // The offer → the helper → the answer (ICE candidates included). Throws ViewerRefused.
  async add(offer: string, meta: { remote?: string | undefined } = {}): Promise<{ id: string; answer: string }> {
    if (this.closedReason !== undefined) throw new ViewerRefused(503, `the server is ${this.closedReason}`);
    const max = this.options.maxViewers;
    if (max !== undefined && this.viewers.size >= max) {
      throw new ViewerRefused(503, `the server is full: ${max} viewer${max === 1 ? '' : 's'} at most (--max-viewers ${max})`, 5);
    }
    const media = this.checkOffer(offer);
    const id = randomBytes(8).toString('hex');
    this.viewers.set(id, { id, state: 'negotiating', createdAt: Date.now(), connectedAt: undefined, remote: meta.remote });
    const answer = new Promise<string>((resolve, reject) => this.answers.set(id, { resolve, reject }));
    const timer = setTimeout(() => this.failAnswer(id, new ViewerRefused(500, 'no answer from webrtcbin in time')), this.options.answerTimeoutMs ?? 15_000);
    if (!this.helper.send({ cmd: 'add-peer', id, offer, media } satisfies AddPeer)) this.failAnswer(id, new ViewerRefused(503, 'the media helper is not running'));
    try {
      return { id, answer: await answer };
    } finally {
      clearTimeout(timer);
    }
  }

  // Ends one viewer (WHEP DELETE); false when there is no such viewer.
  async remove(id: string, timeoutMs = 5000): Promise<boolean> {
    if (!this.viewers.has(id)) return false;
    let removal = this.removals.get(id);
    if (!removal) {
      let resolve!: () => void;
      removal = { done: new Promise<void>((r) => (resolve = r)), resolve };
      this.removals.set(id, removal);
      if (!this.helper.send({ cmd: 'remove-peer', id })) this.forget(id, 'stopped');
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([removal.done, new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    return true;
  }

  /** No more viewers from now on (stopping); pending offers are refused. */
  close(reason: string): void {
    this.closedReason ??= reason;
  }

  // The helper is gone: every viewer leaves with `reason`.
  dropAll(reason: string): void {
    this.close(reason);
    for (const id of [...this.viewers.keys()]) this.forget(id, reason);
  }

  list(): Viewer[] {
    return [...this.viewers.values()].map((v) => ({ ...v }));
  }

  /** Viewers playing now. */
  get connected(): number {
    let n = 0;
    for (const v of this.viewers.values()) if (v.connectedAt !== undefined) n += 1;
    return n;
  }

  /** Every viewer known: negotiating, connecting or playing. */
  get size(): number {
    return this.viewers.size;
  }

  get totals(): { joined: number; peak: number } {
    return { joined: this.joinedTotal, peak: this.peak };
  }

  // An offer webrtcbin cannot answer is the viewer's fault (400); else which sections we send on.
  private checkOffer(offer: string): AddPeer['media'] {
    try {
      return choosePeerMedia(parseOffer(offer), this.options.stream);
    } catch (error) {
      if (error instanceof OfferError) throw new ViewerRefused(400, error.message);
      throw error;
    }
  }

  private onHelperEvent(event: HelperEvent): void {
    const id = typeof event.id === 'string' ? event.id : undefined;
    if (id === undefined) return;
    const viewer = this.viewers.get(id);
    switch (event.type) {
      case 'answer': {
        if (viewer) viewer.state = 'new';
        const sdp = String(event.sdp ?? '');
        this.answers.get(id)?.resolve(this.options.iceHost ? announceHost(sdp, this.options.iceHost) : sdp);
        this.answers.delete(id);
        return;
      }
      case 'peer-error':
        if (this.answers.has(id)) {
          const status = event.code === 'offer' ? 400 : 500;
          this.failAnswer(id, new ViewerRefused(status, String(event.message ?? 'the offer was refused')));
        } else if (event.code === 'unknown-peer') {
          this.forget(id, 'gone');
        }
        return;
      case 'connection-state':
        if (viewer) this.onConnectionState(viewer, String(event.state));
        return;
      case 'peer-removed':
        this.forget(id, String(event.reason ?? 'removed'));
        return;
    }
  }

  private onConnectionState(viewer: Viewer, state: string): void {
    viewer.state = state as ViewerState;
    if (state !== 'connected' || viewer.connectedAt !== undefined) return;
    viewer.connectedAt = Date.now();
    this.joinedTotal += 1;
    this.peak = Math.max(this.peak, this.connected);
    const viewers = this.connected;
    this.emitter.emit('event', {
      type: 'viewer-joined', id: viewer.id, viewers, remote: viewer.remote,
      message: `Viewer ${viewer.id} joined${viewer.remote ? ` from ${viewer.remote}` : ''} (${viewers} watching)`,
    } satisfies ViewerJoined);
  }

  private failAnswer(id: string, error: ViewerRefused): void {
    const pending = this.answers.get(id);
    if (!pending) return;
    this.answers.delete(id);
    this.viewers.delete(id);
    // The helper may still hold a half-made peer (a timeout): let it go.
    if (error.status === 500) this.helper.send({ cmd: 'remove-peer', id });
    pending.reject(error);
  }

  private forget(id: string, reason: string): void {
    const viewer = this.viewers.get(id);
    this.answers.get(id)?.reject(new ViewerRefused(503, `the viewer was removed before its answer (${reason})`));
    this.answers.delete(id);
    this.viewers.delete(id);
    this.removals.get(id)?.resolve();
    this.removals.delete(id);
    if (!viewer) return;
    const joined = viewer.connectedAt !== undefined;
    const viewers = this.connected;
    this.emitter.emit('event', {
      type: 'viewer-left', id, reason, joined, viewers, watchedMs: joined ? Date.now() - viewer.connectedAt! : undefined,
      message: `Viewer ${id} left (${reason}; ${viewers} watching)`,
    } satisfies ViewerLeft);
  }
}
