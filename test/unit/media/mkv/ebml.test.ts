// EBML variable-length integers and elements against RFC 8794's own examples, and a FileWindow
// reading ranges of a real file.
import { afterAll, describe, expect, it } from 'vitest';
import { open } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { children, FileWindow, float, readElement, readId, readSize, text, uint } from '../../../../src/media/mkv/ebml.js';
import { tempDir } from '../../../helpers/cli.js';

const bytes = (...b: number[]) => Buffer.from(b);

describe('variable-length integers (RFC 8794 §4)', () => {
  it('the value 2 in one to four octets (§4.4 table) is 2 each time', () => {
    for (const b of [bytes(0x82), bytes(0x40, 0x02), bytes(0x20, 0x00, 0x02), bytes(0x10, 0x00, 0x00, 0x02)]) {
      expect(readSize(b, 0)).toEqual({ size: 2, length: b.length });
    }
  });

  it('all value bits set is an unknown size (§6.2), in one and in eight octets', () => {
    expect(readSize(bytes(0xff), 0)).toEqual({ size: undefined, length: 1 });
    expect(readSize(bytes(0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), 0)).toEqual({ size: undefined, length: 8 });
    // An eight-octet size that is not all ones is a size (ffmpeg writes Segment sizes this way).
    expect(readSize(bytes(0x01, 0, 0, 0, 0, 0, 0x01, 0x00), 0)).toEqual({ size: 256, length: 8 });
  });

  it('a zero first octet (a length over eight) and a cut-short integer are refused', () => {
    expect(readSize(bytes(0x00, 0x01), 0)).toBeUndefined();
    expect(readSize(bytes(0x40), 0)).toBeUndefined();
  });

  it('IDs keep their marker bit: the EBML header 1A 45 DF A3, the Segment 18 53 80 67, a one-octet SimpleBlock A3', () => {
    expect(readId(bytes(0x1a, 0x45, 0xdf, 0xa3), 0)).toEqual({ id: 0x1a45dfa3, length: 4 });
    expect(readId(bytes(0x18, 0x53, 0x80, 0x67), 0)).toEqual({ id: 0x18538067, length: 4 });
    expect(readId(bytes(0xa3), 0)).toEqual({ id: 0xa3, length: 1 });
    expect(readId(bytes(0x08, 0, 0, 0, 0), 0)).toBeUndefined(); // five octets: more than an ID may take
  });
});

describe('elements', () => {
  // DocType "webm" (42 82, size 84), TimestampScale 1000000 (2A D7 B1, size 83), Duration 4008.0 as a float64.
  const doc = bytes(0x42, 0x82, 0x84, ...Buffer.from('webm'), 0x2a, 0xd7, 0xb1, 0x83, 0x0f, 0x42, 0x40, 0x44, 0x89, 0x88, ...Buffer.from('40AF500000000000', 'hex'));

  it('reads strings, unsigned integers and floats in sequence', () => {
    const [docType, scale, duration] = children(doc, 0, doc.length);
    expect(text(doc, docType!)).toBe('webm');
    expect(uint(doc, scale!)).toBe(1_000_000);
    expect(float(doc, duration!)).toBe(4008);
  });

  it('an element of unknown size has no end; children() stops before an element overrunning its parent', () => {
    expect(readElement(bytes(0x1f, 0x43, 0xb6, 0x75, 0xff), 0)).toEqual({ id: 0x1f43b675, start: 0, data: 5, end: undefined });
    expect(children(doc, 0, doc.length - 1).map((e) => e.id)).toEqual([0x4282, 0x2ad7b1]);
  });
});

describe('FileWindow', () => {
  const { dir, cleanup } = tempDir('lydlr-ebml-');
  afterAll(cleanup);

  it('serves nearby ranges from one read, reads a far one anew, reads a large one directly, and stops at the end of the file', async () => {
    const path = join(dir, 'data.bin');
    writeFileSync(path, Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 251)));
    const handle = await open(path, 'r');
    try {
      const win = new FileWindow(handle, 100_000, 1024);
      expect([...(await win.bytes(10, 4))]).toEqual([10, 11, 12, 13]);
      expect([...(await win.bytes(500, 2))]).toEqual([500 % 251, 501 % 251]);
      expect(win.reads).toBe(1);
      await win.bytes(50_000, 8);
      expect(win.reads).toBe(2);
      expect((await win.bytes(60_000, 5000)).length).toBe(5000);
      expect(win.reads).toBe(3);
      expect((await win.bytes(99_998, 12)).length).toBe(2);
      expect(win.bytesRead).toBeLessThan(10_000);
    } finally {
      await handle.close();
    }
  });
});
