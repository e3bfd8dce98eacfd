// Codec strings for streams outside MP4, from the caps: the configuration record in codec_data
// when the container carries one (Matroska's CodecPrivate), else the short names MSE accepts.
import { av1CodecString, avcCodecString, hevcCodecString } from '../../media/mp4/codec-config.js';

interface CapsFacts {
  codecData?: string;
  streamFormat?: string;
}

const SHORT: Record<string, string> = { vp8: 'vp8', vp9: 'vp9', opus: 'opus', vorbis: 'vorbis', flac: 'flac', mp3: 'mp3', ac3: 'ac-3', eac3: 'ec-3' };

export function codecStringFromCaps(codec: string, caps: CapsFacts): string | undefined {
  const data = caps.codecData && /^[0-9a-f]+$/i.test(caps.codecData) ? Buffer.from(caps.codecData, 'hex') : undefined;
  if (data && data.length >= 4) {
    if (codec === 'h264') return avcCodecString('avc1', data).codec;
    if (codec === 'h265' && data.length >= 13) return hevcCodecString(caps.streamFormat === 'hev1' ? 'hev1' : 'hvc1', data).codec;
    if (codec === 'av1') return av1CodecString(data).codec;
  }
  // AAC's AudioSpecificConfig starts with the 5-bit audio object type (ISO/IEC 14496-3 §1.6.2.1).
  if (codec === 'aac' && data && data.length >= 2) return `mp4a.40.${data[0]! >> 3}`;
  return SHORT[codec];
}
