import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { readableLeftover } from '../../../../src/jobs/record/readable.js';
import { tempDir } from '../../../helpers/cli.js';

const tmp = tempDir('lydlr-readable-');
afterAll(() => tmp.cleanup());
const box = (type: string, body = 4) => {
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + body);
  return Buffer.concat([size, Buffer.from(type, 'latin1'), Buffer.alloc(body)]);
};
const file = (name: string, data: Buffer) => {
  const path = join(tmp.dir, name);
  writeFileSync(path, data);
  return path;
};

describe('readableLeftover: can anything play the segment a dead writer left?', () => {
  it('an MP4 with its moov: yes (a real fragmented file from ffmpeg, and hand-made boxes)', async () => {
    const real = join(tmp.dir, 'frag.mp4');
    await execa('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=64x64:rate=10:duration=1', '-c:v', 'libx264', '-movflags', 'frag_keyframe+empty_moov', real]);
    expect(readableLeftover(real)).toBe(true);
    expect(readableLeftover(file('boxes.mp4', Buffer.concat([box('ftyp'), box('moov'), box('moof'), box('mdat', 100)])))).toBe(true);
  });

  it('an MP4 killed before its first fragment (ftyp then mdat, no moov), empty, or cut inside a header: no', () => {
    expect(readableLeftover(file('no-moov.mp4', Buffer.concat([box('ftyp'), box('mdat', 5000)])))).toBe(false);
    expect(readableLeftover(file('empty.mp4', Buffer.alloc(0)))).toBe(false);
    expect(readableLeftover(file('cut.mp4', Buffer.concat([box('ftyp'), Buffer.from([0, 0])])))).toBe(false);
    expect(readableLeftover(file('zero-size-box.mp4', Buffer.concat([box('ftyp'), Buffer.from([0, 0, 0, 3]), Buffer.from('moov')])))).toBe(false);
  });

  it('Matroska and MPEG-TS: yes from their first bytes; empty: no', () => {
    expect(readableLeftover(file('a.mkv', Buffer.from([0x1a, 0x45, 0xdf, 0xa3])))).toBe(true);
    expect(readableLeftover(file('a.ts', Buffer.from([0x47, 0, 0, 0])))).toBe(true);
    expect(readableLeftover(file('b.ts', Buffer.alloc(0)))).toBe(false);
  });
});
