// How each video codec goes into HLS segments: which segment formats carry it, the caps after its encoder and
// into mp4mux, the encoder settings that keep every GOP exactly one segment long, its parser's settings, and
// the CODECS entry used until the real one has been read from the stream.
import { CODECS, type EncodeSettings } from '../../pipeline/codecs.js';
import type { PropValue } from '../../pipeline/quote.js';

export const HLS_CODECS = ['h264', 'h265', 'vp9', 'av1'] as const;
export type HlsCodec = (typeof HLS_CODECS)[number];

export interface HlsVideoCodec {
  /** MPEG-TS segments carry H.264 and H.265 only here; VP9 and AV1 go into fragmented MP4. */
  formats: readonly ('ts' | 'fmp4')[];
  /** Caps right after the encoder. */
  encodedCaps: string | undefined;
  /** Caps into mp4mux (fMP4): the sample entry it writes. */
  fmp4Caps: string;
  parserProps: Record<string, PropValue>;
  /** Encoder properties over the codec table's: a keyframe every `keyframeInterval` frames and nowhere else. */
  gopProps(settings: EncodeSettings & { keyframeInterval: number }): Record<string, PropValue>;
  /** CODECS until the stream's own (SPS, init segment) has been read. */
  fallbackCodecs: string;
}

// x264enc/x265enc: no scene-cut keyframes (open GOPs and a shorter minimum interval off for x265), added to
// the option-string the codec table writes.
function x26xGop(codec: 'h264' | 'h265', settings: EncodeSettings & { keyframeInterval: number }): Record<string, PropValue> {
  const table = CODECS[codec].softwareProps(settings)['option-string'];
  const gop = codec === 'h264' ? ['scenecut=0'] : ['scenecut=0', 'open-gop=0', `min-keyint=${settings.keyframeInterval}`];
  return { 'option-string': [...(typeof table === 'string' ? [table] : []), ...gop].join(':') };
}

// libvpx and libaom as GStreamer runs them (one pass) already place a keyframe every keyframe-max-dist frames
// (the codec table sets it) and none at scene cuts: cuts at 1.5 s and 3 s left keyframes at 0, 2 and 4 s, in
// VOD and realtime settings alike. keyframe-mode=disabled is no help: realtime encodes (live) then make no
// keyframe after the first.
const encoderDefaults = (): Record<string, PropValue> => ({});

export const HLS_VIDEO_CODECS: Record<HlsCodec, HlsVideoCodec> = {
  h264: {
    formats: ['ts', 'fmp4'],
    encodedCaps: 'video/x-h264,profile=high',
    // avc1: parameter sets in the sample entry's avcC.
    fmp4Caps: 'video/x-h264,stream-format=avc,alignment=au',
    parserProps: { 'config-interval': -1 },
    gopProps: (s) => x26xGop('h264', s),
    fallbackCodecs: 'avc1.640028',
  },
  h265: {
    formats: ['ts', 'fmp4'],
    encodedCaps: 'video/x-h265,profile=main',
    // hvc1: the tag Apple players require for HEVC.
    fmp4Caps: 'video/x-h265,stream-format=hvc1,alignment=au',
    parserProps: { 'config-interval': -1 },
    gopProps: (s) => x26xGop('h265', s),
    fallbackCodecs: 'hev1.1.6.L120.B0',
  },
  vp9: {
    formats: ['fmp4'],
    encodedCaps: undefined,
    fmp4Caps: 'video/x-vp9',
    parserProps: {},
    gopProps: encoderDefaults,
    fallbackCodecs: 'vp09.00.40.08',
  },
  av1: {
    formats: ['fmp4'],
    encodedCaps: undefined,
    // What mp4mux takes: OBUs with sizes, one temporal unit per sample.
    fmp4Caps: 'video/x-av1,stream-format=obu-stream,alignment=tu',
    parserProps: {},
    gopProps: encoderDefaults,
    fallbackCodecs: 'av01.0.08M.08',
  },
};
