import { describe, expect, it } from 'vitest';
import { StatsTracker } from '../../../src/jobs/webrtc/stats.js';

describe('StatsTracker', () => {
  it('turns lifetime byte totals into kbit/s per interval, overall and per viewer', () => {
    const t = new StatsTracker();
    const first = t.update({ type: 'stats', peers: 1, elements: 20, rssBytes: 6e7, fds: 20, bytesSent: 1000, peerStats: [{ id: 'a', state: 'connected', bytesSent: 1000 }] }, 1, 0);
    expect(first).toMatchObject({ type: 'stats', viewers: 1, peers: 1, bitrateKbps: 0, bytesSent: 1000, elements: 20, fds: 20 });
    expect(first.peerStats[0]).toMatchObject({ id: 'a', bitrateKbps: undefined });
    const second = t.update({
      type: 'stats', peers: 2, elements: 27, rssBytes: 6e7, fds: 26, bytesSent: 251_000,
      peerStats: [{ id: 'a', state: 'connected', bytesSent: 126_000, rttMs: 1.5, pli: 2 }, { id: 'b', state: 'connecting', bytesSent: 0 }],
    }, 1, 1000);
    expect(second.bitrateKbps).toBe(2000);
    expect(second.peerStats).toEqual([
      { id: 'a', state: 'connected', bitrateKbps: 1000, rttMs: 1.5, pli: 2, fir: undefined, nack: undefined },
      { id: 'b', state: 'connecting', bitrateKbps: undefined, rttMs: undefined, pli: undefined, fir: undefined, nack: undefined },
    ]);
    expect(t.current).toBe(second);
  });

  it('never reports a negative rate and survives odd input', () => {
    const t = new StatsTracker();
    t.update({ type: 'stats', bytesSent: 5000 }, 0, 0);
    expect(t.update({ type: 'stats', bytesSent: 100, peerStats: 'nonsense' }, 0, 1000)).toMatchObject({ bitrateKbps: 0, peers: 0, peerStats: [] });
  });
});
