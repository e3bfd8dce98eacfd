// Facts about an MP4/MOV file that gst-discoverer-1.0 does not give, read from its boxes without
// decoding: where moov is (fast start), each track's sample entry (hvc1 vs hev1), its RFC 6381
// codec string, keyframe spacing from the sync-sample table, B-frames from composition offsets
// and a variable frame rate from the decode-time table.
import { open } from 'node:fs/promises';
import { child, childBoxes, path, topLevelBoxes, type Box } from './boxes.js';
import { av1CodecString, avcCodecString, hevcCodecString, mp4aCodecString, vp9CodecString } from './codec-config.js';
import { sampleTables, type SampleFacts } from './sample-tables.js';

export interface Mp4Track {
  kind: 'video' | 'audio' | 'other';
  /** The sample entry's four-character code: avc1, avc3, hvc1, hev1, vp09, av01, mp4a, Opus, ac-3… */
  sampleEntry: string;
  /** RFC 6381 codec string, when the entry's configuration box is understood. */
  codecString?: string;
  /** Profile and level numbers as the configuration box carries them. */
  profileIdc?: number;
  levelIdc?: number;
  samples: SampleFacts;
}

export interface Mp4Facts {
  /** moov precedes mdat: a player can start before the whole file has arrived. */
  fastStart: boolean;
  /** Movie fragments (moof): a fragmented MP4, as MSE and HLS fMP4 use. */
  fragmented: boolean;
  topLevel: string[];
  tracks: Mp4Track[];
}

// moov is small (sample tables), but refuse absurd sizes rather than read them into memory.
const MAX_MOOV_BYTES = 256 * 1024 * 1024;

export async function readMp4(file: string): Promise<Mp4Facts | undefined> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const boxes = await topLevelBoxes(handle, size);
    const moov = boxes.find((b) => b.type === 'moov');
    if (!moov || moov.end - moov.start > MAX_MOOV_BYTES) return undefined;
    const buf = Buffer.alloc(moov.end - moov.start);
    await handle.read(buf, 0, buf.length, moov.start);
    const root: Box = { type: 'moov', start: 0, body: moov.body - moov.start, end: buf.length };
    const mdat = boxes.findIndex((b) => b.type === 'mdat');
    return {
      fastStart: mdat === -1 || boxes.indexOf(moov) < mdat,
      fragmented: boxes.some((b) => b.type === 'moof'),
      topLevel: boxes.map((b) => b.type),
      tracks: childBoxes(buf, root.body, root.end).filter((b) => b.type === 'trak').map((trak) => readTrack(buf, trak)),
    };
  } finally {
    await handle.close();
  }
}

function readTrack(buf: Buffer, trak: Box): Mp4Track {
  const hdlr = path(buf, trak, ['mdia', 'hdlr']);
  const handler = hdlr ? buf.toString('latin1', hdlr.body + 8, hdlr.body + 12) : '';
  const kind = handler === 'vide' ? 'video' : handler === 'soun' ? 'audio' : 'other';
  const stbl = path(buf, trak, ['mdia', 'minf', 'stbl']);
  const stsd = stbl && child(buf, stbl, 'stsd');
  // stsd is a FullBox with an entry count; the first entry describes the track.
  const entry = stsd ? childBoxes(buf, stsd.body + 8, stsd.end)[0] : undefined;
  const described = entry ? describeEntry(buf, entry, kind) : {};
  return { kind, sampleEntry: entry?.type ?? '', ...described, samples: sampleTables(buf, stbl) };
}

// Where a sample entry's child boxes start: after the visual (78 bytes) or audio sample entry
// fields (28, plus 16 or 36 for QuickTime sound description versions 1 and 2) (ISO/IEC 14496-12 §12.1.3, §12.2.3).
function entryChildrenOffset(buf: Buffer, entry: Box, kind: Mp4Track['kind']): number {
  if (kind === 'video') return 78;
  const version = buf.readUInt16BE(entry.body + 8);
  return 28 + (version === 1 ? 16 : version === 2 ? 36 : 0);
}

function describeEntry(buf: Buffer, entry: Box, kind: Mp4Track['kind']): Pick<Mp4Track, 'codecString' | 'profileIdc' | 'levelIdc'> {
  const box = (type: string) => {
    const b = child(buf, entry, type, entryChildrenOffset(buf, entry, kind));
    return b && buf.subarray(b.body, b.end);
  };
  switch (entry.type) {
    case 'avc1':
    case 'avc3': {
      const c = box('avcC');
      return c ? named(avcCodecString(entry.type, c)) : {};
    }
    case 'hvc1':
    case 'hev1': {
      const c = box('hvcC');
      return c ? named(hevcCodecString(entry.type, c)) : {};
    }
    case 'vp09': {
      const c = box('vpcC');
      return c ? (({ codec, profile, level }) => ({ codecString: codec, profileIdc: profile, levelIdc: level }))(vp9CodecString(c)) : {};
    }
    case 'av01': {
      const c = box('av1C');
      return c ? (({ codec, profile, level }) => ({ codecString: codec, profileIdc: profile, levelIdc: level }))(av1CodecString(c)) : {};
    }
    case 'mp4a': {
      const c = box('esds');
      const s = c && mp4aCodecString(c);
      return s ? { codecString: s.codec } : {};
    }
    // RFC 6381 §3.3 leaves these to their own registrations: Opus in ISOBMFF §4.3, ETSI TS 102 366 Annex F.
    case 'Opus':
      return { codecString: 'opus' };
    case 'ac-3':
    case 'ec-3':
    case 'fLaC':
      return { codecString: entry.type === 'fLaC' ? 'flac' : entry.type };
    default:
      return {};
  }
}

const named = ({ codec, profileIdc, levelIdc }: { codec: string; profileIdc: number; levelIdc: number }) => ({ codecString: codec, profileIdc, levelIdc });
