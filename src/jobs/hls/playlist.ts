// HLS playlists as data: read what hlssink2 wrote, write the standard media and master playlists.
// Pure functions; files are written elsewhere (files.ts), always atomically.
import { SKIP_VERSION } from './delta-update.js';

export interface Segment {
  uri: string;
  durationSeconds: number;
  /** An #EXT-X-DISCONTINUITY comes before this segment (a new run of a looped input). */
  discontinuity?: boolean;
  /** fMP4: the init segment (EXT-X-MAP), written when it differs from the previous segment's. */
  map?: string;
  /** Wall-clock time of the segment's first frame (live: #EXT-X-PROGRAM-DATE-TIME). */
  programDateTime?: Date;
  /** LL-HLS parts listed before the segment (only near the live edge). */
  parts?: Part[];
}

export interface Part {
  uri: string;
  durationSeconds: number;
  /** Starts with a keyframe. */
  independent: boolean;
}

/** LL-HLS: what the playlist says beyond segments (RFC 8216bis §4.4.3.7–4.4.5.3). */
export interface LowLatencyModel {
  partTarget: number;
  /** PART-HOLD-BACK: how far from the live edge a player starts (at least 2 × partTarget). */
  partHoldBack: number;
  /** Parts of the segment still being written, after the last whole segment. */
  openParts: Part[];
  /** The next part's URI (EXT-X-PRELOAD-HINT), so a player can request it before it exists. */
  preloadHint: string | undefined;
  /** CAN-SKIP-UNTIL: the Skip Boundary in seconds, when delta updates are offered (delta-update.ts). */
  canSkipUntil?: number;
}

export interface ParsedPlaylist {
  mediaSequence: number;
  targetDuration: number | undefined;
  segments: Segment[];
  endList: boolean;
  /** False when the text looks cut short (a writer caught mid-write). */
  complete: boolean;
}

// Reads a media playlist; never throws: unknown lines are skipped.
export function parseMediaPlaylist(text: string): ParsedPlaylist {
  const lines = text.split(/\r?\n/);
  const out: ParsedPlaylist = { mediaSequence: 0, targetDuration: undefined, segments: [], endList: false, complete: false };
  let pending: { durationSeconds: number; discontinuity: boolean } | undefined;
  let discontinuity = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) out.mediaSequence = Number(line.slice(22)) || 0;
    else if (line.startsWith('#EXT-X-TARGETDURATION:')) out.targetDuration = Number(line.slice(22));
    else if (line === '#EXT-X-DISCONTINUITY') discontinuity = true;
    else if (line === '#EXT-X-ENDLIST') out.endList = true;
    else if (line.startsWith('#EXTINF:')) {
      const duration = Number.parseFloat(line.slice(8));
      pending = Number.isFinite(duration) ? { durationSeconds: duration, discontinuity } : undefined;
    } else if (!line.startsWith('#') && pending) {
      out.segments.push({ uri: line, durationSeconds: pending.durationSeconds, ...(pending.discontinuity ? { discontinuity: true } : {}) });
      pending = undefined;
      discontinuity = false;
    }
  }
  // A whole playlist starts with #EXTM3U and ends with a line break or #EXT-X-ENDLIST, with no #EXTINF left open.
  out.complete = text.startsWith('#EXTM3U') && (text.endsWith('\n') || out.endList) && pending === undefined;
  return out;
}

export interface MediaPlaylistModel {
  targetDuration: number;
  mediaSequence: number;
  discontinuitySequence: number;
  /** VOD: complete and unchanging; EVENT: grows, never slides; undefined: a sliding live window. */
  type: 'VOD' | 'EVENT' | undefined;
  segments: Segment[];
  endList: boolean;
  /** 3 for MPEG-TS; 7 for fMP4 (EXT-X-MAP). */
  version?: number;
  lowLatency?: LowLatencyModel;
  /** A delta update: the first N segments are replaced by #EXT-X-SKIP (and the version raised to 9). */
  skippedSegments?: number;
}

// The smallest #EXT-X-TARGETDURATION that is valid: every EXTINF rounded to the nearest integer must fit.
export function targetDurationFor(segments: Segment[], atLeast = 1): number {
  return segments.reduce((max, s) => Math.max(max, Math.round(s.durationSeconds)), Math.max(1, Math.ceil(atLeast - 1e-6)));
}

export function renderMediaPlaylist(p: MediaPlaylistModel): string {
  const ll = p.lowLatency;
  const skipped = p.skippedSegments ?? 0;
  const version = skipped > 0 ? Math.max(p.version ?? 3, SKIP_VERSION) : (p.version ?? 3);
  const lines = ['#EXTM3U', `#EXT-X-VERSION:${version}`, `#EXT-X-TARGETDURATION:${p.targetDuration}`];
  if (ll) {
    const skip = ll.canSkipUntil !== undefined ? `,CAN-SKIP-UNTIL=${seconds(ll.canSkipUntil)}` : '';
    lines.push(`#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=${seconds(ll.partHoldBack)}${skip}`, `#EXT-X-PART-INF:PART-TARGET=${seconds(ll.partTarget)}`);
  }
  // A delta update keeps the full playlist's media sequence: the first segment listed is MEDIA-SEQUENCE + N.
  lines.push(`#EXT-X-MEDIA-SEQUENCE:${p.mediaSequence}`);
  if (p.discontinuitySequence > 0) lines.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${p.discontinuitySequence}`);
  if (p.type) lines.push(`#EXT-X-PLAYLIST-TYPE:${p.type}`);
  lines.push('#EXT-X-INDEPENDENT-SEGMENTS');
  if (skipped > 0) lines.push(`#EXT-X-SKIP:SKIPPED-SEGMENTS=${skipped}`);
  // EXT-X-MAP is written again before the first segment listed (a skipped one may have carried it).
  let map: string | undefined;
  for (const s of p.segments.slice(skipped)) {
    if (s.discontinuity) lines.push('#EXT-X-DISCONTINUITY');
    if (s.map !== undefined && s.map !== map) lines.push(`#EXT-X-MAP:URI="${s.map}"`);
    map = s.map;
    if (s.programDateTime) lines.push(`#EXT-X-PROGRAM-DATE-TIME:${s.programDateTime.toISOString()}`);
    for (const part of s.parts ?? []) lines.push(partLine(part));
    lines.push(`#EXTINF:${s.durationSeconds.toFixed(6)},`, s.uri);
  }
  if (ll && !p.endList) {
    for (const part of ll.openParts) lines.push(partLine(part));
    if (ll.preloadHint) lines.push(`#EXT-X-PRELOAD-HINT:TYPE=PART,URI="${ll.preloadHint}"`);
  }
  if (p.endList) lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

const seconds = (value: number): string => String(Number(value.toFixed(5)));

function partLine(part: Part): string {
  return `#EXT-X-PART:DURATION=${seconds(part.durationSeconds)},URI="${part.uri}"${part.independent ? ',INDEPENDENT=YES' : ''}`;
}

export interface Variant {
  /** The rendition playlist, relative to the master ("720p/playlist.m3u8"). */
  uri: string;
  /** Peak bit/s. */
  bandwidth: number;
  averageBandwidth: number;
  width: number;
  height: number;
  frameRate: number | undefined;
  codecs: string[];
  /** GROUP-ID of the audio renditions played with this variant (its own segments then carry no audio). */
  audioGroup?: string;
}

/** An alternate audio rendition (#EXT-X-MEDIA:TYPE=AUDIO). */
export interface AudioMedia {
  groupId: string;
  /** Unique within the group. */
  name: string;
  /** RFC 5646 tag. */
  language: string | undefined;
  /** The group's one default (also autoselected). */
  isDefault: boolean;
  channels: number | undefined;
  /** Its media playlist, relative to the master. */
  uri: string;
}

export function renderMasterPlaylist(variants: Variant[], version = 3, audio: AudioMedia[] = []): string {
  const lines = ['#EXTM3U', `#EXT-X-VERSION:${version}`, '#EXT-X-INDEPENDENT-SEGMENTS', ...audio.map(mediaLine)];
  for (const v of variants) {
    const attrs = [
      `BANDWIDTH=${Math.round(v.bandwidth)}`,
      `AVERAGE-BANDWIDTH=${Math.round(v.averageBandwidth)}`,
      `RESOLUTION=${v.width}x${v.height}`,
      ...(v.frameRate ? [`FRAME-RATE=${v.frameRate.toFixed(3)}`] : []),
      `CODECS="${v.codecs.join(',')}"`,
      ...(v.audioGroup ? [`AUDIO="${quotable(v.audioGroup)}"`] : []),
    ];
    lines.push(`#EXT-X-STREAM-INF:${attrs.join(',')}`, v.uri);
  }
  return `${lines.join('\n')}\n`;
}

// RFC 8216 §4.3.4.1: TYPE, GROUP-ID and NAME are required; AUTOSELECT must be YES where DEFAULT is; CHANNELS
// should be on every audio rendition (required once two renditions of one codec differ in channels).
function mediaLine(m: AudioMedia): string {
  const attrs = [
    'TYPE=AUDIO',
    `GROUP-ID="${quotable(m.groupId)}"`,
    `NAME="${quotable(m.name)}"`,
    ...(m.language ? [`LANGUAGE="${quotable(m.language)}"`] : []),
    `DEFAULT=${m.isDefault ? 'YES' : 'NO'}`,
    'AUTOSELECT=YES',
    ...(m.channels ? [`CHANNELS="${m.channels}"`] : []),
    `URI="${quotable(m.uri)}"`,
  ];
  return `#EXT-X-MEDIA:${attrs.join(',')}`;
}

// A quoted-string holds no double quote, carriage return or line feed (RFC 8216 §4.2).
function quotable(value: string): string {
  return value.replace(/["\r\n]/g, '');
}

export interface SizedSegment {
  durationSeconds: number;
  bytes: number;
}

// RFC 8216 §4.3.4.2: peak = the highest bit rate of any run of consecutive segments lasting
// 0.5 to 1.5 × the target duration; average = all bits over all time.
export function measureBandwidth(segments: SizedSegment[], targetDuration: number): { peak: number; average: number } {
  const totalSeconds = segments.reduce((s, x) => s + x.durationSeconds, 0);
  const totalBits = segments.reduce((s, x) => s + x.bytes * 8, 0);
  const average = totalSeconds > 0 ? totalBits / totalSeconds : 0;
  let peak = 0;
  for (let i = 0; i < segments.length; i += 1) {
    let seconds = 0;
    let bits = 0;
    for (let j = i; j < segments.length; j += 1) {
      seconds += segments[j]!.durationSeconds;
      bits += segments[j]!.bytes * 8;
      if (seconds > 1.5 * targetDuration) break;
      if (seconds >= 0.5 * targetDuration) peak = Math.max(peak, bits / seconds);
    }
  }
  // A stream shorter than half a target duration: its own rate.
  return { peak: Math.max(peak, average), average };
}
