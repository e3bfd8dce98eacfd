// What the sample tables say without reading a single sample (ISO/IEC 14496-12 §8.6–8.7):
// stsz the count, stss which samples are sync (key) frames, stts the decode durations, ctts the
// composition offsets.
import { child, type Box } from './boxes.js';

export interface SampleFacts {
  count: number;
  /** Frames between key frames (from stss); absent when every sample is a sync sample. */
  keyframeInterval?: { max: number; mean: number; keyframes: number };
  /** Every sample is a key frame (no stss box). */
  allKeyframes: boolean;
  /** Composition offsets differ between samples: frames are reordered (B-frames). */
  reordered: boolean;
  /** More than one sample duration (the last sample's excepted: muxers often shorten it). */
  variableDuration: boolean;
}

// A FullBox's u32 entries after its version/flags and entry count.
function entries(buf: Buffer, box: Box | undefined, width: number): number[][] {
  if (!box) return [];
  const count = buf.readUInt32BE(box.body + 4);
  const rows: number[][] = [];
  for (let i = 0, at = box.body + 8; i < count && at + width * 4 <= box.end; i++, at += width * 4) {
    rows.push(Array.from({ length: width }, (_, k) => buf.readUInt32BE(at + k * 4)));
  }
  return rows;
}

function keyframeSpacing(syncSamples: number[], count: number): SampleFacts['keyframeInterval'] {
  if (syncSamples.length === 0) return undefined;
  // Gaps between successive key frames, and from the last one to the end of the track.
  const gaps = syncSamples.slice(1).map((s, i) => s - syncSamples[i]!);
  gaps.push(count + 1 - syncSamples[syncSamples.length - 1]!);
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  return { max: Math.max(...gaps), mean: Math.round(mean * 100) / 100, keyframes: syncSamples.length };
}

export function sampleTables(buf: Buffer, stbl: Box | undefined): SampleFacts {
  const get = (type: string) => (stbl ? child(buf, stbl, type) : undefined);
  const stsz = get('stsz');
  const count = stsz ? buf.readUInt32BE(stsz.body + 8) : 0;
  const stss = get('stss');
  const sync = entries(buf, stss, 1).map((r) => r[0]!);
  // ctts offsets are signed in version 1; equal offsets everywhere mean no reordering.
  const offsets = new Set(entries(buf, get('ctts'), 2).filter((r) => r[0]! > 0).map((r) => r[1]!));
  const stts = entries(buf, get('stts'), 2);
  const durations = new Set(stts.flatMap(([n, d], i) => (i === stts.length - 1 && n === 1 ? [] : [d!])));
  return {
    count,
    keyframeInterval: stss ? keyframeSpacing(sync, count) : undefined,
    allKeyframes: !stss && count > 0,
    reordered: offsets.size > 1,
    variableDuration: durations.size > 1,
  };
}
