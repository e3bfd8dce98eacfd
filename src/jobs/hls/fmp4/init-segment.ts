// The init segment (ftyp + moov): each track's id, kind, timescale and RFC 6381 codec string, read from the
// sample entries the muxer really wrote (avcC, hvcC, vpcC, av1C, esds), for EXT-X-STREAM-INF CODECS.
import { av1CodecString, avcCodecString, hevcCodecString, vp9CodecString } from '../codecs-string.js';
import { isValidAv1Config, readAv1Config } from './av1-config.js';
import { childBoxes, findBox, payloadOf, type Box } from './boxes.js';

export interface TrackInfo {
  id: number;
  kind: 'video' | 'audio' | 'other';
  timescale: number;
  /** avc1.640028, hvc1.1.6.L93.B0, vp09.00.10.08, av01.0.04M.08, mp4a.40.2…; undefined for a sample entry we cannot read. */
  codec: string | undefined;
}

export function readInitTracks(moov: Box): TrackInfo[] {
  return childBoxes(payloadOf(moov))
    .filter((b) => b.type === 'trak')
    .map((trak) => {
      const body = payloadOf(trak);
      const tkhd = payloadOf(findBox(body, 'tkhd')!);
      const mdhd = payloadOf(findBox(body, 'mdia', 'mdhd')!);
      const handler = payloadOf(findBox(body, 'mdia', 'hdlr')!).toString('latin1', 8, 12);
      const stsd = findBox(body, 'mdia', 'minf', 'stbl', 'stsd');
      return {
        // tkhd/mdhd version 1 carries 64-bit times before the fields we read.
        id: tkhd.readUInt32BE(tkhd[0] === 1 ? 20 : 12),
        timescale: mdhd.readUInt32BE(mdhd[0] === 1 ? 20 : 12),
        kind: handler === 'vide' ? 'video' : handler === 'soun' ? 'audio' : 'other',
        codec: stsd ? sampleEntryCodec(payloadOf(stsd)) : undefined,
      } satisfies TrackInfo;
    });
}

// stsd: version/flags, entry count, then sample entries; the first one names the codec.
function sampleEntryCodec(stsd: Buffer): string | undefined {
  const entry = childBoxes(stsd.subarray(8))[0];
  if (!entry) return undefined;
  // The configuration box follows fixed fields whose length depends on the entry kind and version:
  // finding it by its type inside the entry avoids hard-coding each layout.
  const config = (type: string): Buffer | undefined => {
    const at = entry.bytes.indexOf(type, 8, 'latin1');
    if (at < 4) return undefined;
    const size = entry.bytes.readUInt32BE(at - 4);
    return entry.bytes.subarray(at + 4, at - 4 + size);
  };
  if (entry.type === 'avc1' || entry.type === 'avc3') {
    const avcC = config('avcC');
    return avcC && `${entry.type}${avcCodecString({ profileIdc: avcC[1]!, constraintFlags: avcC[2]!, levelIdc: avcC[3]! }).slice(4)}`;
  }
  if (entry.type === 'hvc1' || entry.type === 'hev1') {
    const hvcC = config('hvcC');
    if (!hvcC) return undefined;
    return hevcCodecString({
      profileSpace: hvcC[1]! >> 6, tier: (hvcC[1]! >> 5) & 1, profileIdc: hvcC[1]! & 0x1f,
      compatibilityFlags: hvcC.readUInt32BE(2), constraintBytes: [...hvcC.subarray(6, 12)], levelIdc: hvcC[12]!,
    }, entry.type);
  }
  if (entry.type === 'vp09') {
    // A full box: version and flags first.
    const vpcC = config('vpcC');
    if (!vpcC || vpcC.length < 12 || vpcC[0] !== 1) return undefined;
    return vp9CodecString({
      profile: vpcC[4]!, level: vpcC[5]!, bitDepth: vpcC[6]! >> 4, chromaSubsampling: (vpcC[6]! >> 1) & 7, fullRange: (vpcC[6]! & 1) === 1,
      colourPrimaries: vpcC[7]!, transferCharacteristics: vpcC[8]!, matrixCoefficients: vpcC[9]!,
    });
  }
  if (entry.type === 'av01') {
    // An av1C without its marker bit (GStreamer 1.22's mp4mux without codec_data) says nothing: the packager
    // replaces it before the init segment is written (fmp4/av1-config.ts).
    const av1C = config('av1C');
    return av1C && isValidAv1Config(av1C) ? av1CodecString(readAv1Config(av1C)) : undefined;
  }
  if (entry.type === 'mp4a') {
    const esds = config('esds');
    const objectType = esds && audioObjectType(esds.subarray(4));
    return objectType ? `mp4a.40.${objectType}` : 'mp4a.40.2';
  }
  if (entry.type === 'Opus') return 'opus';
  return entry.type;
}

// ES_Descriptor (3) → DecoderConfigDescriptor (4) → DecoderSpecificInfo (5): the AudioSpecificConfig's first 5 bits.
function audioObjectType(descriptors: Buffer): number | undefined {
  let offset = 0;
  while (offset < descriptors.length) {
    const tag = descriptors[offset]!;
    let length = 0;
    let i = offset + 1;
    for (let n = 0; n < 4; n += 1, i += 1) {
      length = (length << 7) | (descriptors[i]! & 0x7f);
      if (!(descriptors[i]! & 0x80)) break;
    }
    const body = i + 1;
    if (tag === 5) return descriptors[body]! >> 3;
    // ES_Descriptor: ES_ID (2) + flags (1); DecoderConfigDescriptor: 13 fixed bytes; then their children.
    offset = tag === 3 ? body + 3 : tag === 4 ? body + 13 : body + length;
  }
  return undefined;
}
