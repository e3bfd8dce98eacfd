// Key-frame spacing from Cues and block headers, on block lists written out by hand: when the
// index is believed, when it is not (sparse cues, a variable frame rate), and open-GOP leading
// pictures, against the decode-order gaps counted frame by frame.
import { describe, expect, it } from 'vitest';
import type { BlockHeader, ClusterScan } from '../../../../src/media/mkv/clusters.js';
import { keyframeSpacing, reorderedIn } from '../../../../src/media/mkv/keyframes.js';

// A video track (1) at 40 ms a frame with an audio block (2) beside every frame, in decode order.
// `pattern` gives each frame's presentation index relative to its decode index and `K` marks key
// frames: 'K....' is a group of five frames shown in order.
function stream(groups: string[], frameMs = 40): BlockHeader[] {
  const blocks: BlockHeader[] = [];
  let n = 0;
  for (const group of groups) {
    for (const c of group) {
      blocks.push({ track: 1, time: n * frameMs, key: c === 'K', frames: 1 });
      blocks.push({ track: 2, time: n * frameMs, key: true, frames: 1 });
      n++;
    }
  }
  return blocks;
}

const scan = (blocks: BlockHeader[], reachedEnd: boolean): ClusterScan => ({ blocks, reachedEnd });
const keyTimes = (blocks: BlockHeader[]) => blocks.filter((b) => b.track === 1 && b.key).map((b) => b.time);
// The first `keys` key frames' blocks (as a head scan that stops at the key frame it waited for).
function headOf(blocks: BlockHeader[], keys: number): ClusterScan {
  let seen = 0;
  const end = blocks.findIndex((b) => b.track === 1 && b.key && ++seen === keys);
  return scan(blocks.slice(0, end + 1), false);
}
// From the last key frame's block to the end (the last cue's Cluster, starting a little earlier).
function tailOf(blocks: BlockHeader[], before = 3): ClusterScan {
  const last = blocks.findLastIndex((b) => b.track === 1 && b.key);
  return scan(blocks.slice(Math.max(0, last - before)), true);
}

describe('keyframeSpacing', () => {
  const gop15 = [...Array.from({ length: 16 }, () => 'K' + '.'.repeat(14)), 'K.........'];
  const blocks = stream(gop15);

  it('complete Cues: every gap from the index, the last one counted (16 x 15 + 10 frames)', () => {
    const k = keyframeSpacing({ track: 1, cueTimes: keyTimes(blocks), frameDuration: 40 }, headOf(blocks, 4), tailOf(blocks));
    expect(k).toMatchObject({ max: 15, mean: 14.71, keyframes: 17, from: 'cues', complete: true });
  });

  it('the frame duration is measured from the block timestamps when the track declares none', () => {
    const k = keyframeSpacing({ track: 1, cueTimes: keyTimes(blocks) }, headOf(blocks, 4), tailOf(blocks));
    expect(k).toMatchObject({ max: 15, mean: 14.71, from: 'cues' });
  });

  it('sparse Cues (every other key frame) are not believed: the groups seen in the first Clusters', () => {
    const sparse = keyTimes(blocks).filter((_, i) => i % 2 === 0);
    const k = keyframeSpacing({ track: 1, cueTimes: sparse, frameDuration: 40 }, headOf(blocks, 4), tailOf(blocks));
    expect(k).toMatchObject({ max: 15, mean: 15, keyframes: 4, from: 'blocks', complete: false, span: 3 * 15 * 40 });
  });

  it('a variable frame rate (a group lasting longer than its frames) is not believed either', () => {
    const vfr = stream(gop15).map((b) => (b.time >= 15 * 40 ? { ...b, time: b.time + 200 } : b));
    const k = keyframeSpacing({ track: 1, cueTimes: keyTimes(vfr), frameDuration: 40 }, headOf(vfr, 4), tailOf(vfr));
    expect(k).toMatchObject({ from: 'blocks', complete: false });
  });

  it('a missing cue at the end (the last key frame not indexed) is not believed', () => {
    const k = keyframeSpacing({ track: 1, cueTimes: keyTimes(blocks).slice(0, -1), frameDuration: 40 }, headOf(blocks, 4), tailOf(blocks));
    expect(k?.from).toBe('blocks');
  });

  it('the whole file read: counted from the block headers', () => {
    const k = keyframeSpacing({ track: 1, cueTimes: [] }, scan(blocks, true), undefined);
    expect(k).toMatchObject({ max: 15, mean: 14.71, keyframes: 17, from: 'blocks', complete: true });
  });

  it('open GOPs: a key frame followed by B-frames shown before it; gaps in decode order as a demuxer counts them', () => {
    // Presentation times per decode position: first group I P B B … (10 frames), then each key
    // frame (CRA) is followed by one leading B shown just before it.
    const times: Array<[number, boolean]> = [];
    const groups = 8;
    for (let g = 0; g < groups; g++) {
      const base = g * 10;
      times.push([base, true]);
      if (g > 0) times.push([base - 1, false]); // the leading picture
      for (let i = 1; i < (g === groups - 1 ? 7 : 9); i++) times.push([base + i, false]);
    }
    const open: BlockHeader[] = times.flatMap(([t, key]) => [{ track: 1, time: t * 40, key, frames: 1 }, { track: 2, time: t * 40, key: true, frames: 1 }]);
    const decodeGaps = (() => {
      const keys = times.flatMap(([, key], i) => (key ? [i] : []));
      return keys.map((k, i) => (keys[i + 1] ?? times.length) - k);
    })();
    expect(decodeGaps).toEqual([9, 10, 10, 10, 10, 10, 10, 8]);
    const k = keyframeSpacing({ track: 1, cueTimes: keyTimes(open), frameDuration: 40 }, headOf(open, 4), tailOf(open));
    expect(k).toMatchObject({ max: 10, mean: Math.round((decodeGaps.reduce((a, b) => a + b) / decodeGaps.length) * 100) / 100, keyframes: 8, from: 'cues' });
  });

  it('fewer than three key frames in the first Clusters: nothing to check the index against', () => {
    const long = stream(['K' + '.'.repeat(99), 'K' + '.'.repeat(99), 'K' + '.'.repeat(99)]);
    const head = scan(long.slice(0, 250), false);
    expect(keyframeSpacing({ track: 1, cueTimes: keyTimes(long), frameDuration: 40 }, head, tailOf(long))).toMatchObject({ max: 100, from: 'blocks', complete: false });
  });
});

describe('reorderedIn', () => {
  it('a timestamp going back in decode order is reordering; in order is not', () => {
    const inOrder = stream(['K....']);
    const reordered = inOrder.map((b, i) => (i === 2 ? { ...b, time: 200 } : b));
    expect(reorderedIn([scan(inOrder, true)], 1)).toBe(false);
    expect(reorderedIn([scan(reordered, true)], 1)).toBe(true);
    expect(reorderedIn([scan(reordered, true)], 2)).toBe(false);
  });
});
