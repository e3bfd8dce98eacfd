import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HelperStats, StatsRow } from '../../../../src/jobs/webrtc/helper-protocol.js';
import { StatsTracker } from '../../../../src/jobs/webrtc/stats.js';

const recorded = JSON.parse(readFileSync(new URL('../../../fixtures/webrtc/helper-stats.json', import.meta.url), 'utf8')) as HelperStats;
const sent = (bytes: number): StatsRow[] => [{ type: 'outbound-rtp', 'bytes-sent': bytes }];
const stats = (peers: HelperStats['peers']): HelperStats => ({ type: 'stats', elements: 20, rssBytes: 6e7, fds: 20, framesEncoded: 0, peers });

describe('StatsTracker', () => {
  it('a recorded helper report: the viewer\'s bytes, RTT and feedback; process numbers as they are', () => {
    const first = new StatsTracker().update({ ...recorded }, 1, 0);
    expect(first).toEqual({
      // Recorded before the helper counted frames: none said, 0 reported.
      type: 'stats', viewers: 1, peers: 1, bitrateKbps: 0, bytesSent: 170913, frames: 0, elements: 52, rssBytes: 58601472, fds: 25,
      peerStats: [{ id: '7784f947ea4ed3ba', state: 'connected', bitrateKbps: undefined, rttMs: 1.3, pli: 0, fir: 0, nack: 0 }],
    });
  });

  it('the shared encode\'s frame count passes through as frames', () => {
    expect(new StatsTracker().update({ ...stats([]), framesEncoded: 42 }, 0, 0)).toMatchObject({ frames: 42 });
  });

  it('byte counts become kbit/s per interval, overall and per viewer', () => {
    const t = new StatsTracker();
    t.update({ ...stats([{ id: 'a', state: 'connected', rows: sent(1000) }]) }, 1, 0);
    const second = t.update({ ...stats([{ id: 'a', state: 'connected', rows: sent(126_000) }, { id: 'b', state: 'connecting', rows: sent(125_000) }]) }, 1, 1000);
    expect(second.bitrateKbps).toBe(2000);
    expect(second.bytesSent).toBe(251_000);
    expect(second.peerStats).toEqual([
      { id: 'a', state: 'connected', bitrateKbps: 1000, rttMs: undefined, pli: undefined, fir: undefined, nack: undefined },
      { id: 'b', state: 'connecting', bitrateKbps: undefined, rttMs: undefined, pli: undefined, fir: undefined, nack: undefined },
    ]);
    expect(t.current).toBe(second);
  });

  it('the total never drops: a viewer that left still counts, one without a reply keeps its last count', () => {
    const t = new StatsTracker();
    t.update({ ...stats([{ id: 'a', state: 'connected', rows: sent(4000) }, { id: 'b', state: 'connected', rows: sent(6000) }]) }, 2, 0);
    const b = t.update({ ...stats([{ id: 'b', state: 'connected', rows: null }]) }, 1, 1000);
    expect(b).toMatchObject({ peers: 1, bytesSent: 10_000, bitrateKbps: 0 });
    expect(b.peerStats[0]).toMatchObject({ id: 'b', bitrateKbps: undefined });
    expect(t.update({ ...stats([]) }, 0, 2000)).toMatchObject({ peers: 0, bytesSent: 10_000, peerStats: [] });
  });

  it('survives odd input', () => {
    const t = new StatsTracker();
    t.update({ type: 'stats', peers: [{ id: 'a', rows: sent(5000) }] }, 0, 0);
    expect(t.update({ type: 'stats', peers: 'nonsense' }, 0, 1000)).toMatchObject({ bitrateKbps: 0, bytesSent: 5000, peers: 0, elements: 0, peerStats: [] });
    expect(t.update({ type: 'stats', peers: [{ id: 'c', rows: [null, 7, { 'bytes-sent': 3 }] }] }, 0, 2000).peerStats[0]).toMatchObject({ id: 'c', state: 'unknown' });
  });
});
