// Whether a segment left open by a writer that died can be read at all: a fragmented MP4 needs its moov
// (mp4mux writes it with the first fragment, so a writer killed before that leaves only mdat data that
// no player opens); Matroska and MPEG-TS are readable from their first bytes on.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';

export function readableLeftover(path: string): boolean {
  const size = statSync(path).size;
  if (size === 0) return false;
  return extname(path).toLowerCase() === '.mp4' ? hasTopLevelBox(path, size, 'moov') : true;
}

// Walks the top-level boxes (size, type) without reading their bodies.
function hasTopLevelBox(path: string, size: number, wanted: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(16);
    for (let at = 0, boxes = 0; at + 8 <= size && boxes < 10_000; boxes++) {
      readSync(fd, header, 0, 16, at);
      const short = header.readUInt32BE(0);
      const length = short === 1 ? Number(header.readBigUInt64BE(8)) : short === 0 ? size - at : short;
      if (length < 8) return false; // not a box: the rest cannot be trusted
      if (header.toString('latin1', 4, 8) === wanted) return true;
      at += length;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}
