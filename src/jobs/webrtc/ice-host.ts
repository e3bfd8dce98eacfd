// --ice-host: the address viewers can reach this machine at (1:1 NAT, containers), announced in
// the answer beside webrtcbin's own host candidates. Ports stay the same: forward them (--ice-ports).
import { isIP } from 'node:net';

// Adds, after each host candidate of the same IP family as `host`, a copy with `host` as its
// address, a new foundation and a priority one lower (the real address is tried first).
// Active TCP candidates (port 9, nothing listens) and names (mDNS) are left alone.
export function announceHost(sdp: string, host: string): string {
  const address = canonicalIp(host);
  const family = isIP(address);
  const out: string[] = [];
  for (const line of sdp.split('\r\n')) {
    out.push(line);
    if (!line.startsWith('a=candidate:') || !line.includes(' typ host') || line.includes(' tcptype active')) continue;
    // foundation component transport priority address port "typ" type …
    const parts = line.slice('a=candidate:'.length).split(' ');
    if (parts.length < 8 || isIP(parts[4]!) !== family || canonicalIp(parts[4]!) === address) continue;
    parts[0] = `${parts[0]}x`.slice(0, 32); // foundations are at most 32 characters (RFC 8839)
    parts[3] = String(Math.max(Number(parts[3]) - 1, 1));
    parts[4] = address;
    out.push(`a=candidate:${parts.join(' ')}`);
  }
  return out.join('\r\n');
}

// One spelling per address: IPv6 compressed and lower case ("2001:DB8:0::1" → "2001:db8::1").
function canonicalIp(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  try {
    return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return ip.toLowerCase(); // a zone index (fe80::1%eth0), which URLs do not take
  }
}
