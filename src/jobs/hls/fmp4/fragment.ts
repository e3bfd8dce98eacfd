// One movie fragment (moof): its track, where it starts, how long it lasts, and whether its first sample is a
// sync sample (a keyframe), read from tfhd/tfdt/trun as ISO/IEC 14496-12 §8.8 lays them out.
import { childBoxes, findBox, payloadOf, type Box } from './boxes.js';

export interface FragmentInfo {
  trackId: number;
  /** tfdt: decode time of the first sample, in the track's timescale. */
  baseDecodeTime: number;
  /** Sum of the sample durations, in the track's timescale. */
  duration: number;
  samples: number;
  startsWithKeyframe: boolean;
}

const NON_SYNC_SAMPLE = 0x10000;

export function readFragment(moof: Box): FragmentInfo {
  const traf = findBox(payloadOf(moof), 'traf');
  if (!traf) throw new Error('moof without traf');
  const body = payloadOf(traf);
  const tfhd = payloadOf(findBox(body, 'tfhd')!);
  const tfhdFlags = tfhd.readUInt32BE(0) & 0xffffff;
  let at = 8; // version/flags, track_ID
  if (tfhdFlags & 0x1) at += 8; // base-data-offset
  if (tfhdFlags & 0x2) at += 4; // sample-description-index
  const defaultDuration = tfhdFlags & 0x8 ? tfhd.readUInt32BE(at) : 0;
  if (tfhdFlags & 0x8) at += 4;
  if (tfhdFlags & 0x10) at += 4; // default-sample-size
  const defaultFlags = tfhdFlags & 0x20 ? tfhd.readUInt32BE(at) : 0;
  const tfdt = findBox(body, 'tfdt');
  const t = tfdt && payloadOf(tfdt);
  const baseDecodeTime = !t ? 0 : t[0] === 1 ? Number(t.readBigUInt64BE(4)) : t.readUInt32BE(4);

  let duration = 0;
  let samples = 0;
  let firstFlags: number | undefined;
  for (const trun of childBoxes(body).filter((b) => b.type === 'trun')) {
    const r = readTrun(payloadOf(trun), defaultDuration, defaultFlags);
    duration += r.duration;
    if (samples === 0) firstFlags = r.firstFlags;
    samples += r.samples;
  }
  return { trackId: tfhd.readUInt32BE(4), baseDecodeTime, duration, samples, startsWithKeyframe: firstFlags !== undefined && !(firstFlags & NON_SYNC_SAMPLE) };
}

function readTrun(trun: Buffer, defaultDuration: number, defaultFlags: number): { duration: number; samples: number; firstFlags: number | undefined } {
  const flags = trun.readUInt32BE(0) & 0xffffff;
  const count = trun.readUInt32BE(4);
  let at = 8;
  if (flags & 0x1) at += 4; // data-offset
  const firstSampleFlags = flags & 0x4 ? trun.readUInt32BE(at) : undefined;
  if (flags & 0x4) at += 4;
  const fields = [0x100, 0x200, 0x400, 0x800].filter((f) => flags & f);
  let duration = 0;
  let firstFlags: number | undefined;
  for (let i = 0; i < count; i += 1) {
    let sampleDuration = defaultDuration;
    let sampleFlags = i === 0 && firstSampleFlags !== undefined ? firstSampleFlags : defaultFlags;
    for (const f of fields) {
      const value = trun.readUInt32BE(at);
      at += 4;
      if (f === 0x100) sampleDuration = value;
      if (f === 0x400 && !(i === 0 && firstSampleFlags !== undefined)) sampleFlags = value;
    }
    duration += sampleDuration;
    if (i === 0) firstFlags = sampleFlags;
  }
  return { duration, samples: count, firstFlags };
}
