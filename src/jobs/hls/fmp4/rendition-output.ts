// One run of an fMP4 pipeline: a packager per rendition fed from its pipe (fdsink fd=3+i), whose segments
// and parts go into the rendition's playlist. Live segments get #EXT-X-PROGRAM-DATE-TIME: the wall clock at
// which this run's media time 0 was captured, plus the segment's media time.
import type { Part, Segment } from '../playlist.js';
import type { RenditionPlaylist, SegmentRecord } from '../rendition-playlist.js';
import { fileNames, Fmp4Packager, type PackagedSegment, type PartRecord } from './packager.js';
import type { TrackInfo } from './init-segment.js';

export interface Fmp4RunHooks {
  /** Wall-clock ms of media time 0 in this run (undefined: VOD, no dates). */
  clockZero: () => number | undefined;
  onInit: (index: number, tracks: TrackInfo[]) => void;
  onSegment: (index: number, record: SegmentRecord) => void;
  /** A part (LL-HLS) or a segment changed what rendition `index`'s playlist lists. */
  onChange: (index: number) => void;
  /** The stream could not be packaged (not the fragmented MP4 we expect): the run must stop. */
  onError: (error: Error) => void;
}

export class Fmp4RunOutput {
  private readonly packagers: Fmp4Packager[];

  constructor(playlists: RenditionPlaylist[], run: number, options: { segmentDuration: number; lowLatency: boolean; frameRate: number }, private readonly hooks: Fmp4RunHooks) {
    const names = fileNames(run);
    this.packagers = playlists.map((playlist, index) => {
      let open: Part[] = [];
      // A part longer than PART-TARGET would make the playlist invalid (RFC 8216bis §4.4.4.9): it is never
      // listed as a part (its segment is then listed whole). Part timing gives one frame of headroom, so this
      // only guards against a muxer surprise.
      const fits = (p: PartRecord) => p.durationSeconds <= (playlist.options.partTarget ?? Infinity);
      const packager: Fmp4Packager = new Fmp4Packager({
        dir: playlist.options.dir,
        names,
        segmentSeconds: options.segmentDuration,
        writeParts: options.lowLatency,
        frameRate: options.frameRate,
        onInit: (_uri, tracks) => hooks.onInit(index, tracks),
        onPart: (part, k) => {
          if (!part.uri || !fits(part)) return;
          open = k === 0 ? [] : open;
          open.push({ uri: part.uri, durationSeconds: part.durationSeconds, independent: part.independent });
          playlist.setOpenParts([...open], packager.nextPartUri);
          hooks.onChange(index);
        },
        onSegment: (segment) => {
          // The segment's parts move from the open list onto the segment itself.
          open = [];
          hooks.onSegment(index, playlist.add(toSegment(segment, hooks.clockZero(), fits), segment.bytes));
          if (options.lowLatency) playlist.setOpenParts([], packager.nextPartUri);
          hooks.onChange(index);
        },
      });
      return packager;
    });
  }

  /** One handler per rendition pipe, in fd order. */
  get outputs(): ((chunk: Buffer) => void)[] {
    return this.packagers.map((p) => (chunk: Buffer) => {
      try {
        p.push(chunk);
      } catch (error) {
        this.hooks.onError(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** The pipes closed: the last segment of every rendition is complete. */
  end(): void {
    for (const p of this.packagers) p.end();
  }
}

function toSegment(s: PackagedSegment, clockZero: number | undefined, fits: (p: PartRecord) => boolean): Segment {
  const listable = s.parts.every(fits);
  const parts = s.parts.flatMap((p) => (p.uri && listable ? [{ uri: p.uri, durationSeconds: p.durationSeconds, independent: p.independent }] : []));
  return {
    uri: s.uri,
    durationSeconds: s.durationSeconds,
    map: s.map,
    ...(clockZero !== undefined ? { programDateTime: new Date(clockZero + s.startSeconds * 1000) } : {}),
    ...(parts.length > 0 ? { parts } : {}),
  };
}
