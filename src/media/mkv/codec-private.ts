// A Matroska track's RFC 6381 codec string from its CodecID and CodecPrivate, with the same
// formatters as MP4 (the CodecPrivate of these codecs is the MP4 configuration record itself).
// Matroska codec mappings: https://www.matroska.org/technical/codec_specs.html
import { av1CodecString, avcCodecString, hevcCodecString, vp9CodecStringOf } from '../mp4/codec-config.js';

export interface CodecFacts {
  codecString?: string;
  profileIdc?: number;
  levelIdc?: number;
  bitDepth?: number;
}

/**
 * VP9's CodecPrivate (codec_specs "V_VP9", after the WebM Project's "VP Codec ISO Media File
 * Format Binding" feature metadata): ID (1 byte), length (1 byte), value, repeated; 1 profile,
 * 2 level, 3 bit depth, 4 chroma subsampling. Each feature may be absent (ffmpeg 5.1 writes none).
 */
export function vp9Features(data: Buffer): { profile?: number; level?: number; bitDepth?: number; chromaSubsampling?: number } {
  const names: Record<number, 'profile' | 'level' | 'bitDepth' | 'chromaSubsampling'> = { 1: 'profile', 2: 'level', 3: 'bitDepth', 4: 'chromaSubsampling' };
  const features: { profile?: number; level?: number; bitDepth?: number; chromaSubsampling?: number } = {};
  for (let at = 0; at + 2 <= data.length; ) {
    const id = data[at]!;
    const length = data[at + 1]!;
    if (at + 2 + length > data.length) break;
    const name = names[id];
    if (name && length === 1) features[name] = data[at + 2]!;
    at += 2 + length;
  }
  return features;
}

// AVCDecoderConfigurationRecord starts with configurationVersion 1 (ISO/IEC 14496-15 §5.3.3.1),
// HEVCDecoderConfigurationRecord too (§8.3.3.1, 23 bytes before its arrays), av1C with marker 1 and
// version 1 (0x81).
const isAvcC = (d: Buffer) => d.length >= 4 && d[0] === 1;
const isHvcC = (d: Buffer) => d.length >= 23 && d[0] === 1;
const isAv1C = (d: Buffer) => d.length >= 4 && d[0] === 0x81;

/**
 * HEVC in Matroska keeps its parameter sets in CodecPrivate, as an hvc1 sample entry does, so
 * players name it hvc1; hev1 (parameter sets in band) when the record carries no arrays.
 */
function hevcEntry(hvcC: Buffer): 'hvc1' | 'hev1' {
  return hvcC[22]! > 0 ? 'hvc1' : 'hev1';
}

export function codecFromPrivate(codecId: string, data: Buffer | undefined): CodecFacts {
  switch (codecId) {
    case 'V_MPEG4/ISO/AVC': {
      if (!data || !isAvcC(data)) return {};
      const { codec, profileIdc, levelIdc } = avcCodecString('avc1', data);
      return { codecString: codec, profileIdc, levelIdc };
    }
    case 'V_MPEGH/ISO/HEVC': {
      if (!data || !isHvcC(data)) return {};
      const { codec, profileIdc, levelIdc } = hevcCodecString(hevcEntry(data), data);
      return { codecString: codec, profileIdc, levelIdc };
    }
    case 'V_AV1': {
      if (!data || !isAv1C(data)) return {};
      const { codec, profile, level, bitDepth } = av1CodecString(data);
      return { codecString: codec, profileIdc: profile, levelIdc: level, bitDepth };
    }
    case 'V_VP9': {
      const f = data ? vp9Features(data) : {};
      const known = { profileIdc: f.profile, levelIdc: f.level, bitDepth: f.bitDepth };
      if (f.profile === undefined || f.level === undefined || f.bitDepth === undefined) return known;
      return { codecString: vp9CodecStringOf(f.profile, f.level, f.bitDepth), ...known };
    }
    case 'V_VP8':
      return { codecString: 'vp8' };
    case 'A_AAC': {
      // AudioSpecificConfig: the 5-bit audio object type, 31 = escape (ISO/IEC 14496-3 §1.6.2.1).
      if (!data || data.length < 2) return {};
      let aot = data[0]! >> 3;
      if (aot === 31) aot = 32 + (((data[0]! & 0x07) << 3) | (data[1]! >> 5));
      return { codecString: `mp4a.40.${aot}` };
    }
    default:
      return AUDIO[codecId] ? { codecString: AUDIO[codecId] } : {};
  }
}

// Short names MSE and RFC 6381's registrations use for the rest.
const AUDIO: Record<string, string> = { A_OPUS: 'opus', A_VORBIS: 'vorbis', A_FLAC: 'flac', 'A_MPEG/L3': 'mp3', A_AC3: 'ac-3', A_EAC3: 'ec-3' };
