// Codec strings for streams outside MP4, from the caps: the configuration record in codec_data
// when the container carries one (Matroska's CodecPrivate), VP9's vp09.PP.LL.DD from the caps'
// profile and bit depth with the level the picture size and rate need, else the short names MSE
// accepts.
import { av1CodecString, avcCodecString, hevcCodecString, vp9CodecStringOf, vp9Level } from '../../media/mp4/codec-config.js';

interface CapsFacts {
  codecData?: string;
  streamFormat?: string;
  /** VP9: the caps' profile ("0"–"3"), bit depth, size and rate. */
  profile?: string;
  depth?: number;
  width?: number;
  height?: number;
  fps?: number;
}

/** What the container itself said (Matroska's VP9 CodecPrivate may carry any of the three). */
interface KnownFromContainer {
  profileIdc?: number;
  levelIdc?: number;
  bitDepth?: number;
}

const SHORT: Record<string, string> = { vp8: 'vp8', vp9: 'vp9', opus: 'opus', vorbis: 'vorbis', flac: 'flac', mp3: 'mp3', ac3: 'ac-3', eac3: 'ec-3' };

// VP9 profiles 0 and 1 are 8-bit only (VP9 bitstream specification §7.2, color_config).
function vp9FromCaps(caps: CapsFacts, known: KnownFromContainer): string | undefined {
  const capsProfile = caps.profile !== undefined && /^[0-3]$/.test(caps.profile) ? Number(caps.profile) : undefined;
  const profile = known.profileIdc ?? capsProfile;
  if (profile === undefined) return undefined;
  const bitDepth = known.bitDepth ?? caps.depth ?? (profile < 2 ? 8 : undefined);
  const level = known.levelIdc ?? vp9Level(caps.width ?? 0, caps.height ?? 0, caps.fps ?? 0);
  return bitDepth !== undefined && level > 0 ? vp9CodecStringOf(profile, level, bitDepth) : undefined;
}

export function codecStringFromCaps(codec: string, caps: CapsFacts, known: KnownFromContainer = {}): string | undefined {
  const data = caps.codecData && /^[0-9a-f]+$/i.test(caps.codecData) ? Buffer.from(caps.codecData, 'hex') : undefined;
  if (data && data.length >= 4) {
    if (codec === 'h264') return avcCodecString('avc1', data).codec;
    if (codec === 'h265' && data.length >= 13) return hevcCodecString(caps.streamFormat === 'hev1' ? 'hev1' : 'hvc1', data).codec;
    if (codec === 'av1') return av1CodecString(data).codec;
  }
  if (codec === 'vp9') return vp9FromCaps(caps, known) ?? SHORT.vp9;
  // AAC's AudioSpecificConfig starts with the 5-bit audio object type (ISO/IEC 14496-3 §1.6.2.1).
  if (codec === 'aac' && data && data.length >= 2) return `mp4a.40.${data[0]! >> 3}`;
  return SHORT[codec];
}
