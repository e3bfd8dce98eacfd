// For each codec we encode or carry: which encoders, decoders and parsers this machine has,
// software and hardware. Names come from the codec tables plus the vendor naming schemes.
import { CODECS, VIDEO_CODECS } from '../pipeline/codecs.js';
import { AUDIO_CODEC_SPECS } from '../pipeline/containers.js';
import type { Check } from './types.js';
import { fixForMissing, missingElement, presenceLine } from './fixes.js';

export const MATRIX_CODECS = [...VIDEO_CODECS, 'aac', 'opus'] as const;
export type MatrixCodec = (typeof MATRIX_CODECS)[number];

interface Candidates { encoders: string[]; decoders: string[]; parsers: string[] }

// Alternatives beside the table's choice (first). Some are only packaged outside Debian (gst-plugins-rs).
const SOFTWARE: Record<MatrixCodec, Candidates> = {
  h264: { encoders: ['openh264enc'], decoders: ['avdec_h264', 'openh264dec'], parsers: [] },
  h265: { encoders: [], decoders: ['avdec_h265', 'libde265dec'], parsers: [] },
  vp8: { encoders: [], decoders: ['vp8dec', 'avdec_vp8'], parsers: [] },
  vp9: { encoders: [], decoders: ['vp9dec', 'avdec_vp9'], parsers: [] },
  av1: { encoders: ['rav1enc', 'svtav1enc'], decoders: ['av1dec', 'dav1ddec', 'avdec_av1'], parsers: [] },
  aac: { encoders: ['voaacenc', 'fdkaacenc'], decoders: ['avdec_aac', 'faad', 'fdkaacdec'], parsers: [] },
  opus: { encoders: ['avenc_opus'], decoders: ['opusdec', 'avdec_opus'], parsers: [] },
};

// NVIDIA (nvcodec, Jetson/DeepStream nvv4l2), VA (va, vaapi), Intel (qsv, msdk), V4L2 (stateful, stateless).
const HW_ENCODER_PREFIXES = ['nv', 'nvv4l2', 'va', 'vaapi', 'qsv', 'msdk', 'v4l2'];
const HW_DECODER_PREFIXES = ['nv', 'va', 'vaapi', 'qsv', 'msdk', 'v4l2sl', 'v4l2'];
const HW_PATTERN = /^(nv|nvv4l2|va|vaapi|qsv|msdk|v4l2|v4l2sl|d3d11|d3d12|amf|mf|vulkan)/;

export interface CodecRow {
  codec: MatrixCodec;
  kind: 'video' | 'audio';
  encoders: { software: string[]; hardware: string[] };
  decoders: { software: string[]; hardware: string[] };
  parsers: string[];
  /** Of the above, the ones this machine has. */
  present: { encoders: string[]; decoders: string[]; parsers: string[]; hardware: string[] };
}

const uniq = (names: (string | undefined)[]): string[] => [...new Set(names.filter((n): n is string => Boolean(n)))];

// Candidate names for one codec; `names` adds hardware elements this machine has under any vendor prefix.
export function codecCandidates(codec: MatrixCodec, names: ReadonlySet<string> = new Set()): Omit<CodecRow, 'present'> {
  const extra = SOFTWARE[codec];
  if (codec === 'aac' || codec === 'opus') {
    const spec = AUDIO_CODEC_SPECS[codec];
    return {
      codec, kind: 'audio',
      encoders: { software: uniq([spec.encoder, ...extra.encoders]), hardware: [] },
      decoders: { software: uniq(extra.decoders), hardware: [] },
      parsers: uniq([spec.parser]),
    };
  }
  const spec = CODECS[codec];
  const seen = [...names].filter((n) => HW_PATTERN.test(n) && n.includes(codec) && /(enc|dec)$/.test(n));
  return {
    codec, kind: 'video',
    encoders: {
      software: uniq([spec.software, ...extra.encoders]),
      hardware: uniq([...spec.hardware, ...HW_ENCODER_PREFIXES.map((p) => `${p}${codec}enc`), ...seen.filter((n) => n.endsWith('enc'))]),
    },
    decoders: {
      software: uniq([spec.decoder, ...extra.decoders]),
      hardware: uniq([...HW_DECODER_PREFIXES.map((p) => `${p}${codec}dec`), 'nvv4l2decoder', ...seen.filter((n) => n.endsWith('dec'))]),
    },
    parsers: uniq([spec.parser]),
  };
}

export function codecMatrix(names: ReadonlySet<string>): CodecRow[] {
  return MATRIX_CODECS.map((codec) => {
    const c = codecCandidates(codec, names);
    const has = (list: string[]) => list.filter((n) => names.has(n));
    return {
      ...c,
      present: {
        encoders: has([...c.encoders.software, ...c.encoders.hardware]),
        decoders: has([...c.decoders.software, ...c.decoders.hardware]),
        parsers: has(c.parsers),
        hardware: has([...c.encoders.hardware, ...c.decoders.hardware]),
      },
    };
  });
}

// A codec is fine with one encoder, one decoder and its parser; hardware is a bonus, never required.
export function codecCheck(row: CodecRow): Check {
  const gaps: string[] = [];
  const missing = [];
  if (row.present.encoders.length === 0) { gaps.push('no encoder'); missing.push(missingElement(row.encoders.software[0]!, false)); }
  if (row.present.decoders.length === 0) { gaps.push('no decoder'); missing.push(missingElement(row.decoders.software[0]!, false)); }
  if (row.parsers.length > 0 && row.present.parsers.length === 0) { gaps.push('no parser'); missing.push(missingElement(row.parsers[0]!, false)); }
  const hw = row.kind === 'video' ? ` · hardware: ${row.present.hardware.join(', ') || 'none'}` : '';
  const found = `enc ${row.present.encoders.join(', ') || '-'} · dec ${row.present.decoders.join(', ') || '-'}${row.parsers.length ? ` · parse ${row.present.parsers.join(', ') || '-'}` : ''}${hw}`;
  const details = [
    ...[...row.encoders.software, ...row.encoders.hardware].map((e) => presenceLine(e, row.present.encoders.includes(e), row.encoders.hardware.includes(e) ? 'encoder, hardware' : 'encoder')),
    ...[...row.decoders.software, ...row.decoders.hardware].map((e) => presenceLine(e, row.present.decoders.includes(e), row.decoders.hardware.includes(e) ? 'decoder, hardware' : 'decoder')),
    ...row.parsers.map((e) => presenceLine(e, row.present.parsers.includes(e), 'parser')),
  ];
  const base = { id: `codec:${row.codec}`, group: 'codecs' as const, title: row.codec, details };
  if (gaps.length === 0) return { ...base, verdict: 'ok', summary: `${row.codec}: ${found}` };
  return { ...base, verdict: 'warn', summary: `${row.codec}: ${gaps.join(', ')} (${found})`, fix: fixForMissing(missing), missing };
}
