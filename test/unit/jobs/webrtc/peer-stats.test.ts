import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HelperStats } from '../../../../src/jobs/webrtc/helper-protocol.js';
import { summarizePeerStats } from '../../../../src/jobs/webrtc/peer-stats.js';

const recorded = JSON.parse(readFileSync(new URL('../../../fixtures/webrtc/helper-stats.json', import.meta.url), 'utf8')) as HelperStats;
const rows = recorded.peers[0]!.rows!;

describe('summarizePeerStats', () => {
  it('a Chromium viewer\'s webrtcbin rows: both outbound streams\' bytes, their feedback counts, RTT in ms', () => {
    // bytes-sent 9660 + 161253; pli/fir/nack 0 each; round-trip-time 0.0012969970703125 s.
    expect(summarizePeerStats(rows)).toEqual({ bytesSent: 170913, pli: 0, fir: 0, nack: 0, rttMs: 1.3 });
  });

  it('no outbound stream yet: 0 bytes, no feedback, no RTT', () => {
    expect(summarizePeerStats(rows.filter((r) => r.type !== 'outbound-rtp' && r.type !== 'remote-inbound-rtp'))).toEqual({ bytesSent: 0 });
    expect(summarizePeerStats([])).toEqual({ bytesSent: 0 });
  });

  it('feedback counters add up over streams; an RTT of 0 (no report yet) is not an RTT', () => {
    expect(summarizePeerStats([
      { type: 'outbound-rtp', 'bytes-sent': 1000, 'pli-count': 2, 'nack-count': 5 },
      { type: 'outbound-rtp', 'bytes-sent': 500, 'pli-count': 1, 'fir-count': 1 },
      { type: 'remote-inbound-rtp', 'round-trip-time': 0 },
      { type: 'inbound-rtp', 'bytes-received': 99 },
    ])).toEqual({ bytesSent: 1500, pli: 3, fir: 1, nack: 5 });
  });
});
