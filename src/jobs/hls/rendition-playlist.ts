// One rendition's playlist, owned by us: hlssink2 writes a working playlist under a hidden name; we read it
// after each closed segment and publish the standard playlist atomically (VOD once at the end; live as a
// sliding window, deleting old segments, with #EXT-X-ENDLIST when the stream ends).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureBandwidth, parseMediaPlaylist, renderMediaPlaylist, targetDurationFor, type Part, type Segment, type SizedSegment } from './playlist.js';
import { fileSize, removeFile, writeFileAtomic } from './files.js';
import { skipBoundary, skippableSegments } from './delta-update.js';

export interface RenditionPlaylistOptions {
  /** The rendition's folder. */
  dir: string;
  /** The published playlist's file name. */
  playlistName: string;
  mode: 'vod' | 'live';
  segmentDuration: number;
  /** Live window in segments; 0 keeps every segment (an EVENT playlist). */
  playlistLength: number;
  /** Segment files kept on disk (live); 0 keeps all. */
  maxFiles: number;
  /** #EXT-X-VERSION: 3 for MPEG-TS, 7 for fMP4. */
  version?: number;
  /** LL-HLS: the constant PART-TARGET (never changes while the stream runs: Apple players give up). */
  partTarget?: number;
}

export interface SegmentRecord extends Segment {
  bytes: number;
  sequence: number;
}

/** Every name segmentPattern() can give (the output folder holds no other files of that form: it started empty). */
// Media files a rendition writes: TS or fMP4 segments, LL-HLS parts, init segments.
const SEGMENT_NAME = /^((seg|part)(\d+_)?\d{5}\.(ts|m4s)|init\d*\.mp4)$/;

export class RenditionPlaylist {
  private readonly tracked: SegmentRecord[] = [];
  private readonly seen = new Set<string>();
  /** Duration and size of every segment ever written (for BANDWIDTH). */
  private readonly history: SizedSegment[] = [];
  private appended = 0;
  private discontinuitySequence = 0;
  private pendingDiscontinuity = false;
  private targetDuration: number;
  private lastText = '';
  private totals = { segments: 0, durationSeconds: 0, bytes: 0 };
  private openParts: Part[] = [];
  private preloadHint: string | undefined;
  published = false;
  /** The published playlist ends with #EXT-X-ENDLIST. */
  private publishedEndList = false;
  /** The sink wrote #EXT-X-ENDLIST in this run: every segment is closed and on disk. */
  sinkFinished = false;

  constructor(readonly options: RenditionPlaylistOptions) {
    this.targetDuration = targetDurationFor([], options.segmentDuration);
  }

  /** Where the sink writes its own (maybe non-atomic, non-standard) playlist. */
  get workingPath(): string {
    return join(this.options.dir, `.${this.options.playlistName}.working`);
  }

  get path(): string {
    return join(this.options.dir, this.options.playlistName);
  }

  /** hlssink2's segment file name pattern for run `run` (a looped input restarts the pipeline). */
  segmentPattern(run: number): string {
    return run === 0 ? 'seg%05d.ts' : `seg${run}_%05d.ts`;
  }

  // A new run of the pipeline: its first segment follows a discontinuity.
  startRun(): void {
    removeFile(this.workingPath);
    this.sinkFinished = false;
    this.pendingDiscontinuity = this.appended > 0;
  }

  // Reads hlssink2's playlist and returns the segments not seen before (nothing when caught mid-write).
  ingest(): SegmentRecord[] {
    let text: string;
    try {
      text = readFileSync(this.workingPath, 'utf8');
    } catch {
      return [];
    }
    const parsed = parseMediaPlaylist(text);
    if (!parsed.complete) return [];
    this.sinkFinished = parsed.endList;
    const added: SegmentRecord[] = [];
    for (const s of parsed.segments) {
      if (this.seen.has(s.uri)) continue;
      const bytes = fileSize(join(this.options.dir, s.uri));
      if (bytes === undefined) break;
      added.push(this.add({ uri: s.uri, durationSeconds: s.durationSeconds }, bytes));
    }
    return added;
  }

  // A closed segment (read from the sink's playlist, or handed over by the fMP4 packager) joins the list.
  add(segment: Segment, bytes: number): SegmentRecord {
    const record: SegmentRecord = { ...segment, bytes, sequence: this.appended };
    if (this.pendingDiscontinuity) record.discontinuity = true;
    this.pendingDiscontinuity = false;
    this.seen.add(segment.uri);
    this.appended += 1;
    this.tracked.push(record);
    this.history.push({ durationSeconds: segment.durationSeconds, bytes });
    this.totals.segments += 1;
    this.totals.durationSeconds += segment.durationSeconds;
    this.totals.bytes += bytes;
    this.openParts = [];
    return record;
  }

  /** LL-HLS: the parts of the segment being written, and the next part's name (EXT-X-PRELOAD-HINT). */
  setOpenParts(parts: Part[], preloadHint: string | undefined): void {
    this.openParts = parts;
    this.preloadHint = preloadHint;
  }

  /** LL-HLS blocking reload: is segment `msn` (or its part `part`) listed yet? */
  has(msn: number, part: number | undefined): boolean {
    if (msn < this.appended) return true;
    return msn === this.appended && part !== undefined && part < this.openParts.length;
  }

  /** The next segment's media sequence number (the one being written). */
  get nextSequence(): number {
    return this.appended;
  }

  /** The segments the playlist lists now. */
  window(): SegmentRecord[] {
    const n = this.options.mode === 'live' ? this.options.playlistLength : 0;
    return n > 0 ? this.tracked.slice(-n) : [...this.tracked];
  }

  /** The playlist text; `delta`: as a delta update (LL-HLS live), with the segments beyond the Skip Boundary left out. */
  render(endList: boolean, delta = false): string {
    const segments = this.window();
    const vod = this.options.mode === 'vod';
    // Live: the target duration must not change while the stream runs, unless a segment outgrows it.
    this.targetDuration = vod ? targetDurationFor(segments) : Math.max(this.targetDuration, targetDurationFor(segments));
    const first = segments[0];
    const partTarget = this.options.partTarget;
    // LL-HLS is always live: every such playlist offers delta updates.
    const canSkipUntil = partTarget ? skipBoundary(this.targetDuration) : undefined;
    const skippedSegments = delta ? this.skippable(endList) : 0;
    return renderMediaPlaylist({
      targetDuration: this.targetDuration,
      mediaSequence: first?.sequence ?? this.appended,
      discontinuitySequence: this.discontinuitySequence,
      type: vod ? 'VOD' : this.options.playlistLength === 0 ? 'EVENT' : undefined,
      segments: partTarget ? this.withRecentParts(segments) : segments.map(({ parts: _parts, ...s }) => s),
      endList,
      ...(this.options.version ? { version: this.options.version } : {}),
      ...(partTarget ? { lowLatency: { partTarget, partHoldBack: 3 * partTarget, openParts: this.openParts, preloadHint: this.preloadHint, canSkipUntil } } : {}),
      ...(skippedSegments > 0 ? { skippedSegments } : {}),
    });
  }

  /**
   * The published playlist as a delta update (_HLS_skip=YES), or undefined when it would skip nothing (the
   * full playlist is the answer then) or the playlist offers none.
   */
  deltaUpdate(): string | undefined {
    if (!this.published || this.skippable(this.publishedEndList) === 0) return undefined;
    return this.render(this.publishedEndList, true);
  }

  // The segments a delta update would skip now: those beyond the Skip Boundary from the end of the playlist
  // (the parts after its last segment included). None without LL-HLS, which alone advertises CAN-SKIP-UNTIL.
  private skippable(endList: boolean): number {
    if (!this.options.partTarget) return 0;
    const trailing = endList ? 0 : this.openParts.reduce((sum, p) => sum + p.durationSeconds, 0);
    return skippableSegments(this.window(), trailing, skipBoundary(this.targetDuration));
  }

  // Parts are listed only for the segments within three target durations of the live edge (RFC 8216bis §6.2.2).
  private withRecentParts(segments: SegmentRecord[]): Segment[] {
    let fromEnd = this.openParts.reduce((sum, p) => sum + p.durationSeconds, 0);
    const out: Segment[] = [];
    for (let i = segments.length - 1; i >= 0; i -= 1) {
      const { parts, ...s } = segments[i]!;
      fromEnd += s.durationSeconds;
      out.unshift(parts && fromEnd <= 3 * this.targetDuration ? { ...s, parts } : s);
    }
    return out;
  }

  // Writes the playlist if it changed, then deletes segment files beyond --max-files (live).
  publish(endList = false): boolean {
    if (this.window().length === 0) return false;
    this.slideDiscontinuities();
    const text = this.render(endList);
    const changed = text !== this.lastText;
    if (changed) {
      writeFileAtomic(this.path, text);
      this.lastText = text;
      this.published = true;
      this.publishedEndList = endList;
    }
    this.deleteOldFiles();
    return changed;
  }

  // The end: the last playlist (with ENDLIST), and only the segments it lists left on disk.
  finalize(): boolean {
    this.ingest();
    const written = this.publish(true);
    if (this.options.mode === 'live') {
      const keep = new Set(this.window().map((s) => s.uri));
      for (const s of this.tracked.filter((t) => !keep.has(t.uri))) this.removeSegmentFiles(s);
      this.tracked.splice(0, this.tracked.length - keep.size);
    }
    removeFile(this.workingPath);
    return written || this.published;
  }

  /** Forget the working playlist (a failed or interrupted VOD must not look complete). */
  abandon(): void {
    removeFile(this.workingPath);
  }

  /** Abandon, and remove the segments the sink never listed: the one cut off mid-write when the run was killed. */
  abandonUnfinished(): void {
    this.abandon();
    this.removeSegments((name) => !this.seen.has(name));
  }

  /** Abandon, and remove every segment the sink wrote: a failed VOD leaves nothing behind. */
  discard(): void {
    this.abandon();
    this.removeSegments(() => true);
  }

  private removeSegments(which: (name: string) => boolean): void {
    for (const name of readdirSync(this.options.dir)) if (SEGMENT_NAME.test(name) && which(name)) removeFile(join(this.options.dir, name));
  }

  stats(): { segments: number; durationSeconds: number; bytes: number; segmentsOnDisk: number } {
    return { ...this.totals, durationSeconds: Number(this.totals.durationSeconds.toFixed(3)), segmentsOnDisk: this.tracked.length };
  }

  /** Peak and average bit/s over every segment written (RFC 8216 peak segment bit rate). */
  bandwidth(): { peak: number; average: number } {
    return measureBandwidth(this.history, this.targetDuration);
  }

  // #EXT-X-DISCONTINUITY-SEQUENCE counts the discontinuity tags that slid out of the window.
  private slideDiscontinuities(): void {
    const window = new Set(this.window());
    for (const s of this.tracked) {
      if (window.has(s)) break;
      if (s.discontinuity) {
        this.discontinuitySequence += 1;
        delete s.discontinuity;
      }
    }
  }

  private deleteOldFiles(): void {
    const max = this.options.maxFiles;
    if (this.options.mode !== 'live' || max <= 0) return;
    while (this.tracked.length > max) {
      this.removeSegmentFiles(this.tracked.shift()!);
    }
  }

  private removeSegmentFiles(segment: SegmentRecord): void {
    removeFile(join(this.options.dir, segment.uri));
    for (const part of segment.parts ?? []) removeFile(join(this.options.dir, part.uri));
  }
}
