// Facts about a Matroska/WebM file that gst-discoverer-1.0 does not give, read from its elements
// without decoding: each track's CodecID and RFC 6381 codec string (from CodecPrivate), the video
// key-frame spacing from the Cues index (checked against block headers), and B-frames from block
// timestamps going back. Reads only what it needs through ranges of the file: the header elements
// (found through the SeekHead), the Cues, and block headers in the first and the last Clusters.
import { open } from 'node:fs/promises';
import { bytes, childrenOf, FileWindow, firstChild, float, text, uint, type Element } from './ebml.js';
import { ID } from './ids.js';
import { codecFromPrivate, type CodecFacts } from './codec-private.js';
import { scanClusters, type BlockHeader, type ClusterScan } from './clusters.js';
import { keyframeSpacing, reorderedIn, type KeyframeFacts } from './keyframes.js';

export interface MkvTrack extends CodecFacts {
  number: number;
  kind: 'video' | 'audio' | 'other';
  /** The Matroska CodecID: V_MPEG4/ISO/AVC, V_MPEGH/ISO/HEVC, V_VP9, V_AV1, A_OPUS, A_AAC… */
  codecId: string;
  width?: number;
  height?: number;
  /** DefaultDuration in nanoseconds (one frame, for video). */
  defaultDurationNs?: number;
  /** Video: key-frame spacing in frames, and the seconds it spans. */
  keyframeInterval?: KeyframeFacts & { spanSeconds: number };
  /**
   * Video: frames are reordered (B-frames): a block timestamp went back in decode order. false only
   * when every block was read, or the codec never reorders (VP8, VP9, AV1, H.264 Baseline).
   */
  reordered?: boolean;
}

export interface MkvFacts {
  /** The EBML DocType: matroska or webm. */
  docType: string;
  /** Nanoseconds per timestamp unit (Info TimestampScale, 1 ms by default). */
  timestampScaleNs: number;
  durationSeconds?: number;
  /** CuePoints in the Cues index (0 when there is none). */
  cuePoints: number;
  tracks: MkvTrack[];
  /** What reading the file took: read calls and bytes. */
  cost: { reads: number; bytesRead: number };
}

export interface ReadMkvOptions {
  /** Block headers read from the first Cluster on: the whole file when it has no more. */
  headBlocks?: number;
  /** Key frames per video track after which the head stops (enough to check the Cues). */
  headKeyframes?: number;
  /** Block headers read from the last cue's Cluster to the end. */
  tailBlocks?: number;
}

// Header elements and Cues are small (a two-hour film's Cues are ~100 KB); refuse absurd sizes.
const MAX_ELEMENT_BYTES = 64 * 1024 * 1024;
const TRACK_KINDS: Record<number, MkvTrack['kind']> = { 1: 'video', 2: 'audio' };

interface Loaded {
  buf: Buffer;
  el: Element;
}

async function load(win: FileWindow, el: Element | undefined): Promise<Loaded | undefined> {
  if (!el || el.end === undefined || el.end - el.start > MAX_ELEMENT_BYTES) return undefined;
  const buf = Buffer.from(await win.bytes(el.start, el.end - el.start));
  if (buf.length !== el.end - el.start) return undefined;
  return { buf, el: { id: el.id, start: 0, data: el.data - el.start, end: buf.length } };
}

/** Level-1 elements by ID: the ones before the first Cluster, then the SeekHead's pointers. */
async function levelOne(win: FileWindow, segmentData: number, segmentEnd: number): Promise<{ found: Map<number, Element>; firstCluster?: number }> {
  const found = new Map<number, Element>();
  const seekHeads: number[] = [];
  let firstCluster: number | undefined;
  for (let at = segmentData, n = 0; at < segmentEnd && n < 64; n++) {
    const el = await win.element(at);
    if (!el) break;
    if (el.id === ID.Cluster) {
      firstCluster = at;
      break;
    }
    if (!found.has(el.id)) found.set(el.id, el);
    if (el.id === ID.SeekHead) seekHeads.push(at);
    if (el.end === undefined) break;
    at = el.end;
  }
  // The SeekHead points at the rest (Cues written after the Clusters), possibly at a second SeekHead.
  const visited = new Set<number>();
  while (seekHeads.length > 0) {
    const at = seekHeads.shift()!;
    if (visited.has(at)) continue;
    visited.add(at);
    const seekHead = await load(win, await win.element(at));
    if (!seekHead) continue;
    for (const seek of childrenOf(seekHead.buf, seekHead.el).filter((e) => e.id === ID.Seek)) {
      const id = firstChild(seekHead.buf, seek, ID.SeekID);
      const position = firstChild(seekHead.buf, seek, ID.SeekPosition);
      if (!id || !position) continue;
      const target = segmentData + uint(seekHead.buf, position);
      const wanted = uint(seekHead.buf, id);
      if (target >= segmentEnd || (found.has(wanted) && wanted !== ID.SeekHead && wanted !== ID.Cluster)) continue;
      const el = await win.element(target);
      if (!el || el.id !== wanted) continue;
      if (wanted === ID.SeekHead) seekHeads.push(target);
      else if (wanted === ID.Cluster) firstCluster ??= target;
      else found.set(wanted, el);
    }
  }
  return { found, ...(firstCluster !== undefined ? { firstCluster } : {}) };
}

function readTrack(buf: Buffer, entry: Element): MkvTrack {
  const get = (id: number, parent = entry) => firstChild(buf, parent, id);
  const number = get(ID.TrackNumber);
  const type = get(ID.TrackType);
  const codecId = get(ID.CodecID);
  const codecPrivate = get(ID.CodecPrivate);
  const defaultDuration = get(ID.DefaultDuration);
  const video = get(ID.Video);
  const width = video && get(ID.PixelWidth, video);
  const height = video && get(ID.PixelHeight, video);
  const id = codecId ? text(buf, codecId) : '';
  return {
    number: number ? uint(buf, number) : 0,
    kind: TRACK_KINDS[type ? uint(buf, type) : 0] ?? 'other',
    codecId: id,
    ...codecFromPrivate(id, codecPrivate && bytes(buf, codecPrivate)),
    ...(width ? { width: uint(buf, width) } : {}),
    ...(height ? { height: uint(buf, height) } : {}),
    ...(defaultDuration ? { defaultDurationNs: uint(buf, defaultDuration) } : {}),
  };
}

interface Cue {
  time: number;
  track: number;
  cluster: number;
}

function readCues(loaded: Loaded | undefined): Cue[] {
  if (!loaded) return [];
  const { buf, el } = loaded;
  return childrenOf(buf, el)
    .filter((e) => e.id === ID.CuePoint)
    .flatMap((point) => {
      const time = firstChild(buf, point, ID.CueTime);
      if (!time) return [];
      return childrenOf(buf, point)
        .filter((e) => e.id === ID.CueTrackPositions)
        .flatMap((positions) => {
          const track = firstChild(buf, positions, ID.CueTrack);
          const cluster = firstChild(buf, positions, ID.CueClusterPosition);
          return track && cluster ? [{ time: uint(buf, time), track: uint(buf, track), cluster: uint(buf, cluster) }] : [];
        });
    });
}

// Codecs whose frames a container carries in presentation order: VP8, VP9 and AV1 (hidden frames
// travel inside the shown frame's block), H.264 Baseline / Constrained Baseline (no B slices).
const neverReorders = (t: MkvTrack) => ['V_VP8', 'V_VP9', 'V_AV1'].includes(t.codecId) || (t.codecId === 'V_MPEG4/ISO/AVC' && t.profileIdc === 66);

export async function readMkv(file: string, options: ReadMkvOptions = {}): Promise<MkvFacts | undefined> {
  const { headBlocks = 3000, headKeyframes = 4, tailBlocks = 3000 } = options;
  const handle = await open(file, 'r');
  try {
    const win = new FileWindow(handle, (await handle.stat()).size);
    const header = await win.element(0);
    const ebml = header?.id === ID.EBML ? await load(win, header) : undefined;
    if (!ebml) return undefined;
    const docType = firstChild(ebml.buf, ebml.el, ID.DocType);
    const segment = await win.element(ebml.buf.length);
    if (!segment || segment.id !== ID.Segment) return undefined;
    const segmentEnd = Math.min(segment.end ?? win.size, win.size);
    const { found, firstCluster } = await levelOne(win, segment.data, segmentEnd);

    const info = await load(win, found.get(ID.Info));
    const scale = info && firstChild(info.buf, info.el, ID.TimestampScale);
    const timestampScaleNs = scale ? uint(info.buf, scale) : 1_000_000;
    const duration = info && firstChild(info.buf, info.el, ID.Duration);
    const durationTicks = duration && float(info.buf, duration);
    const tracksEl = await load(win, found.get(ID.Tracks));
    const tracks = tracksEl ? childrenOf(tracksEl.buf, tracksEl.el).filter((e) => e.id === ID.TrackEntry).map((e) => readTrack(tracksEl.buf, e)) : [];
    const cues = readCues(await load(win, found.get(ID.Cues)));

    const video = tracks.filter((t) => t.kind === 'video');
    if (video.length > 0 && firstCluster !== undefined) {
      const cuesOf = (track: MkvTrack) => cues.filter((c) => c.track === track.number);
      // With an index to check, the first Clusters until every video track has shown
      // `headKeyframes` key frames; without one (or when it fails the check), as many as allowed.
      const scanHead = (untilKeyframes: boolean) => {
        const keysSeen = new Map(video.map((t) => [t.number, 0]));
        const stop = (b: BlockHeader) => {
          if (b.key && keysSeen.has(b.track)) keysSeen.set(b.track, keysSeen.get(b.track)! + 1);
          return [...keysSeen.values()].every((n) => n >= headKeyframes);
        };
        return scanClusters(win, firstCluster, segmentEnd, { maxBlocks: headBlocks, ...(untilKeyframes ? { stop } : {}) });
      };
      const indexed = video.every((t) => cuesOf(t).length > 0);
      let head = await scanHead(indexed);
      const tails = new Map<number, ClusterScan | undefined>();
      const spacing = async (track: MkvTrack) => {
        const trackCues = cuesOf(track);
        const last = trackCues.reduce<Cue | undefined>((a, c) => (a && a.time >= c.time ? a : c), undefined);
        if (!tails.has(track.number)) tails.set(track.number, !head.reachedEnd && last ? await scanClusters(win, segment.data + last.cluster, segmentEnd, { maxBlocks: tailBlocks }) : undefined);
        const frameDuration = track.defaultDurationNs ? track.defaultDurationNs / timestampScaleNs : undefined;
        return keyframeSpacing({ track: track.number, cueTimes: trackCues.map((c) => c.time), ...(frameDuration ? { frameDuration } : {}) }, head, tails.get(track.number));
      };
      // One track after the other: the scans share the file window.
      const all = async () => {
        const list: Array<KeyframeFacts | undefined> = [];
        for (const track of video) list.push(await spacing(track));
        return list;
      };
      let spacings = await all();
      if (indexed && !head.reachedEnd && spacings.some((s) => s?.from !== 'cues')) {
        head = await scanHead(false);
        spacings = await all();
      }
      video.forEach((track, i) => {
        const s = spacings[i];
        if (s) track.keyframeInterval = { ...s, spanSeconds: Math.round((s.span * timestampScaleNs) / 1e7) / 100 };
        const reordered = reorderedIn([head, tails.get(track.number)], track.number);
        if (reordered || head.reachedEnd || neverReorders(track)) track.reordered = reordered;
      });
    }
    return {
      docType: docType ? text(ebml.buf, docType) : 'matroska',
      timestampScaleNs,
      ...(durationTicks ? { durationSeconds: (durationTicks * timestampScaleNs) / 1e9 } : {}),
      cuePoints: new Set(cues.map((c) => c.time)).size,
      tracks,
      cost: { reads: win.reads, bytesRead: win.bytesRead },
    };
  } finally {
    await handle.close();
  }
}
