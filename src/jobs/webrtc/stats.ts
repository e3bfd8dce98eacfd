// The helper's periodic stats (each peer's webrtcbin stats rows, process numbers) → what people
// read: viewers, bytes and kbit/s overall and per viewer, RTT, browser feedback.
import type { HelperEvent } from '../../server/helper-process.js';
import type { StatsRow } from './helper-protocol.js';
import { summarizePeerStats } from './peer-stats.js';

export interface PeerStats {
  id: string;
  state: string;
  bitrateKbps: number | undefined;
  rttMs: number | undefined;
  /** Browser feedback so far: picture loss, full intra requests, NACKs. */
  pli: number | undefined;
  fir: number | undefined;
  nack: number | undefined;
}

export type WebrtcStats = {
  type: 'stats';
  /** Viewers playing now. */
  viewers: number;
  /** Helper peers (also those still negotiating). */
  peers: number;
  /** Everything sent, kbit/s, over the last interval. */
  bitrateKbps: number;
  /** Bytes sent since the start (viewers gone included). */
  bytesSent: number;
  /** Video frames the shared encode made since the start (viewers or not): lydlr_encoder_frames_total. */
  frames: number;
  /** The helper process: pipeline elements, memory, open files (leak watch). */
  elements: number;
  rssBytes: number;
  fds: number;
  peerStats: PeerStats[];
};

interface RawPeer {
  id?: unknown;
  state?: unknown;
  rows?: unknown;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const kbps = (bytes: number, ms: number): number => (ms > 0 ? Math.round((bytes * 8) / ms) : 0);
const isRow = (row: unknown): row is StatsRow => typeof row === 'object' && row !== null && typeof (row as { type?: unknown }).type === 'string';

// One per server; feed it each helper "stats" event (HelperStats) in order.
export class StatsTracker {
  private last: { at: number; peers: Map<string, number> } | undefined;
  private latest: WebrtcStats | undefined;
  /** Each peer's bytes as of its last summary; a peer's bytes move to goneBytes when it leaves. */
  private peerBytes = new Map<string, number>();
  private goneBytes = 0;

  update(event: HelperEvent, viewers: number, at = performance.now()): WebrtcStats {
    const raw = Array.isArray(event.peers) ? (event.peers as RawPeer[]) : [];
    const elapsed = this.last ? at - this.last.at : 0;
    const summarized = new Map<string, number>();
    const peerStats = raw.map((p): PeerStats => {
      const id = String(p.id);
      const summary = Array.isArray(p.rows) ? summarizePeerStats(p.rows.filter(isRow)) : undefined;
      if (summary) summarized.set(id, summary.bytesSent);
      const before = this.last?.peers.get(id);
      return {
        id,
        state: String(p.state ?? 'unknown'),
        bitrateKbps: summary && before !== undefined ? kbps(Math.max(0, summary.bytesSent - before), elapsed) : undefined,
        rttMs: summary?.rttMs,
        pli: summary?.pli,
        fir: summary?.fir,
        nack: summary?.nack,
      };
    });
    // A peer without a reply this round keeps its last count; one that is gone keeps counting in the total.
    const bytes = new Map<string, number>();
    for (const p of peerStats) {
      const sent = summarized.get(p.id) ?? this.peerBytes.get(p.id);
      if (sent !== undefined) bytes.set(p.id, sent);
    }
    for (const [id, sent] of this.peerBytes) if (!bytes.has(id)) this.goneBytes += sent;
    const previousTotal = this.latest?.bytesSent ?? 0;
    this.peerBytes = bytes;
    const total = this.goneBytes + [...bytes.values()].reduce((a, b) => a + b, 0);
    this.latest = {
      type: 'stats',
      viewers,
      peers: raw.length,
      bitrateKbps: this.last ? kbps(Math.max(0, total - previousTotal), elapsed) : 0,
      bytesSent: total,
      frames: num(event.framesEncoded) ?? 0,
      elements: num(event.elements) ?? 0,
      rssBytes: num(event.rssBytes) ?? 0,
      fds: num(event.fds) ?? 0,
      peerStats,
    };
    this.last = { at, peers: summarized };
    return this.latest;
  }

  /** The last computed stats (undefined before the first helper stats event). */
  get current(): WebrtcStats | undefined {
    return this.latest;
  }
}
