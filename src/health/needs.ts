// The vocabulary of what a job needs to be ready: element sets (any one set satisfies a need) and,
// for the servers, the GObject namespaces the Python helper imports. Each job declares its own
// needs in its spec; doctor evaluates them.
import type { GiNamespace } from '../server/python.js';
import { CODECS } from '../pipeline/codecs.js';
import { AUDIO_CODEC_SPECS } from '../pipeline/containers.js';

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
  /** Readiness comes from the DeepStream status check (an SDK, a GPU), not from element sets. */
  deepstream?: true;
}

const compact = (names: (string | undefined)[]): string[] => names.filter((e): e is string => Boolean(e));

/** A need met by one set of elements (undefined entries, e.g. a codec without a parser, are left out). */
export const need = (what: string, elements: (string | undefined)[], required = true): Need => ({ what, anyOf: [compact(elements)], required });

/** A need met by any one of several sets of elements. */
export const needAnyOf = (what: string, sets: (string | undefined)[][], required = true): Need => ({ what, anyOf: sets.map(compact), required });

/** The codecs most jobs need, by their element names (encoder, parser, payloader). */
export const H264 = CODECS.h264;
export const AAC = AUDIO_CODEC_SPECS.aac;
export const OPUS = AUDIO_CODEC_SPECS.opus;

/** Decoding and conversion: what every job that reads media needs. */
export const DECODE: Need[] = [
  needAnyOf('decoding any input', [['uridecodebin', 'decodebin']]),
  need('conversion and scaling', ['videoconvert', 'videoscale', 'videorate', 'audioconvert', 'audioresample', 'queue', 'capsfilter']),
];

/** The Debian package behind each namespace the helper imports (dpkg -S on Debian 12). */
export const NAMESPACE_PACKAGES: Record<GiNamespace, string> = {
  Gst: 'gir1.2-gstreamer-1.0',
  GstRtspServer: 'gir1.2-gst-rtsp-server-1.0',
  GstWebRTC: 'gir1.2-gst-plugins-bad-1.0',
  GstSdp: 'gir1.2-gst-plugins-base-1.0',
  GstVideo: 'gir1.2-gst-plugins-base-1.0',
};
