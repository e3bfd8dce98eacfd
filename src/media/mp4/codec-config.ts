// RFC 6381 codec strings ("avc1.64001F", "hvc1.1.6.L93.B0", "vp09.00.31.08", "av01.0.05M.08",
// "mp4a.40.2") from a sample entry's decoder configuration box, as MSE's isTypeSupported and HLS
// CODECS attributes take them. The layouts are cited per function.

const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');
const dec2 = (n: number): string => String(n).padStart(2, '0');

// avcC (ISO/IEC 14496-15 §5.3.3.1): version, AVCProfileIndication, profile_compatibility,
// AVCLevelIndication; RFC 6381 §3.3: "avc1." + those three bytes in hex.
export function avcCodecString(entry: string, avcC: Buffer): { codec: string; profileIdc: number; levelIdc: number } {
  return { codec: `${entry}.${hex2(avcC[1]!)}${hex2(avcC[2]!)}${hex2(avcC[3]!)}`, profileIdc: avcC[1]!, levelIdc: avcC[3]! };
}

function reverseBits32(n: number): number {
  let r = 0;
  for (let i = 0; i < 32; i++) r = (r << 1) | ((n >>> i) & 1);
  return r >>> 0;
}

// hvcC (ISO/IEC 14496-15 §8.3.3.1) and its codec string (same standard, Annex E.3):
// <entry>.<space letter><profile_idc>.<compatibility flags, bit-reversed, hex>.<L|H><level_idc>.<constraint bytes, trailing zeros dropped>
export function hevcCodecString(entry: string, hvcC: Buffer): { codec: string; profileIdc: number; levelIdc: number; tier: 'main' | 'high' } {
  const space = hvcC[1]! >> 6;
  const highTier = (hvcC[1]! >> 5) & 1;
  const profileIdc = hvcC[1]! & 0x1f;
  const compat = reverseBits32(hvcC.readUInt32BE(2)).toString(16).toUpperCase();
  const constraints = [...hvcC.subarray(6, 12)];
  while (constraints.length > 0 && constraints[constraints.length - 1] === 0) constraints.pop();
  const levelIdc = hvcC[12]!;
  const parts = [entry, `${['', 'A', 'B', 'C'][space]}${profileIdc}`, compat, `${highTier ? 'H' : 'L'}${levelIdc}`, ...constraints.map(hex2)];
  return { codec: parts.join('.'), profileIdc, levelIdc, tier: highTier ? 'high' : 'main' };
}

// vpcC (VP Codec ISO Media File Format Binding §2.2, a FullBox): profile, level,
// bitDepth(4)|chromaSubsampling(3)|fullRange(1); codec string §5: vp09.PP.LL.DD.
export function vp9CodecString(vpcC: Buffer): { codec: string; profile: number; level: number; bitDepth: number } {
  const profile = vpcC[4]!;
  const level = vpcC[5]!;
  const bitDepth = vpcC[6]! >> 4;
  return { codec: vp9CodecStringOf(profile, level, bitDepth), profile, level, bitDepth };
}

// The full vp09.PP.LL.DD string from its three numbers, wherever they came from (vpcC, Matroska's
// CodecPrivate, or the caps and vp9Level below).
export const vp9CodecStringOf = (profile: number, level: number, bitDepth: number): string => `vp09.${dec2(profile)}.${dec2(level)}.${dec2(bitDepth)}`;

// VP9's levels ("VP9 Levels and Decoder Testing", webmproject.org/vp9/levels): the smallest level
// whose luma picture size and luma sample rate (size x frame rate) the stream fits, as ffmpeg's
// muxers derive it when the encoder did not say (libavformat/vpcc.c get_vp9_level): 10 = 1.0,
// 11 = 1.1, … 62 = 6.2; 0 when the picture is empty or larger than level 6.2.
const VP9_LEVELS: Array<[level: number, maxSampleRate: number, maxPictureSize: number]> = [
  [10, 829_440, 36_864], [11, 2_764_800, 73_728], [20, 4_608_000, 122_880], [21, 9_216_000, 245_760],
  [30, 20_736_000, 552_960], [31, 36_864_000, 983_040], [40, 83_558_400, 2_228_224], [41, 160_432_128, 2_228_224],
  [50, 311_951_360, 8_912_896], [51, 588_251_136, 8_912_896], [52, 1_176_502_272, 8_912_896],
  [60, 1_176_502_272, 35_651_584], [61, 2_353_004_544, 35_651_584], [62, 4_706_009_088, 35_651_584],
];

export function vp9Level(width: number, height: number, fps: number): number {
  const pictureSize = width * height;
  // ffmpeg truncates the sample rate to an integer; an unknown rate (0) judges the size alone.
  const sampleRate = Math.floor(pictureSize * (fps > 0 ? fps : 0));
  if (pictureSize <= 0) return 0;
  return VP9_LEVELS.find(([, rate, size]) => sampleRate <= rate && pictureSize <= size)?.[0] ?? 0;
}

// av1C (AV1 Codec ISO Media File Format Binding §2.3.3): marker|version, seq_profile(3)|seq_level_idx_0(5),
// seq_tier_0|high_bitdepth|twelve_bit|…; codec string (same document, "Codecs Parameter String"): av01.P.LLT.DD.
export function av1CodecString(av1C: Buffer): { codec: string; profile: number; level: number; bitDepth: number } {
  const profile = av1C[1]! >> 5;
  const level = av1C[1]! & 0x1f;
  const tier = av1C[2]! >> 7 ? 'H' : 'M';
  const bitDepth = (av1C[2]! >> 6) & 1 ? ((av1C[2]! >> 5) & 1 ? 12 : 10) : 8;
  return { codec: `av01.${profile}.${dec2(level)}${tier}.${dec2(bitDepth)}`, profile, level, bitDepth };
}

// An MPEG-4 descriptor's length: up to four bytes, seven bits each, high bit = more (ISO/IEC 14496-1 §8.3.3).
function descriptor(buf: Buffer, at: number): { tag: number; body: number; end: number } | undefined {
  if (at >= buf.length) return undefined;
  const tag = buf[at]!;
  let length = 0;
  let i = at + 1;
  for (let n = 0; n < 4 && i < buf.length; n++) {
    const b = buf[i++]!;
    length = (length << 7) | (b & 0x7f);
    if (!(b & 0x80)) break;
  }
  return { tag, body: i, end: i + length };
}

// esds (ISO/IEC 14496-14 §3.1.2, a FullBox): ES_Descriptor(0x03) → DecoderConfigDescriptor(0x04)
// → objectTypeIndication, then DecoderSpecificInfo(0x05) whose first 5 bits are the audio object
// type (31 = escape: 32 + the next 6 bits). RFC 6381 §3.3: mp4a.<OTI hex>[.<AOT decimal>].
export function mp4aCodecString(esds: Buffer): { codec: string; objectType: number; audioObjectType?: number } | undefined {
  const es = descriptor(esds, 4);
  if (!es || es.tag !== 0x03) return undefined;
  const flags = esds[es.body + 2]!;
  let at = es.body + 3;
  if (flags & 0x80) at += 2; // dependsOn_ES_ID
  if (flags & 0x40) at += 1 + esds[at]!; // URL
  if (flags & 0x20) at += 2; // OCR_ES_Id
  const config = descriptor(esds, at);
  if (!config || config.tag !== 0x04) return undefined;
  const objectType = esds[config.body]!;
  const specific = descriptor(esds, config.body + 13);
  if (objectType !== 0x40 || !specific || specific.tag !== 0x05) return { codec: `mp4a.${hex2(objectType)}`, objectType };
  let aot = esds[specific.body]! >> 3;
  if (aot === 31) aot = 32 + (((esds[specific.body]! & 0x07) << 3) | (esds[specific.body + 1]! >> 5));
  return { codec: `mp4a.40.${aot}`, objectType, audioObjectType: aot };
}
