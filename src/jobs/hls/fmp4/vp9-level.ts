// VP9 in fMP4: the level in the sample entry's vpcC. A VP9 bitstream carries no level, so a muxer works it out
// from the picture size and rate, as ffmpeg's and Shaka's packagers do; GStreamer 1.22's mp4mux writes 10
// (level 1, at most 256x144) whatever the stream, and the CODECS string read from it would then promise far
// less than a player has to decode. The packager puts the level of the real size and frame rate in its place.
import { childBoxes, payloadOf, rewriteBox, type Box, type PathStep } from './boxes.js';

// The VP9 levels (libvpx vp9_level_defs): level ×10, luma samples per second, luma samples per picture, and
// the longest side a picture may have.
const LEVELS: readonly [level: number, sampleRate: number, pictureSize: number, breadth: number][] = [
  [10, 829_440, 36_864, 512],
  [11, 2_764_800, 73_728, 768],
  [20, 4_608_000, 122_880, 960],
  [21, 9_216_000, 245_760, 1344],
  [30, 20_736_000, 552_960, 2048],
  [31, 36_864_000, 983_040, 2752],
  [40, 83_558_400, 2_228_224, 4160],
  [41, 160_432_128, 2_228_224, 4160],
  [50, 311_951_360, 8_912_896, 8384],
  [51, 588_251_136, 8_912_896, 8384],
  [52, 1_176_502_272, 8_912_896, 8384],
  [60, 1_176_502_272, 35_651_584, 16_832],
  [61, 2_353_004_544, 35_651_584, 16_832],
  [62, 4_706_009_088, 35_651_584, 16_832],
];

/** The lowest VP9 level (×10: 31 = level 3.1) whose limits hold `width`x`height` at `fps`. */
export function vp9Level(width: number, height: number, fps: number): number {
  const picture = width * height;
  const fits = LEVELS.find(([, rate, size, breadth]) => picture <= size && picture * fps <= rate && Math.max(width, height) <= breadth);
  return (fits ?? LEVELS[LEVELS.length - 1]!)[0];
}

const VP09_PATH: PathStep[] = [{ type: 'trak' }, { type: 'mdia' }, { type: 'minf' }, { type: 'stbl' }, { type: 'stsd', childrenAt: 8 }, { type: 'vp09' }];

/** The moov with the level in each vp09 entry's vpcC set from the entry's width and height and `fps`. */
export function withVp9Level(moov: Box, fps: number): Box {
  const bytes = rewriteBox(moov, 0, VP09_PATH, (entry) => {
    const copy = Buffer.from(entry.bytes);
    const fields = payloadOf({ ...entry, bytes: copy });
    // A visual sample entry: width and height at 24 and 26, its boxes after 78 bytes of fixed fields.
    const level = vp9Level(fields.readUInt16BE(24), fields.readUInt16BE(26), fps);
    let at = 78;
    for (const child of childBoxes(fields.subarray(78))) {
      // vpcC: a full box (version 1, flags), then profile, level…
      if (child.type === 'vpcC' && child.bytes[child.headerSize] === 1) fields[at + child.headerSize + 5] = level;
      at += child.bytes.length;
    }
    return copy;
  });
  return { type: 'moov', bytes, headerSize: 8 };
}
