// One viewer's webrtcbin stats rows → what we report about it: bytes sent, the browser's feedback
// (picture loss, full intra requests, NACKs) and the round-trip time RTCP measured.
import type { StatsRow } from './helper-protocol.js';

export interface PeerSummary {
  /** Every RTP stream (video and audio) together, since the viewer joined. */
  bytesSent: number;
  /** Present when webrtcbin counts them. */
  pli?: number;
  fir?: number;
  nack?: number;
  /** From the browser's receiver reports; absent until one arrived. */
  rttMs?: number;
}

const FEEDBACK = [['pli-count', 'pli'], ['fir-count', 'fir'], ['nack-count', 'nack']] as const;

export function summarizePeerStats(rows: readonly StatsRow[]): PeerSummary {
  const out: PeerSummary = { bytesSent: 0 };
  for (const row of rows) {
    if (row.type === 'outbound-rtp') {
      out.bytesSent += count(row['bytes-sent']);
      for (const [field, name] of FEEDBACK) {
        if (field in row) out[name] = (out[name] ?? 0) + count(row[field]);
      }
    } else if (row.type === 'remote-inbound-rtp') {
      const rtt = row['round-trip-time'];
      if (typeof rtt === 'number' && rtt > 0) out.rttMs = Math.round(rtt * 10_000) / 10; // seconds → ms, 0.1 ms
    }
  }
  return out;
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
