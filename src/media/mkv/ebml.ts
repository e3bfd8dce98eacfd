// EBML (RFC 8794), the encoding under Matroska and WebM: an element is a variable-length ID, a
// variable-length data size and the data. A variable-length integer's first byte says its length
// (the position of its first 1 bit, §4); IDs keep that marker bit, sizes drop it, and a size of
// all 1 bits is "unknown" (§6.2: a live stream's Segment or Cluster, ended by the next element
// that cannot be its child).
import type { FileHandle } from 'node:fs/promises';

export interface Element {
  id: number;
  /** Offset of the element's ID in its buffer (or the file). */
  start: number;
  /** Offset of the first data byte. */
  data: number;
  /** Offset after the data; undefined when the size is unknown. */
  end: number | undefined;
}

/** The length of a variable-length integer from its first byte: 1–8, or 0 when the byte is 0. */
export function vintLength(first: number): number {
  for (let n = 1; n <= 8; n++) if (first & (0x100 >> n)) return n;
  return 0;
}

/** An element ID (marker bit kept, 1–4 bytes, §5) at `at`, or undefined when malformed or cut short. */
export function readId(buf: Buffer, at: number): { id: number; length: number } | undefined {
  if (at >= buf.length) return undefined;
  const length = vintLength(buf[at]!);
  if (length === 0 || length > 4 || at + length > buf.length) return undefined;
  return { id: buf.readUIntBE(at, length), length };
}

/** A data size (marker bit dropped) at `at`; `size` undefined when all its bits are 1 (unknown). */
export function readSize(buf: Buffer, at: number): { size: number | undefined; length: number } | undefined {
  if (at >= buf.length) return undefined;
  const length = vintLength(buf[at]!);
  if (length === 0 || at + length > buf.length) return undefined;
  let value = buf[at]! & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const b = buf[at + i]!;
    allOnes &&= b === 0xff;
    value = value * 256 + b;
  }
  return { size: allOnes ? undefined : value, length };
}

/** The element header at `at` in `buf`. */
export function readElement(buf: Buffer, at: number): Element | undefined {
  const id = readId(buf, at);
  const size = id && readSize(buf, at + id.length);
  if (!id || !size) return undefined;
  const data = at + id.length + size.length;
  return { id: id.id, start: at, data, end: size.size === undefined ? undefined : data + size.size };
}

/** The elements inside `buf[from, to)`, in order; stops at the first malformed or overlong one. */
export function children(buf: Buffer, from: number, to: number): Element[] {
  const list: Element[] = [];
  for (let at = from; at < to; ) {
    const el = readElement(buf, at);
    if (!el || el.end === undefined || el.end > to) break;
    list.push(el);
    at = el.end;
  }
  return list;
}

/** Children of a master element held in `buf`. */
export const childrenOf = (buf: Buffer, parent: Element): Element[] => children(buf, parent.data, parent.end ?? buf.length);

export const firstChild = (buf: Buffer, parent: Element, id: number): Element | undefined => childrenOf(buf, parent).find((e) => e.id === id);

// Unsigned integers are 0–8 bytes big-endian (§7.2); above 2^53 they lose precision, which no
// field read here reaches (timestamps, positions, durations in nanoseconds up to ~104 days).
export function uintBytes(buf: Buffer, from = 0, to = buf.length): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 256 + buf[i]!;
  return value;
}

export const uint = (buf: Buffer, el: Element): number => uintBytes(buf, el.data, el.end ?? el.data);

// Floats are 0, 4 or 8 bytes (§7.3).
export function float(buf: Buffer, el: Element): number | undefined {
  const length = (el.end ?? el.data) - el.data;
  if (length === 4) return buf.readFloatBE(el.data);
  if (length === 8) return buf.readDoubleBE(el.data);
  return length === 0 ? 0 : undefined;
}

// Strings are ASCII/UTF-8, possibly padded with zero bytes (§7.4, §7.5).
export const text = (buf: Buffer, el: Element): string => buf.toString('utf8', el.data, el.end).replace(/\0+$/, '');

export const bytes = (buf: Buffer, el: Element): Buffer => buf.subarray(el.data, el.end);

/**
 * Reads a file by ranges through one cached window, so walking many small headers that sit close
 * together (a cluster's blocks) costs one read per window, and a large frame is skipped, not read.
 * Counts what it read, for the probe's cost.
 */
export class FileWindow {
  reads = 0;
  bytesRead = 0;
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly size: number,
    private readonly windowBytes = 16 * 1024,
  ) {}

  /** `length` bytes from `at` (fewer at the end of the file). */
  async bytes(at: number, length: number): Promise<Buffer> {
    const end = Math.min(this.size, at + length);
    if (at >= this.windowStart && end <= this.windowStart + this.window.length) return this.window.subarray(at - this.windowStart, end - this.windowStart);
    if (end - at > this.windowBytes) return this.readRaw(at, end - at);
    this.window = await this.readRaw(at, Math.min(this.windowBytes, this.size - at));
    this.windowStart = at;
    return this.window.subarray(0, end - at);
  }

  /** The element header at file offset `at` (positions in the answer are file offsets). */
  async element(at: number): Promise<Element | undefined> {
    const head = await this.bytes(at, 12);
    const el = readElement(head, 0);
    return el && { id: el.id, start: at, data: at + el.data, end: el.end === undefined ? undefined : at + el.end };
  }

  private async readRaw(at: number, length: number): Promise<Buffer> {
    const buf = Buffer.alloc(Math.max(0, length));
    const { bytesRead } = await this.handle.read(buf, 0, buf.length, at);
    this.reads++;
    this.bytesRead += bytesRead;
    return buf.subarray(0, bytesRead);
  }
}
