// fMP4 (CMAF-style) HLS packager for one rendition: mp4mux streams `ftyp moov (moof mdat)*` into a pipe;
// this writes ftyp+moov as the init segment (EXT-X-MAP), turns every video fragment (with the audio fragments
// before it) into a part, and groups parts into .m4s segments that always start with a keyframe (the first
// sample flags of the video trun). An audio-only stream (an audio rendition) is cut on its audio fragments,
// each of which stands alone. A VP9 init segment gets the level of its picture size and rate; an AV1 one
// waits for the first video fragment, whose sequence header completes its av1C. Files are written under a temporary name and renamed.
import { join } from 'node:path';
import { writeFileAtomic } from '../files.js';
import { BoxStream, payloadOf, type Box } from './boxes.js';
import { needsAv1Config, withAv1Config } from './av1-config.js';
import { withVp9Level } from './vp9-level.js';
import { readFragment, type FragmentInfo } from './fragment.js';
import { readInitTracks, type TrackInfo } from './init-segment.js';

export interface PartRecord {
  /** The part's own file (LL-HLS), or undefined when parts are not written. */
  uri: string | undefined;
  durationSeconds: number;
  /** Starts with a keyframe (EXT-X-PART INDEPENDENT=YES). */
  independent: boolean;
  bytes: number;
}

export interface PackagedSegment {
  uri: string;
  /** The init segment it needs (EXT-X-MAP). */
  map: string;
  durationSeconds: number;
  /** Media time of its first video sample, seconds. */
  startSeconds: number;
  bytes: number;
  parts: PartRecord[];
}

export interface PackagerOptions {
  dir: string;
  /** File names for this run of the pipeline (a looped input starts new ones). */
  names: FileNames;
  /** The segment duration asked for (seconds). */
  segmentSeconds: number;
  /** Write every part as its own file (LL-HLS). */
  writeParts: boolean;
  /** The video's frames per second (a VP9 sample entry's level depends on it). */
  frameRate?: number;
  onInit?: (uri: string, tracks: TrackInfo[]) => void;
  /** `partIndex` counts within the segment (0 opens it). */
  onPart?: (part: PartRecord, partIndex: number) => void;
  onSegment?: (segment: PackagedSegment) => void;
}

export interface FileNames {
  init: string;
  segment: (n: number) => string;
  /** Parts are numbered across segments, so the next part's name is known before it exists (preload hints). */
  part: (n: number) => string;
}

export function fileNames(run: number): FileNames {
  const prefix = run === 0 ? '' : `${run}_`;
  const n5 = (n: number) => String(n).padStart(5, '0');
  return { init: run === 0 ? 'init.mp4' : `init${run}.mp4`, segment: (n) => `seg${prefix}${n5(n)}.m4s`, part: (n) => `part${prefix}${n5(n)}.m4s` };
}

interface OpenSegment {
  index: number;
  startSeconds: number;
  durationSeconds: number;
  chunks: Buffer[];
  parts: PartRecord[];
}

export class Fmp4Packager {
  private readonly boxes = new BoxStream();
  private ftyp: Box | undefined;
  private tracks = new Map<number, TrackInfo>();
  /** The track segments are cut on: the video track, else (audio-only) the audio track. */
  private reference: TrackInfo | undefined;
  private moof: { box: Box; info: FragmentInfo } | undefined;
  /** Audio fragments waiting for the next video fragment (their part). */
  private waiting: Buffer[] = [];
  private open: OpenSegment | undefined;
  private nextIndex = 0;
  private initWritten = false;
  /** AV1: the moov, until the first video fragment's sequence header completes its av1C. */
  private heldInit: Box | undefined;
  private partsWritten = 0;
  segments = 0;

  constructor(private readonly options: PackagerOptions) {}

  /** The name the next part will have (LL-HLS EXT-X-PRELOAD-HINT). */
  get nextPartUri(): string {
    return this.options.names.part(this.partsWritten);
  }

  push(chunk: Buffer): void {
    for (const box of this.boxes.push(chunk)) this.onBox(box);
  }

  /** The pipe closed: the open segment is complete (stray audio after the last video fragment joins it). */
  end(): void {
    if (this.heldInit) this.publishInit(this.heldInit);
    if (this.open && this.waiting.length > 0) this.open.chunks.push(...this.waiting);
    this.waiting = [];
    this.closeSegment();
  }

  private onBox(box: Box): void {
    if (box.type === 'ftyp') this.ftyp = box;
    else if (box.type === 'moov') this.writeInit(box);
    else if (box.type === 'moof') this.moof = { box, info: readFragment(box) };
    else if (box.type === 'mdat' && this.moof) {
      const fragment = Buffer.concat([this.moof.box.bytes, box.bytes]);
      const info = this.moof.info;
      this.moof = undefined;
      if (this.heldInit && this.tracks.get(info.trackId) === this.reference) this.publishInit(withAv1Config(this.heldInit, payloadOf(box)));
      this.onFragment(info, fragment);
    }
    // Anything else (mfra at the end, free) is not part of a segment.
  }

  private writeInit(moov: Box): void {
    if (this.initWritten || this.heldInit) throw new Error('mp4mux wrote a second moov: not a fragmented stream');
    const tracks = readInitTracks(moov);
    for (const t of tracks) this.tracks.set(t.id, t);
    this.reference = tracks.find((t) => t.kind === 'video') ?? tracks.find((t) => t.kind === 'audio');
    // VP9: the level of the real picture size and rate (vp9-level.ts).
    const fps = this.options.frameRate;
    const init = fps && tracks.some((t) => t.codec?.startsWith('vp09.')) ? withVp9Level(moov, fps) : moov;
    // AV1: the configuration record comes from the stream's first sequence header (av1-config.ts).
    if (needsAv1Config(init)) this.heldInit = init;
    else this.publishInit(init);
  }

  private publishInit(moov: Box): void {
    this.heldInit = undefined;
    const init = Buffer.concat([this.ftyp?.bytes ?? Buffer.alloc(0), moov.bytes]);
    writeFileAtomic(join(this.options.dir, this.options.names.init), init);
    this.initWritten = true;
    this.options.onInit?.(this.options.names.init, readInitTracks(moov));
  }

  private onFragment(info: FragmentInfo, bytes: Buffer): void {
    const track = this.tracks.get(info.trackId);
    if (!track || track !== this.reference) {
      this.waiting.push(bytes);
      return;
    }
    const seconds = info.duration / track.timescale;
    // Every AAC frame decodes on its own, whatever flags mp4mux wrote.
    const independent = track.kind === 'audio' || info.startsWithKeyframe;
    if (independent && this.open && this.open.durationSeconds >= this.closeAfter(seconds)) this.closeSegment();
    const segment = (this.open ??= { index: this.nextIndex++, startSeconds: info.baseDecodeTime / track.timescale, durationSeconds: 0, chunks: [], parts: [] });
    const partBytes = Buffer.concat([...this.waiting, bytes]);
    this.waiting = [];
    const k = segment.parts.length;
    const uri = this.options.writeParts ? this.options.names.part(this.partsWritten++) : undefined;
    if (uri) writeFileAtomic(join(this.options.dir, uri), partBytes);
    const part: PartRecord = { uri, durationSeconds: seconds, independent, bytes: partBytes.length };
    segment.parts.push(part);
    segment.chunks.push(partBytes);
    segment.durationSeconds += seconds;
    this.options.onPart?.(part, k);
  }

  // How long the open segment must be for an independent fragment of `seconds` to start the next one. Video:
  // the GOP is one segment long, so a keyframe past half a segment always opens the next. Audio: every
  // fragment could, so the segment ends at the fragment boundary nearest the segment duration.
  private closeAfter(seconds: number): number {
    return this.reference?.kind === 'video' ? this.options.segmentSeconds / 2 : this.options.segmentSeconds - seconds / 2;
  }

  private closeSegment(): void {
    const s = this.open;
    this.open = undefined;
    if (!s || s.parts.length === 0) return;
    const uri = this.options.names.segment(s.index);
    const data = Buffer.concat(s.chunks);
    writeFileAtomic(join(this.options.dir, uri), data);
    this.segments += 1;
    this.options.onSegment?.({ uri, map: this.options.names.init, durationSeconds: s.durationSeconds, startSeconds: s.startSeconds, bytes: data.length, parts: s.parts });
  }
}
