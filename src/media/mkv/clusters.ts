// Walks Clusters reading only block headers (RFC 9559 §10.1): a SimpleBlock or Block starts with
// its track number (a variable-length integer), a signed 16-bit timestamp relative to the
// Cluster's, and a flags byte (SimpleBlock: 0x80 key frame; bits 0x06 lacing, then a byte with
// the frame count - 1). A BlockGroup's Block is a key frame when the group has no ReferenceBlock
// (§10.2). The frame data is skipped, never read or decoded.
import { readSize, uintBytes, type Element, type FileWindow } from './ebml.js';
import { ID, TOP_LEVEL } from './ids.js';

export interface BlockHeader {
  track: number;
  /** Cluster timestamp + the block's relative timestamp, in TimestampScale units. */
  time: number;
  key: boolean;
  /** Frames in the block (more than one only with lacing). */
  frames: number;
}

export interface ClusterScan {
  blocks: BlockHeader[];
  /** Every Cluster up to the end of the Segment was read. */
  reachedEnd: boolean;
}

function parseBlockHeader(head: Buffer): Omit<BlockHeader, 'time' | 'key'> & { relative: number; flags: number } | undefined {
  const track = readSize(head, 0);
  if (!track || track.size === undefined || head.length < track.length + 3) return undefined;
  const relative = head.readInt16BE(track.length);
  const flags = head[track.length + 2]!;
  const laced = (flags >> 1) & 3;
  if (laced && head.length < track.length + 4) return undefined;
  return { track: track.size, relative, flags, frames: laced ? head[track.length + 3]! + 1 : 1 };
}

async function blockGroup(win: FileWindow, group: Element, clusterTime: number): Promise<BlockHeader | undefined> {
  let block: ReturnType<typeof parseBlockHeader>;
  let referenced = false;
  for (let at = group.data; at < group.end!; ) {
    const c = await win.element(at);
    if (!c || c.end === undefined || c.end > group.end!) break;
    if (c.id === ID.Block) block = parseBlockHeader(await win.bytes(c.data, 12));
    else if (c.id === ID.ReferenceBlock) referenced = true;
    at = c.end;
  }
  return block && { track: block.track, time: clusterTime + block.relative, key: !referenced, frames: block.frames };
}

/**
 * The block headers of the Clusters from `from` (a level-1 element's offset) to `segmentEnd`, in
 * file (decode) order, until `stop` says enough or `maxBlocks` is reached. Other level-1 elements
 * (Cues, Tags) are stepped over by their size.
 */
export async function scanClusters(win: FileWindow, from: number, segmentEnd: number, options: { maxBlocks: number; stop?: (block: BlockHeader) => boolean }): Promise<ClusterScan> {
  const blocks: BlockHeader[] = [];
  let at = from;
  while (at < segmentEnd) {
    const el = await win.element(at);
    if (!el) break;
    if (el.id !== ID.Cluster) {
      if (el.end === undefined) break;
      at = el.end;
      continue;
    }
    const clusterEnd = Math.min(el.end ?? segmentEnd, segmentEnd);
    let clusterTime = 0;
    let p = el.data;
    while (p < clusterEnd) {
      const c = await win.element(p);
      // A Cluster of unknown size ends where a level-1 element starts.
      if (!c || c.end === undefined || (el.end === undefined && TOP_LEVEL.has(c.id))) break;
      let block: BlockHeader | undefined;
      if (c.id === ID.Timestamp) {
        clusterTime = uintBytes(await win.bytes(c.data, c.end - c.data));
      } else if (c.id === ID.SimpleBlock) {
        const h = parseBlockHeader(await win.bytes(c.data, 12));
        if (h) block = { track: h.track, time: clusterTime + h.relative, key: (h.flags & 0x80) !== 0, frames: h.frames };
      } else if (c.id === ID.BlockGroup) {
        block = await blockGroup(win, c, clusterTime);
      }
      p = c.end;
      if (block) {
        blocks.push(block);
        if (blocks.length >= options.maxBlocks || options.stop?.(block)) return { blocks, reachedEnd: false };
      }
    }
    if (el.end === undefined && p === at) break;
    at = el.end ?? p;
  }
  return { blocks, reachedEnd: at >= segmentEnd || at >= win.size };
}
