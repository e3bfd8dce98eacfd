// A recording for people: the closing summary.
import { formatBytes } from './format.js';

export interface RecordSummary {
  outputDir: string;
  format: string;
  codec: string;
  reencoded: boolean;
  audio: { codec: string; copied: boolean; sourceCodec: string } | null;
  segments: { path: string; durationSeconds: number; bytes: number }[];
  bytes: number;
  deleted: number;
  gaps: number;
}

export function recordResultLines(s: RecordSummary): string[] {
  const seconds = s.segments.reduce((sum, x) => sum + x.durationSeconds, 0);
  const n = s.segments.length;
  return [
    `✓ recorded ${seconds.toFixed(1)} s in ${n} segment${n === 1 ? '' : 's'} (${s.format}, ${s.codec}${s.reencoded ? ' encoded' : ' kept'}${audioPart(s.audio)}) · ${formatBytes(s.bytes)} · ${s.outputDir}`,
    ...(s.deleted > 0 ? [`  ${s.deleted} old segment${s.deleted === 1 ? '' : 's'} deleted by retention`] : []),
    ...(s.gaps > 0 ? [`  ${s.gaps} gap${s.gaps === 1 ? '' : 's'}: the source dropped and came back`] : []),
  ];
}

function audioPart(audio: RecordSummary['audio']): string {
  if (!audio) return ', no audio';
  return audio.copied ? `, ${audio.codec} kept` : `, ${audio.codec} encoded from ${audio.sourceCodec}`;
}
