// LineSplitter: gst-launch ends position lines with \r, other lines with \n; chunks split anywhere.
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../src/process/lines.js';

function split(chunks: (string | Buffer)[], end = true): string[] {
  const lines: string[] = [];
  const s = new LineSplitter((l) => lines.push(l));
  for (const c of chunks) s.push(c);
  if (end) s.end();
  return lines;
}

describe('LineSplitter', () => {
  it.each([
    ['\\n', ['a\nb\n'], ['a', 'b']],
    ['\\r\\n as one break', ['a\r\nb\r\n'], ['a', 'b']],
    ['\\r (position lines)', ['0:00:01.0 / 0:00:03.0\r0:00:02.0 / 0:00:03.0\r'], ['0:00:01.0 / 0:00:03.0', '0:00:02.0 / 0:00:03.0']],
    ['empty lines dropped', ['\n\n\na\n\r\n'], ['a']],
    ['a line split across chunks', ['Got mes', 'sage #1\nGot', ' EOS\n'], ['Got message #1', 'Got EOS']],
    ['\\r and \\n in different chunks', ['a\r', '\nb\n'], ['a', 'b']],
    ['a last line without newline is given at end()', ['a\nlast'], ['a', 'last']],
  ])('%s', (_name, chunks, expected) => {
    expect(split(chunks)).toEqual(expected);
  });

  it('holds back an unterminated line until end()', () => {
    expect(split(['a\npartial'], false)).toEqual(['a']);
  });

  it('decodes a UTF-8 character whose bytes arrive in two chunks', () => {
    const bytes = Buffer.from('é\n', 'utf8'); // 0xc3 0xa9 0x0a
    expect(split([bytes.subarray(0, 1), bytes.subarray(1)])).toEqual(['é']);
  });

  it('never throws on invalid UTF-8; it becomes U+FFFD', () => {
    expect(split([Buffer.from([0xff, 0x41, 0x0a])])).toEqual(['\uFFFDA']);
  });
});
