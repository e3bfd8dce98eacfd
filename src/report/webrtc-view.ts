// A webrtc server for people: the status line while it runs, the summary when it ends.
import type { WebrtcSummary } from '../jobs/webrtc/server.js';

export function webrtcStatusLine(stats: { viewers: number; bitrateKbps: number }): string {
  return `${stats.viewers} watching · ${stats.bitrateKbps} kb/s sent`;
}

export function webrtcSummaryLines(s: WebrtcSummary): string[] {
  const took = s.durationMs < 60_000 ? `${(s.durationMs / 1000).toFixed(1)} s` : `${(s.durationMs / 60_000).toFixed(1)} min`;
  const why = s.reason === 'eos' ? 'the input ended' : 'stopped';
  return [`✓ WebRTC server ${why} after ${took}: ${s.viewersServed} viewer${s.viewersServed === 1 ? '' : 's'} served, at most ${s.peakViewers} at once`];
}
