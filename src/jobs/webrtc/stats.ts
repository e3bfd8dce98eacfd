// The helper's periodic stats (lifetime byte totals, process numbers) → rates people read:
// viewers, kbit/s overall and per viewer, RTT.
import type { HelperEvent } from '../../server/helper-process.js';

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
  /** The helper process: pipeline elements, memory, open files (leak watch). */
  elements: number;
  rssBytes: number;
  fds: number;
  peerStats: PeerStats[];
};

interface RawPeer {
  id?: unknown;
  state?: unknown;
  bytesSent?: unknown;
  rttMs?: unknown;
  pli?: unknown;
  fir?: unknown;
  nack?: unknown;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const kbps = (bytes: number, ms: number): number => (ms > 0 ? Math.round((bytes * 8) / ms) : 0);

// One per server; feed it each helper "stats" event in order.
export class StatsTracker {
  private last: { at: number; total: number; peers: Map<string, number> } | undefined;
  private latest: WebrtcStats | undefined;

  update(event: HelperEvent, viewers: number, at = performance.now()): WebrtcStats {
    const total = num(event.bytesSent) ?? 0;
    const raw = Array.isArray(event.peerStats) ? (event.peerStats as RawPeer[]) : [];
    const elapsed = this.last ? at - this.last.at : 0;
    const peerBytes = new Map<string, number>();
    const peerStats = raw.map((p): PeerStats => {
      const id = String(p.id);
      const sent = num(p.bytesSent);
      if (sent !== undefined) peerBytes.set(id, sent);
      const before = this.last?.peers.get(id);
      return {
        id,
        state: String(p.state ?? 'unknown'),
        bitrateKbps: sent !== undefined && before !== undefined ? kbps(Math.max(0, sent - before), elapsed) : undefined,
        rttMs: num(p.rttMs),
        pli: num(p.pli),
        fir: num(p.fir),
        nack: num(p.nack),
      };
    });
    this.latest = {
      type: 'stats',
      viewers,
      peers: num(event.peers) ?? raw.length,
      bitrateKbps: this.last ? kbps(Math.max(0, total - this.last.total), elapsed) : 0,
      bytesSent: total,
      elements: num(event.elements) ?? 0,
      rssBytes: num(event.rssBytes) ?? 0,
      fds: num(event.fds) ?? 0,
      peerStats,
    };
    this.last = { at, total, peers: peerBytes };
    return this.latest;
  }

  /** The last computed stats (undefined before the first helper stats event). */
  get current(): WebrtcStats | undefined {
    return this.latest;
  }
}
