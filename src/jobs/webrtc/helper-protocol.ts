// What this process and the webrtcbin helper (src/server/helper/webrtc_host.py) say to each other,
// one JSON object per line. Everything that can be decided without GStreamer is decided here
// (config checks, offer checks, payload types, --ice-host candidates, stats summaries), so the
// helper only hosts GStreamer objects and reports what they did.
//
// stdin, line 1: HelperConfig (helper-config.ts builds and checks it). Then commands:
//   {"cmd":"add-peer","id":"…","offer":"v=0…","media":[{"kind":"video","mline":0,"pt":96}]}
//       → answer {id, sdp, ms} | peer-error {id, code, message}
//   {"cmd":"remove-peer","id":"…"} → peer-removed {id, reason: "requested"}
//   {"cmd":"graph"} → graph {dot} (the shared media pipeline as dot text, once the encode has caps)
//   {"cmd":"keyframe"} · {"cmd":"stats"} · {"cmd":"stop"} · the end of stdin also stops.
// stdout events: ready · answer · peer-error · ice-state · connection-state · peer-removed · stats
//   · graph · warning · error · eos · stopped.
// Exit: 0 stopped · 1 the media failed · 2 a config or media description it cannot use · 3 a
// GStreamer element or the Python bindings are missing.

export interface HelperBranch {
  /** The named tee in `media` this kind branches from. */
  tee: string;
  /** gst-launch description of the payloader (its first element with a `pt` gets the viewer's). */
  payloader: string;
}

export interface HelperConfig {
  /** gst-launch description of the shared encode, live, ending in the named tees. */
  media: string;
  video: HelperBranch;
  audio: HelperBranch | null;
  /** webrtcbin takes the first. */
  stun: string[];
  turn: string[];
  icePorts: { min: number; max: number } | null;
  statsIntervalMs: number;
  /** Encoded frames a stuck viewer may hold before the oldest are dropped. */
  videoQueueBuffers: number;
  /** 20 ms Opus packets. */
  audioQueueBuffers: number;
  /** Media caps must reach webrtcbin's pads before create-answer (else the answer lacks a=ssrc). */
  capsTimeoutMs: number;
  /** The answer goes out with the candidates gathered by then. */
  gatherTimeoutMs: number;
  /** Answered but never connected this long → removed (connect-timeout). */
  connectTimeoutMs: number;
  /** Failed or disconnected this long → removed (connection-…). */
  reapAfterMs: number;
  /** Connected but nothing received (RTCP, DTLS) this long → removed (idle). */
  idleTimeoutMs: number;
  /** A viewer that connects gets a keyframe at once (off: it waits for PLI/FIR or the interval). */
  keyframeOnConnect: boolean;
  /** Many viewers' PLI/FIR → at most one keyframe per this. */
  keyframeMinIntervalMs: number;
  /** A seekable file starts over at its end (segment seeks). */
  loop: boolean;
}

/** One m-section webrtcbin sends on: the offer's m-line index and the payload type it offered. */
export interface PeerMedia {
  kind: 'video' | 'audio';
  mline: number;
  pt: number;
}

export interface AddPeer {
  cmd: 'add-peer';
  id: string;
  /** Checked by parseOffer() already. */
  offer: string;
  /** Video first; audio when the stream has it and the offer accepts Opus. */
  media: PeerMedia[];
}

export type HelperCommand = AddPeer | { cmd: 'remove-peer'; id: string } | { cmd: 'keyframe' | 'stats' | 'stop' | 'graph' };

/**
 * One RTCStats object of webrtcbin's get-stats reply, as GStreamer names its fields
 * ("bytes-sent", "round-trip-time", …); `type` is the stats type's nick ("outbound-rtp", …).
 * Only number, string and boolean fields come through.
 */
export type StatsRow = { type: string } & Record<string, number | string | boolean>;

/** The helper's periodic stats (every statsIntervalMs, and after a "stats" command). */
export interface HelperStats {
  type: 'stats';
  /** Elements in the helper's pipeline, its resident memory and open files (leak watch). */
  elements: number;
  rssBytes: number;
  fds: number;
  /** Encoded video frames of the shared encode so far. */
  framesEncoded: number;
  /** Every peer, negotiating ones included; rows is null while it has no reply to give. */
  peers: { id: string; state: string; rows: StatsRow[] | null }[];
}
