// What each command needs to be ready: element sets (any one set satisfies a need) and, for the
// servers, the GObject namespaces the Python helper imports. Codec elements come from the codec tables.
import { CODECS } from '../pipeline/codecs.js';
import { AUDIO_CODEC_SPECS, CONTAINER_SPECS } from '../pipeline/containers.js';
import type { GiNamespace } from '../server/python.js';
import type { HealthCommand } from './types.js';

export interface Need {
  /** What it is for, as people say it. */
  what: string;
  /** Alternatives: the need is met when every element of one set is present. */
  anyOf: string[][];
  /** false: only some options need it (a warning when missing, not "not ready"). */
  required: boolean;
}

export interface CommandNeeds {
  elements: Need[];
  python: GiNamespace[];
}

const h264 = CODECS.h264;
const aac = AUDIO_CODEC_SPECS.aac;
const opus = AUDIO_CODEC_SPECS.opus;
const compact = (names: (string | undefined)[]): string[] => names.filter((e): e is string => Boolean(e));
const need = (what: string, elements: (string | undefined)[], required = true): Need => ({ what, anyOf: [compact(elements)], required });

const DECODE: Need[] = [
  { what: 'decoding any input', anyOf: [['uridecodebin', 'decodebin']], required: true },
  need('conversion and scaling', ['videoconvert', 'videoscale', 'videorate', 'audioconvert', 'audioresample', 'queue', 'capsfilter']),
];

// Every other codec compress offers, with the muxer of its default container: a warning when missing.
const otherCodecs: Need[] = (['h265', 'vp8', 'vp9', 'av1'] as const).map((c) =>
  need(`--codec ${c}`, [CODECS[c].software, CODECS[c].parser, CONTAINER_SPECS[CODECS[c].containers[0]!].muxer], false));

export const COMMAND_NEEDS: Record<Exclude<HealthCommand, 'deepstream'>, CommandNeeds> = {
  compress: {
    elements: [
      { what: 'file input and output', anyOf: [['filesrc', 'filesink']], required: true },
      ...DECODE,
      need('H.264 in MP4 (the default)', [h264.software, h264.parser, CONTAINER_SPECS.mp4.muxer]),
      need('AAC audio (the default for MP4)', [aac.encoder, aac.parser]),
      ...otherCodecs,
      need('Opus audio (WebM)', [opus.encoder, opus.parser], false),
      need('other containers (mkv, ts, webm)', ['matroskamux', 'mpegtsmux', 'webmmux'], false),
    ],
    python: [],
  },
  hls: {
    elements: [
      ...DECODE,
      need('H.264 video', [h264.software, h264.parser]),
      need('AAC audio', [aac.encoder, aac.parser]),
      need('HLS segments and playlists', ['hlssink2', 'splitmuxsink', 'mpegtsmux']),
      // Live HLS with whole-second segments uses hlssink (closes a segment at its keyframe at once).
      need('live HLS', ['hlssink', 'mpegtsmux'], false),
      need('--live from a file (played at its own pace)', ['clocksync'], false),
    ],
    python: [],
  },
  rtsp: {
    elements: [
      ...DECODE,
      need('H.264 over RTP', [h264.software, h264.parser, h264.payloader]),
      need('Opus audio over RTP', [opus.encoder, opus.payloader], false),
      need('camera input (/dev/video*)', ['v4l2src'], false),
      need('publishing to a media server (rtspclientsink)', ['rtspclientsink'], false),
    ],
    python: ['Gst', 'GstRtspServer'],
  },
  webrtc: {
    elements: [
      ...DECODE,
      need('webrtcbin', ['webrtcbin', 'rtpbin']),
      need('ICE (libnice)', ['nicesrc', 'nicesink']),
      need('DTLS-SRTP', ['dtlssrtpenc', 'dtlssrtpdec']),
      { what: 'video over RTP (VP8 or H.264)', anyOf: [['vp8enc', 'rtpvp8pay'], compact([h264.software, h264.parser, h264.payloader])], required: true },
      need('Opus audio over RTP', [opus.encoder, opus.payloader], false),
    ],
    python: ['Gst', 'GstWebRTC', 'GstSdp'],
  },
};

/** The Debian package behind each namespace the helper imports (dpkg -S on Debian 12). */
export const NAMESPACE_PACKAGES: Record<GiNamespace, string> = {
  Gst: 'gir1.2-gstreamer-1.0',
  GstRtspServer: 'gir1.2-gst-rtsp-server-1.0',
  GstWebRTC: 'gir1.2-gst-plugins-bad-1.0',
  GstSdp: 'gir1.2-gst-plugins-base-1.0',
};

export function pythonNamespaces(commands: HealthCommand[]): GiNamespace[] {
  return [...new Set(commands.flatMap((c) => (c === 'deepstream' ? [] : COMMAND_NEEDS[c].python)))];
}
