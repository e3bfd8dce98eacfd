import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { announceHost } from '../../../../src/jobs/webrtc/ice-host.js';

const answer = readFileSync(new URL('../../../fixtures/webrtc/webrtcbin-answer.sdp', import.meta.url), 'utf8');
const candidates = (sdp: string) => sdp.split('\r\n').filter((l) => l.startsWith('a=candidate:'));

describe('announceHost', () => {
  it('IPv4: a copy of the UDP and passive TCP host candidates, right after each, one priority lower', () => {
    expect(candidates(announceHost(answer, '203.0.113.5'))).toEqual([
      'a=candidate:1 1 UDP 2015363327 192.0.2.2 57130 typ host',
      'a=candidate:1x 1 UDP 2015363326 203.0.113.5 57130 typ host',
      'a=candidate:2 1 TCP 1015021823 192.0.2.2 9 typ host tcptype active',
      'a=candidate:3 1 TCP 1010827519 192.0.2.2 45749 typ host tcptype passive',
      'a=candidate:3x 1 TCP 1010827518 203.0.113.5 45749 typ host tcptype passive',
      'a=candidate:4 1 UDP 2015363583 fd00::2 48293 typ host',
      'a=candidate:5 1 TCP 1015022079 fd00::2 9 typ host tcptype active',
      'a=candidate:6 1 TCP 1010827775 fd00::2 45891 typ host tcptype passive',
      'a=candidate:7 1 UDP 2015363839 fe80::fc:ff:fe00:1 42938 typ host',
      'a=candidate:8 1 TCP 1015022335 fe80::fc:ff:fe00:1 9 typ host tcptype active',
      'a=candidate:9 1 TCP 1010828031 fe80::fc:ff:fe00:1 39205 typ host tcptype passive',
    ]);
  });

  it('IPv6 (any spelling): copies of the IPv6 host candidates only', () => {
    const added = candidates(announceHost(answer, '2001:DB8:0::7')).filter((l) => l.includes('2001:db8::7'));
    expect(added).toEqual([
      'a=candidate:4x 1 UDP 2015363582 2001:db8::7 48293 typ host',
      'a=candidate:6x 1 TCP 1010827774 2001:db8::7 45891 typ host tcptype passive',
      'a=candidate:7x 1 UDP 2015363838 2001:db8::7 42938 typ host',
      'a=candidate:9x 1 TCP 1010828030 2001:db8::7 39205 typ host tcptype passive',
    ]);
  });

  it('everything else stays as it was, CRLF included', () => {
    const out = announceHost(answer, '203.0.113.5');
    expect(out.split('\r\n').filter((l) => !l.includes('203.0.113.5'))).toEqual(answer.split('\r\n'));
    expect(out.endsWith('\r\n')).toBe(true);
  });

  it('the address webrtcbin already announces, names (mDNS) and server-reflexive candidates get no copy', () => {
    expect(announceHost(answer, '192.0.2.2')).toBe(answer);
    const other = [
      'a=candidate:1 1 UDP 2122187007 dbb5b863-fd04-4314-ba5f-067a4944e6c1.local 51964 typ host',
      'a=candidate:2 1 UDP 1686052607 198.51.100.9 51964 typ srflx raddr 192.0.2.2 rport 57130',
      '',
    ].join('\r\n');
    expect(announceHost(other, '203.0.113.5')).toBe(other);
  });

  it('a foundation stays within 32 characters; the priority never drops below 1', () => {
    const long = `a=candidate:${'f'.repeat(32)} 1 UDP 1 192.0.2.2 5000 typ host`;
    expect(announceHost(long, '203.0.113.5').split('\r\n')[1]).toBe(`a=candidate:${'f'.repeat(32)} 1 UDP 1 203.0.113.5 5000 typ host`);
  });
});
