// Which m-sections of an offer webrtcbin sends on, and with which of the browser's payload types:
// the browser's first choice among those that carry exactly what the shared encode makes.
import type { PeerMedia } from './helper-protocol.js';
import type { WebrtcCodec } from './options.js';
import { OfferError, type OfferSection } from './sdp-offer.js';

type RtpCodec = WebrtcCodec | 'opus';

// Encoding name and clock rate as SDP's rtpmap says them.
const RTPMAP: Record<RtpCodec, { name: string; clock: number }> = {
  vp8: { name: 'VP8', clock: 90000 },
  vp9: { name: 'VP9', clock: 90000 },
  h264: { name: 'H264', clock: 90000 },
  opus: { name: 'OPUS', clock: 48000 },
};

/** H.264 profile-level-ids a constrained-baseline stream can be sent as, best first. */
export const H264_PROFILES = ['42e01f', '42c01f', '42001f', '4d001f'];

// The payload type the browser offered for `codec` in this section; undefined when it offered
// none, rejected the section (port 0) or does not want to receive on it.
export function choosePayloadType(section: OfferSection, codec: RtpCodec): number | undefined {
  if (section.port === '0' || section.attrs.some((a) => a === 'sendonly' || a === 'inactive')) return undefined;
  const { name, clock } = RTPMAP[codec];
  let matches = section.pts.filter((pt) => {
    const map = section.rtpmap.get(pt);
    return map?.name === name && map.clock === clock;
  });
  if (codec === 'h264') {
    // No fmtp means the RFC 6184 default, 42001f; only packetization-mode=1 carries our slices.
    const rank = (pt: string): number => {
      const index = H264_PROFILES.indexOf((section.fmtp.get(pt)?.['profile-level-id'] ?? '42001f').toLowerCase());
      return index < 0 ? H264_PROFILES.length : index;
    };
    matches = matches.filter((pt) => section.fmtp.get(pt)?.['packetization-mode'] === '1' && rank(pt) < H264_PROFILES.length);
    matches.sort((a, b) => rank(a) - rank(b));
  } else if (codec === 'vp9') {
    matches = matches.filter((pt) => (section.fmtp.get(pt)?.['profile-id'] ?? '0') === '0');
  }
  return matches.length > 0 ? Number(matches[0]) : undefined;
}

// The first video section that takes our codec (required), and the first audio section that takes
// Opus when the stream has audio (optional: a video-only viewer is fine).
export function choosePeerMedia(sections: OfferSection[], stream: { video: WebrtcCodec; audio: boolean }): PeerMedia[] {
  const first = (kind: 'video' | 'audio', codec: RtpCodec): PeerMedia | undefined => {
    for (const section of sections) {
      if (section.kind !== kind) continue;
      const pt = choosePayloadType(section, codec);
      if (pt !== undefined) return { kind, mline: section.index, pt };
    }
    return undefined;
  };
  const video = first('video', stream.video);
  if (!video) {
    const h264 = stream.video === 'h264' ? ' (packetization-mode=1, constrained baseline)' : '';
    throw new OfferError(`the offer has no video section accepting ${RTPMAP[stream.video].name}${h264}`);
  }
  const audio = stream.audio ? first('audio', 'opus') : undefined;
  return audio ? [video, audio] : [video];
}
