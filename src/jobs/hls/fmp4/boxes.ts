// ISO BMFF boxes: an incremental reader for the top-level boxes of a byte stream (mp4mux writing to a pipe),
// and helpers to walk the children of one box. Only 32-bit and 64-bit sizes; size 0 (to end of file) never
// comes from a streaming muxer, so it is refused rather than guessed.

export interface Box {
  type: string;
  /** The whole box, header included (segments are the boxes' bytes concatenated). */
  bytes: Buffer;
  /** Offset of the payload inside `bytes` (8, or 16 for a 64-bit size). */
  headerSize: number;
}

export const payloadOf = (box: Box): Buffer => box.bytes.subarray(box.headerSize);

// Reads the box that starts at `offset` in `data`; undefined when `data` does not hold all of it yet.
function boxAt(data: Buffer, offset: number): Box | undefined {
  if (data.length - offset < 8) return undefined;
  let size = data.readUInt32BE(offset);
  const type = data.toString('latin1', offset + 4, offset + 8);
  let headerSize = 8;
  if (size === 1) {
    if (data.length - offset < 16) return undefined;
    size = Number(data.readBigUInt64BE(offset + 8));
    headerSize = 16;
  }
  if (size < headerSize) throw new Error(`invalid MP4 box "${type}" of size ${size}`);
  if (data.length - offset < size) return undefined;
  return { type, bytes: data.subarray(offset, offset + size), headerSize };
}

// Feeds chunks as they come; returns the top-level boxes completed by each chunk.
export class BoxStream {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Box[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const boxes: Box[] = [];
    let offset = 0;
    for (let box = boxAt(this.pending, offset); box; box = boxAt(this.pending, offset)) {
      boxes.push({ ...box, bytes: Buffer.from(box.bytes) });
      offset += box.bytes.length;
    }
    this.pending = this.pending.subarray(offset);
    return boxes;
  }

  /** Bytes of a box that never completed (the stream ended mid-box). */
  get leftover(): number {
    return this.pending.length;
  }
}

// The child boxes of a container payload (moov, trak, mdia, moof, traf…).
export function childBoxes(payload: Buffer): Box[] {
  const boxes: Box[] = [];
  for (let offset = 0, box = boxAt(payload, 0); box; box = boxAt(payload, offset)) {
    boxes.push(box);
    offset += box.bytes.length;
  }
  return boxes;
}

// The first box along a path of types, e.g. find(moov, 'trak', 'mdia', 'mdhd').
export function findBox(payload: Buffer, ...path: string[]): Box | undefined {
  let current: Box | undefined;
  let inside = payload;
  for (const type of path) {
    current = childBoxes(inside).find((b) => b.type === type);
    if (!current) return undefined;
    inside = payloadOf(current);
  }
  return current;
}

/** One step down a box path: the child's type, and where its own children start in its payload (stsd: 8). */
export interface PathStep {
  type: string;
  childrenAt?: number;
}

// The box again with every descendant along `path` replaced by `replace(old)`, and the sizes of the boxes
// on the way made to fit (boxes without such a descendant are left as they were). `childrenAt`: where the
// box's own children start in its payload.
export function rewriteBox(box: Box, childrenAt: number, path: readonly PathStep[], replace: (old: Box) => Buffer): Buffer {
  const [step, ...rest] = path;
  if (!step) return replace(box);
  const payload = payloadOf(box);
  const children = childBoxes(payload.subarray(childrenAt));
  const consumed = children.reduce((sum, c) => sum + c.bytes.length, 0);
  const rewritten = children.map((c) => (c.type === step.type ? rewriteBox(c, step.childrenAt ?? 0, rest, replace) : c.bytes));
  const body = Buffer.concat([payload.subarray(0, childrenAt), ...rewritten, payload.subarray(childrenAt + consumed)]);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(box.type, 4, 'latin1');
  return Buffer.concat([header, body]);
}
