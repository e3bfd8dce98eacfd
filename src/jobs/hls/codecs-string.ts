// RFC 6381 CODECS strings for #EXT-X-STREAM-INF (avc1.64001f, hev1.1.6.L93.B0, vp09.00.10.08, av01.0.04M.08,
// mp4a.40.2), from what the segments really hold: the SPS read out of the first segment, the configuration
// record of an fMP4 init segment, or else the negotiated caps.

export interface AvcSps {
  profileIdc: number;
  constraintFlags: number;
  levelIdc: number;
}

export interface HevcPtl {
  profileSpace: number;
  tier: number;
  profileIdc: number;
  /** general_profile_compatibility_flags as read (flag 0 is the most significant bit). */
  compatibilityFlags: number;
  /** The 6 constraint-indicator bytes. */
  constraintBytes: number[];
  levelIdc: number;
}

export type VideoSps = { codec: 'h264'; sps: AvcSps } | { codec: 'h265'; ptl: HevcPtl };

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

export function avcCodecString(sps: AvcSps): string {
  return `avc1.${hex2(sps.profileIdc)}${hex2(sps.constraintFlags)}${hex2(sps.levelIdc)}`;
}

// ISO/IEC 14496-15 annex E: compatibility flags in reverse bit order, trailing zero constraint bytes dropped.
// "hev1": parameter sets travel in the stream (as in MPEG-TS), not only in a sample entry; "hvc1" (fMP4 for
// Apple players): only in the sample entry.
export function hevcCodecString(ptl: HevcPtl, tag: 'hev1' | 'hvc1' = 'hev1'): string {
  let reversed = 0;
  for (let bit = 0; bit < 32; bit += 1) if (ptl.compatibilityFlags & (1 << (31 - bit))) reversed |= 1 << bit;
  const space = ['', 'A', 'B', 'C'][ptl.profileSpace] ?? '';
  const bytes = [...ptl.constraintBytes];
  while (bytes.length > 0 && bytes[bytes.length - 1] === 0) bytes.pop();
  const constraints = bytes.map((b) => b.toString(16).toUpperCase()).join('.');
  return `${tag}.${space}${ptl.profileIdc}.${(reversed >>> 0).toString(16).toUpperCase()}.${ptl.tier ? 'H' : 'L'}${ptl.levelIdc}${constraints ? `.${constraints}` : ''}`;
}

/** A VP9 codec configuration record (vpcC, VP Codec ISO Media File Format Binding §2.2). */
export interface VpConfig {
  profile: number;
  level: number;
  bitDepth: number;
  chromaSubsampling: number;
  fullRange: boolean;
  colourPrimaries: number;
  transferCharacteristics: number;
  matrixCoefficients: number;
}

const dec2 = (n: number): string => String(n).padStart(2, '0');

// vp09.PP.LL.DD, and .CC.cp.tc.mc.FF as well when any of those differs from its default (4:2:0 colocated,
// BT.709, limited range): the short form declares the defaults.
export function vp9CodecString(c: VpConfig): string {
  const short = `vp09.${dec2(c.profile)}.${dec2(c.level)}.${dec2(c.bitDepth)}`;
  const optional = [c.chromaSubsampling, c.colourPrimaries, c.transferCharacteristics, c.matrixCoefficients, c.fullRange ? 1 : 0];
  return optional.join() === '1,1,1,1,0' ? short : `${short}.${optional.map(dec2).join('.')}`;
}

/** What an AV1 CODECS string says (AV1-ISOBMFF "Codecs Parameter String"), from av1C and the sequence header. */
export interface Av1CodecFields {
  profile: number;
  /** seq_level_idx[0]: 0 = level 2.0 … 31 = no level constraint. */
  level: number;
  /** seq_tier[0]: 1 = High tier. */
  tier: number;
  bitDepth: number;
  monochrome: boolean;
  subsamplingX: number;
  subsamplingY: number;
  chromaSamplePosition: number;
  /** Colour description (2 = unspecified when the header has none). */
  colorPrimaries: number;
  transferCharacteristics: number;
  matrixCoefficients: number;
  fullRange: boolean;
}

// av01.P.LLT.DD, and .M.CCC.cp.tc.mc.F as well when any of those differs from its default (colour, 4:2:0
// with an unknown sample position, BT.709, limited range): the short form declares the defaults.
export function av1CodecString(f: Av1CodecFields): string {
  const short = `av01.${f.profile}.${dec2(f.level)}${f.tier ? 'H' : 'M'}.${dec2(f.bitDepth)}`;
  const optional = [
    f.monochrome ? '1' : '0',
    `${f.subsamplingX}${f.subsamplingY}${f.chromaSamplePosition}`,
    dec2(f.colorPrimaries), dec2(f.transferCharacteristics), dec2(f.matrixCoefficients),
    f.fullRange ? '1' : '0',
  ].join('.');
  return optional === '0.110.01.01.01.0' ? short : `${short}.${optional}`;
}

export function videoCodecString(v: VideoSps): string {
  return v.codec === 'h264' ? avcCodecString(v.sps) : hevcCodecString(v.ptl);
}

// "video/x-h264, level=(string)3.1, profile=(string)high, width=(int)1280" → { level: '3.1', … }.
export function capsFields(caps: string): { name: string; fields: Record<string, string> } {
  const parts = caps.split(/,\s*(?=[\w-]+=)/);
  const fields: Record<string, string> = {};
  for (const part of parts.slice(1)) {
    const eq = part.indexOf('=');
    fields[part.slice(0, eq).trim()] = part.slice(eq + 1).replace(/^\([\w:]+\)/, '').replace(/^"|"$/g, '').trim();
  }
  return { name: (parts[0] ?? '').trim(), fields };
}

const AVC_PROFILES: Record<string, [profileIdc: number, constraintFlags: number]> = {
  'constrained-baseline': [66, 0xc0], baseline: [66, 0x80], main: [77, 0x40], extended: [88, 0x00],
  high: [100, 0x00], 'progressive-high': [100, 0x08], 'constrained-high': [100, 0x0c], 'high-10': [110, 0x00],
  'high-4:2:2': [122, 0x00], 'high-4:4:4': [244, 0x00],
};
const HEVC_PROFILES: Record<string, number> = { main: 1, 'main-10': 2, 'main-still-picture': 3, 'main-422-10': 4, 'main-444': 4 };

// The CODECS entry from negotiated caps (a fallback when no SPS could be read).
export function codecStringFromCaps(caps: string): string | undefined {
  const { name, fields } = capsFields(caps);
  if (name === 'video/x-h264') {
    const profile = AVC_PROFILES[fields.profile ?? ''];
    const level = fields.level === '1b' ? 9 : Math.round(Number(fields.level) * 10);
    if (!profile || !Number.isFinite(level)) return undefined;
    return avcCodecString({ profileIdc: profile[0], constraintFlags: profile[1], levelIdc: level });
  }
  if (name === 'video/x-h265') {
    const profileIdc = HEVC_PROFILES[fields.profile ?? ''];
    const level = Math.round(Number(fields.level) * 30);
    if (profileIdc === undefined || !Number.isFinite(level)) return undefined;
    const compat = profileIdc === 1 ? 0x60000000 : 1 << (31 - profileIdc);
    return hevcCodecString({ profileSpace: 0, tier: fields.tier === 'high' ? 1 : 0, profileIdc, compatibilityFlags: compat, constraintBytes: [0xb0, 0, 0, 0, 0, 0], levelIdc: level });
  }
  if (name === 'audio/mpeg') return audioCodecString(caps);
  return undefined;
}

// AAC-LC → mp4a.40.2, HE-AAC → mp4a.40.5, HE-AACv2 → mp4a.40.29, MP3 → mp4a.40.34.
export function audioCodecString(caps: string): string {
  const { fields } = capsFields(caps);
  if (fields.mpegversion === '1') return 'mp4a.40.34';
  const profile = fields.profile ?? 'lc';
  return profile === 'he-aac-v2' ? 'mp4a.40.29' : profile.startsWith('he') ? 'mp4a.40.5' : 'mp4a.40.2';
}
