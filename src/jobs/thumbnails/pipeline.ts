// One decode pass: videorate keeps one frame per interval (the frame shown at 0, every, 2·every…), scaled
// to the thumbnail size, then either encoded into numbered files or handed raw (RGBx, no row padding)
// on fd 3 for the sprite sheets.
import { PipelineBuilder } from '../../pipeline/builder.js';
import { caps, element, type Chain } from '../../pipeline/nodes.js';

export const ENCODERS = { jpg: 'jpegenc', png: 'pngenc', webp: 'webpenc' } as const;

export interface ThumbnailPass {
  input: string;
  /** Milliseconds between thumbnails (a whole number, so the frame rate is an exact fraction). */
  everyMs: number;
  width: number;
  height: number;
  /** Separate files: the multifilesink pattern; absent: raw frames on fd 3. */
  filesPattern?: string;
  format: keyof typeof ENCODERS;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** One frame every `everyMs` as a caps fraction: 10000 ms → 1/10. */
export function intervalFramerate(everyMs: number): string {
  const g = gcd(1000, everyMs);
  return `${1000 / g}/${everyMs / g}`;
}

export function buildThumbnailPass(p: ThumbnailPass): PipelineBuilder {
  const head: Chain = [
    element('filesrc', { location: p.input }),
    element('decodebin'),
    element('videoconvert'),
    element('videorate'),
    caps(`video/x-raw,framerate=${intervalFramerate(p.everyMs)}`),
    element('videoscale'),
  ];
  const b = new PipelineBuilder([]).chain(head);
  const size = `width=${p.width},height=${p.height},pixel-aspect-ratio=1/1`;
  if (p.filesPattern) return b.caps(`video/x-raw,${size}`).add(ENCODERS[p.format]).add('multifilesink', { location: p.filesPattern });
  return b.caps(`video/x-raw,format=RGBx,${size}`).add('fdsink', { fd: 3 });
}

/** Encodes one raw RGBx sprite sheet (a file of width × height × 4 bytes) into a picture. */
export function buildSheetEncode(raw: string, size: { width: number; height: number }, format: keyof typeof ENCODERS, output: string): PipelineBuilder {
  return new PipelineBuilder([])
    .chain([element('filesrc', { location: raw }), element('rawvideoparse', { format: 'rgbx', width: size.width, height: size.height, framerate: '1/1' })])
    .add('videoconvert')
    .add(ENCODERS[format])
    .add('filesink', { location: output });
}
