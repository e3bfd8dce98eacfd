// ISO BMFF (MP4/MOV) boxes: a header is a 32-bit size and a four-character type; size 1 means a
// 64-bit size follows, 0 means "to the end" (ISO/IEC 14496-12 §4.2).
import type { FileHandle } from 'node:fs/promises';

export interface Box {
  type: string;
  /** Offset of the box's header in its parent (or the file). */
  start: number;
  /** Offset of the first byte after the header. */
  body: number;
  end: number;
}

function header(view: Buffer, at: number, limit: number): Box | undefined {
  if (at + 8 > view.length) return undefined;
  const size32 = view.readUInt32BE(at);
  const type = view.toString('latin1', at + 4, at + 8);
  let body = at + 8;
  let size = size32;
  if (size32 === 1) {
    if (at + 16 > view.length) return undefined;
    size = Number(view.readBigUInt64BE(at + 8));
    body = at + 16;
  } else if (size32 === 0) {
    size = limit - at;
  }
  if (size < body - at) return undefined;
  return { type, start: at, body, end: at + size };
}

/** The boxes inside `buf[from, to)`, in order; stops at the first malformed header. */
export function childBoxes(buf: Buffer, from = 0, to = buf.length): Box[] {
  const boxes: Box[] = [];
  for (let at = from; at < to; ) {
    const box = header(buf, at, to);
    if (!box || box.end > to) break;
    boxes.push(box);
    at = box.end;
  }
  return boxes;
}

/** The first child of `parent` with this type. */
export function child(buf: Buffer, parent: Box, type: string, skip = 0): Box | undefined {
  return childBoxes(buf, parent.body + skip, parent.end).find((b) => b.type === type);
}

/** Follows a path of box types from `parent` (e.g. mdia/minf/stbl). */
export function path(buf: Buffer, parent: Box, types: string[]): Box | undefined {
  let box: Box | undefined = parent;
  for (const type of types) box = box && child(buf, box, type);
  return box;
}

/**
 * The file's top-level boxes, read header by header so a large mdat is skipped, not read.
 * Only the small boxes the probe needs (moov) are read whole.
 */
export async function topLevelBoxes(file: FileHandle, fileSize: number): Promise<Box[]> {
  const boxes: Box[] = [];
  const head = Buffer.alloc(16);
  for (let at = 0; at + 8 <= fileSize; ) {
    const { bytesRead } = await file.read(head, 0, 16, at);
    const box = header(head.subarray(0, bytesRead), 0, fileSize - at);
    if (!box || box.end - box.start < 8) break;
    boxes.push({ type: box.type, start: at, body: at + box.body, end: Math.min(fileSize, at + box.end) });
    at += box.end;
  }
  return boxes;
}
