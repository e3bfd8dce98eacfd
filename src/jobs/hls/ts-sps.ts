// Reads the video parameter set out of an MPEG-TS segment: the profile/level the encoder really wrote.
import type { AvcSps, HevcPtl, VideoSps } from './codecs-string.js';

const PACKET = 188;

// The elementary stream of the first video PES PID (stream_id 0xE0-0xEF), up to `limit` bytes (a
// segment starts with its parameter sets: 32 kB is far more than they need).
export function videoElementaryStream(ts: Uint8Array, limit = 32 * 1024): Uint8Array | undefined {
  let videoPid: number | undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let at = ts.indexOf(0x47); at >= 0 && at + PACKET <= ts.length && size < limit; at += PACKET) {
    if (ts[at] !== 0x47) break;
    const pid = ((ts[at + 1]! & 0x1f) << 8) | ts[at + 2]!;
    const unitStart = (ts[at + 1]! & 0x40) !== 0;
    const adaptation = (ts[at + 3]! >> 4) & 3;
    if ((adaptation & 1) === 0) continue;
    let payload = at + 4 + (adaptation & 2 ? 1 + ts[at + 4]! : 0);
    const end = at + PACKET;
    if (payload >= end) continue;
    if (unitStart && ts[payload] === 0 && ts[payload + 1] === 0 && ts[payload + 2] === 1) {
      const streamId = ts[payload + 3]!;
      if (videoPid === undefined && streamId >= 0xe0 && streamId <= 0xef) videoPid = pid;
      if (pid === videoPid) payload += 9 + ts[payload + 8]!;
    }
    if (pid !== videoPid || payload >= end) continue;
    chunks.push(ts.subarray(payload, end));
    size += end - payload;
  }
  if (videoPid === undefined) return undefined;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

// The first SPS of an Annex B stream, emulation-prevention bytes removed, NAL header included.
function findNal(es: Uint8Array, isWanted: (header: number) => boolean): Uint8Array | undefined {
  for (let i = 0; i + 3 < es.length; i += 1) {
    if (es[i] !== 0 || es[i + 1] !== 0 || es[i + 2] !== 1) continue;
    const start = i + 3;
    if (!isWanted(es[start]!)) continue;
    const bytes: number[] = [];
    let zeros = 0;
    for (let j = start; j < es.length && bytes.length < 64; j += 1) {
      const b = es[j]!;
      if (zeros >= 2 && b === 3) {
        zeros = 0;
        continue;
      }
      if (zeros >= 2 && b <= 1) break; // next start code
      zeros = b === 0 ? zeros + 1 : 0;
      bytes.push(b);
    }
    return Uint8Array.from(bytes);
  }
  return undefined;
}

export function readAvcSps(es: Uint8Array): AvcSps | undefined {
  const nal = findNal(es, (h) => (h & 0x1f) === 7);
  if (!nal || nal.length < 4) return undefined;
  return { profileIdc: nal[1]!, constraintFlags: nal[2]!, levelIdc: nal[3]! };
}

export function readHevcPtl(es: Uint8Array): HevcPtl | undefined {
  const nal = findNal(es, (h) => ((h >> 1) & 0x3f) === 33);
  // 2 bytes NAL header, 1 byte vps id / sub-layers / nesting, then profile_tier_level.
  if (!nal || nal.length < 15) return undefined;
  const p = 3;
  return {
    profileSpace: nal[p]! >> 6,
    tier: (nal[p]! >> 5) & 1,
    profileIdc: nal[p]! & 0x1f,
    compatibilityFlags: ((nal[p + 1]! << 24) | (nal[p + 2]! << 16) | (nal[p + 3]! << 8) | nal[p + 4]!) >>> 0,
    constraintBytes: Array.from(nal.subarray(p + 5, p + 11)),
    levelIdc: nal[p + 11]!,
  };
}

// The parameter set of a segment's video, or undefined when none is found.
export function readSegmentSps(ts: Uint8Array, codec: 'h264' | 'h265'): VideoSps | undefined {
  const es = videoElementaryStream(ts);
  if (!es) return undefined;
  if (codec === 'h264') {
    const sps = readAvcSps(es);
    return sps ? { codec, sps } : undefined;
  }
  const ptl = readHevcPtl(es);
  return ptl ? { codec, ptl } : undefined;
}
