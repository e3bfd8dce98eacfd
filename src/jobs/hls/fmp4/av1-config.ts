// AV1 in fMP4: the AV1CodecConfigurationRecord (av1C) of the sample entry, made from the stream's sequence
// header OBU. GStreamer 1.22's mp4mux writes an av1C of zeros when the caps carry no codec_data (av1parse gives
// none), and players refuse it (Chromium: "Unsupported av1C: marker unset"); the packager puts this one in its
// place. Layouts: AV1 bitstream spec §5.3 (OBUs), §5.5 (sequence header); AV1-ISOBMFF §2.3 (av1C).
import { payloadOf, rewriteBox, type Box, type PathStep } from './boxes.js';
import type { Av1CodecFields } from '../codecs-string.js';

/** What av1C and the CODECS string say about a stream, read from its sequence header (the CODECS fields). */
export interface Av1SequenceInfo extends Av1CodecFields {
  bitDepth: 8 | 10 | 12;
}

const OBU_SEQUENCE_HEADER = 1;

class BitReader {
  private bit = 0;
  constructor(private readonly data: Buffer) {}

  f(n: number): number {
    let value = 0;
    for (let i = 0; i < n; i += 1) {
      const byte = this.data[this.bit >> 3];
      if (byte === undefined) throw new Error('AV1 sequence header cut short');
      value = value * 2 + ((byte >> (7 - (this.bit & 7))) & 1);
      this.bit += 1;
    }
    return value;
  }

  flag(): boolean {
    return this.f(1) === 1;
  }

  // Variable-length unsigned (§4.10.3): leading zeros, then that many bits.
  uvlc(): number {
    let zeros = 0;
    while (this.f(1) === 0) {
      zeros += 1;
      if (zeros >= 32) return 2 ** 32 - 1;
    }
    return this.f(zeros) + 2 ** zeros - 1;
  }
}

// leb128 (§4.10.5): the value and how many bytes it took.
function leb128(data: Buffer, at: number): [value: number, length: number] {
  let value = 0;
  for (let i = 0; i < 8; i += 1) {
    const byte = data[at + i];
    if (byte === undefined) throw new Error('AV1 OBU size cut short');
    value += (byte & 0x7f) * 2 ** (7 * i);
    if (!(byte & 0x80)) return [value, i + 1];
  }
  throw new Error('AV1 OBU size too long');
}

/** The first sequence header OBU among `data`'s OBUs (a sample: a temporal unit), whole and its payload. */
export function findSequenceHeader(data: Buffer): { obu: Buffer; payload: Buffer } | undefined {
  for (let at = 0; at < data.length; ) {
    const header = data[at]!;
    const type = (header >> 3) & 0x0f;
    const extension = (header >> 2) & 1;
    const hasSize = (header >> 1) & 1;
    const headerLength = 1 + extension;
    if (!hasSize) {
      // Without a size field an OBU runs to the end of the sample.
      return type === OBU_SEQUENCE_HEADER ? { obu: data.subarray(at), payload: data.subarray(at + headerLength) } : undefined;
    }
    const [size, sizeLength] = leb128(data, at + headerLength);
    const start = at + headerLength + sizeLength;
    if (type === OBU_SEQUENCE_HEADER) return { obu: data.subarray(at, start + size), payload: data.subarray(start, start + size) };
    at = start + size;
  }
  return undefined;
}

// sequence_header_obu() up to color_config() (§5.5.1–§5.5.2): the fields av1C and the CODECS string need.
export function parseSequenceHeader(payload: Buffer): Av1SequenceInfo {
  const r = new BitReader(payload);
  const profile = r.f(3);
  r.f(1); // still_picture
  const reduced = r.flag();
  let level: number;
  let tier = 0;
  if (reduced) {
    level = r.f(5);
  } else {
    let decoderModelInfo = false;
    let bufferDelayLength = 0;
    if (r.flag()) {
      // timing_info()
      r.f(32);
      r.f(32);
      if (r.flag()) r.uvlc();
      decoderModelInfo = r.flag();
      if (decoderModelInfo) {
        bufferDelayLength = r.f(5) + 1;
        r.f(32);
        r.f(5);
        r.f(5);
      }
    }
    const initialDisplayDelay = r.flag();
    const operatingPoints = r.f(5) + 1;
    level = 0;
    for (let i = 0; i < operatingPoints; i += 1) {
      r.f(12); // operating_point_idc
      const opLevel = r.f(5);
      const opTier = opLevel > 7 ? r.f(1) : 0;
      if (i === 0) [level, tier] = [opLevel, opTier];
      if (decoderModelInfo && r.flag()) {
        r.f(bufferDelayLength);
        r.f(bufferDelayLength);
        r.f(1);
      }
      if (initialDisplayDelay && r.flag()) r.f(4);
    }
  }
  const widthBits = r.f(4) + 1;
  const heightBits = r.f(4) + 1;
  r.f(widthBits);
  r.f(heightBits);
  if (!reduced && r.flag()) {
    // frame_id_numbers_present_flag
    r.f(4);
    r.f(3);
  }
  r.f(3); // use_128x128_superblock, enable_filter_intra, enable_intra_edge_filter
  if (!reduced) {
    r.f(4); // enable_interintra_compound, enable_masked_compound, enable_warped_motion, enable_dual_filter
    const orderHint = r.flag();
    if (orderHint) r.f(2); // enable_jnt_comp, enable_ref_frame_mvs
    const forceScreenContent = r.flag() ? 2 : r.f(1);
    if (forceScreenContent > 0 && !r.flag()) r.f(1); // seq_choose_integer_mv, else seq_force_integer_mv
    if (orderHint) r.f(3);
  }
  r.f(3); // enable_superres, enable_cdef, enable_restoration
  return { profile, level, tier, ...colorConfig(r, profile) };
}

// color_config() (§5.5.2).
function colorConfig(r: BitReader, profile: number): Omit<Av1SequenceInfo, 'profile' | 'level' | 'tier'> {
  const high = r.flag();
  const bitDepth = profile === 2 && high ? (r.flag() ? 12 : 10) : high ? 10 : 8;
  const monochrome = profile === 1 ? false : r.flag();
  let [colorPrimaries, transferCharacteristics, matrixCoefficients] = [2, 2, 2];
  if (r.flag()) [colorPrimaries, transferCharacteristics, matrixCoefficients] = [r.f(8), r.f(8), r.f(8)];
  const colors = { colorPrimaries, transferCharacteristics, matrixCoefficients };
  if (monochrome) return { bitDepth, monochrome, subsamplingX: 1, subsamplingY: 1, chromaSamplePosition: 0, ...colors, fullRange: r.flag() };
  // sRGB in BT.709 primaries with the identity matrix: 4:4:4, full range, nothing more written.
  if (colorPrimaries === 1 && transferCharacteristics === 13 && matrixCoefficients === 0) {
    return { bitDepth, monochrome, subsamplingX: 0, subsamplingY: 0, chromaSamplePosition: 0, ...colors, fullRange: true };
  }
  const fullRange = r.flag();
  let subsamplingX = 1;
  let subsamplingY = 1;
  if (profile === 1) [subsamplingX, subsamplingY] = [0, 0];
  else if (profile === 2) {
    if (bitDepth === 12) {
      subsamplingX = r.f(1);
      subsamplingY = subsamplingX ? r.f(1) : 0;
    } else [subsamplingX, subsamplingY] = [1, 0];
  }
  const chromaSamplePosition = subsamplingX && subsamplingY ? r.f(2) : 0;
  return { bitDepth, monochrome, subsamplingX, subsamplingY, chromaSamplePosition, ...colors, fullRange };
}

/** The av1C box (header included) for a stream: its four fixed bytes, then the sequence header OBU. */
export function av1ConfigBox(info: Av1SequenceInfo, sequenceHeaderObu: Buffer): Buffer {
  const fixed = Buffer.from([
    0x81, // marker 1, version 1
    (info.profile << 5) | info.level,
    (info.tier << 7) | ((info.bitDepth > 8 ? 1 : 0) << 6) | ((info.bitDepth === 12 ? 1 : 0) << 5) | ((info.monochrome ? 1 : 0) << 4)
      | (info.subsamplingX << 3) | (info.subsamplingY << 2) | info.chromaSamplePosition,
    0, // no initial_presentation_delay
  ]);
  const body = Buffer.concat([fixed, sequenceHeaderObu]);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write('av1C', 4, 'latin1');
  return Buffer.concat([header, body]);
}

/** An av1C whose marker bit is set (AV1-ISOBMFF requires marker 1, version 1): usable as written. */
export function isValidAv1Config(payload: Buffer): boolean {
  return payload.length >= 4 && payload[0] === 0x81;
}

/** The fields of a (valid) av1C's four fixed bytes, with the colour read from its sequence header when it carries one. */
export function readAv1Config(payload: Buffer): Av1SequenceInfo {
  const seq = findSequenceHeader(payload.subarray(4));
  if (seq) return parseSequenceHeader(seq.payload);
  const [, b1, b2] = payload;
  const high = (b2! >> 6) & 1;
  return {
    profile: b1! >> 5, level: b1! & 0x1f, tier: b2! >> 7, bitDepth: (b2! >> 5) & 1 ? 12 : high ? 10 : 8, monochrome: ((b2! >> 4) & 1) === 1,
    subsamplingX: (b2! >> 3) & 1, subsamplingY: (b2! >> 2) & 1, chromaSamplePosition: b2! & 3,
    colorPrimaries: 2, transferCharacteristics: 2, matrixCoefficients: 2, fullRange: false,
  };
}

// Where the av1C sits in a moov: trak → mdia → minf → stbl → stsd (entries after version/flags and a count)
// → av01 (a visual sample entry: 78 bytes of fixed fields, then its boxes) → av1C.
const AV1C_PATH: PathStep[] = [{ type: 'trak' }, { type: 'mdia' }, { type: 'minf' }, { type: 'stbl' }, { type: 'stsd', childrenAt: 8 }, { type: 'av01', childrenAt: 78 }, { type: 'av1C' }];

/** Whether an av01 sample entry in this moov has an av1C without its marker (the stream must complete it). */
export function needsAv1Config(moov: Box): boolean {
  let needed = false;
  rewriteBox(moov, 0, AV1C_PATH, (old) => {
    if (!isValidAv1Config(payloadOf(old))) needed = true;
    return old.bytes;
  });
  return needed;
}

/** The moov with its av1C made from the stream's first sequence header OBU (found in `mediaData`, a fragment's samples). */
export function withAv1Config(moov: Box, mediaData: Buffer): Box {
  const seq = findSequenceHeader(mediaData);
  if (!seq) throw new Error('the first AV1 fragment carries no sequence header');
  const av1C = av1ConfigBox(parseSequenceHeader(seq.payload), seq.obu);
  return { type: 'moov', bytes: rewriteBox(moov, 0, AV1C_PATH, () => av1C), headerSize: 8 };
}
