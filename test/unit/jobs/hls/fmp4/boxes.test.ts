import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BoxStream, childBoxes, findBox, payloadOf, rewriteBox } from '../../../../../src/jobs/hls/fmp4/boxes.js';

const H264 = readFileSync(new URL('../../../../fixtures/jobs/hls-fmp4/h264-aac.mp4', import.meta.url));

// Top-level boxes of the fixture, as listed by reading its sizes by hand (ftyp 32 bytes, moov 1405, …).
const TOP_LEVEL = 'ftyp:32 moov:1405 moof:360 mdat:4304 moof:144 mdat:3379 moof:360 mdat:4326 moof:144 mdat:2389 moof:360 mdat:4273 moof:144 mdat:2637 moof:144 mdat:2029 moof:360 mdat:4348 moof:120 mdat:504 mfra:160';

const describeBoxes = (boxes: { type: string; bytes: Buffer }[]) => boxes.map((b) => `${b.type}:${b.bytes.length}`).join(' ');

describe('BoxStream', () => {
  it('splits mp4mux output into its top-level boxes, whole', () => {
    const stream = new BoxStream();
    expect(describeBoxes(stream.push(H264))).toBe(TOP_LEVEL);
    expect(stream.leftover).toBe(0);
  });

  it('gives the same boxes when the pipe delivers 7-byte chunks (headers and boxes split across reads)', () => {
    const stream = new BoxStream();
    const boxes = [];
    for (let at = 0; at < H264.length; at += 7) boxes.push(...stream.push(H264.subarray(at, at + 7)));
    expect(describeBoxes(boxes)).toBe(TOP_LEVEL);
    expect(Buffer.concat(boxes.map((b) => b.bytes)).equals(H264)).toBe(true);
  });

  it('holds back a box cut off mid-way and counts its bytes as leftover', () => {
    const stream = new BoxStream();
    expect(describeBoxes(stream.push(H264.subarray(0, 32 + 100)))).toBe('ftyp:32');
    expect(stream.leftover).toBe(100);
  });

  it('reads a 64-bit box size (size field 1, then the size in 8 bytes)', () => {
    const box = Buffer.alloc(20);
    box.writeUInt32BE(1, 0);
    box.write('mdat', 4, 'latin1');
    box.writeBigUInt64BE(20n, 8);
    const [read] = new BoxStream().push(box);
    expect(read).toMatchObject({ type: 'mdat', headerSize: 16 });
    expect(payloadOf(read!)).toHaveLength(4);
  });

  it('refuses a box whose size is smaller than its header', () => {
    const bad = Buffer.from([0, 0, 0, 4, 0x66, 0x72, 0x65, 0x65]);
    expect(() => new BoxStream().push(bad)).toThrow(/invalid MP4 box "free" of size 4/);
  });
});

describe('childBoxes and findBox', () => {
  it('walk moov down to the first track\'s media header and handler', () => {
    const moov = new BoxStream().push(H264).find((b) => b.type === 'moov')!;
    expect(childBoxes(payloadOf(moov)).map((b) => b.type)).toEqual(['mvhd', 'trak', 'trak', 'udta', 'mvex']);
    const hdlr = findBox(payloadOf(moov), 'trak', 'mdia', 'hdlr')!;
    expect(payloadOf(hdlr).toString('latin1', 8, 12)).toBe('vide');
    expect(findBox(payloadOf(moov), 'trak', 'nope')).toBeUndefined();
  });
});

describe('rewriteBox', () => {
  it('replaces a descendant and fixes every size on the way; other boxes stay byte for byte', () => {
    const moov = new BoxStream().push(H264).find((b) => b.type === 'moov')!;
    const free = Buffer.from('0000000c667265650a0b0c0d', 'hex'); // a 12-byte free box
    // The hdlr of every trak (two here) becomes the free box: 2 × (12 − hdlr size) bytes of difference.
    const hdlrs = childBoxes(payloadOf(moov)).filter((b) => b.type === 'trak').map((t) => findBox(payloadOf(t), 'mdia', 'hdlr')!.bytes.length);
    const bytes = rewriteBox(moov, 0, [{ type: 'trak' }, { type: 'mdia' }, { type: 'hdlr' }], () => free);
    expect(bytes.length).toBe(moov.bytes.length + hdlrs.reduce((sum, n) => sum + 12 - n, 0));
    const again = new BoxStream().push(bytes);
    expect(again.map((b) => b.type)).toEqual(['moov']);
    expect(childBoxes(payloadOf(again[0]!)).map((b) => b.type)).toEqual(['mvhd', 'trak', 'trak', 'udta', 'mvex']);
    for (const trak of childBoxes(payloadOf(again[0]!)).filter((b) => b.type === 'trak')) expect(findBox(payloadOf(trak), 'mdia', 'free')!.bytes.equals(free)).toBe(true);
    expect(findBox(payloadOf(again[0]!), 'mvex')!.bytes.equals(findBox(payloadOf(moov), 'mvex')!.bytes)).toBe(true);
  });

  it('leaves a box without that descendant as it was', () => {
    const moov = new BoxStream().push(H264).find((b) => b.type === 'moov')!;
    expect(rewriteBox(moov, 0, [{ type: 'trak' }, { type: 'nope' }], () => Buffer.alloc(0)).equals(moov.bytes)).toBe(true);
  });
});

