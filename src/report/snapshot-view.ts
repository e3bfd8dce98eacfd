// A snapshot for people: one line.
import { formatBytes } from './format.js';

export interface SnapshotSummary {
  output: string;
  format: string;
  pts: number | null;
  width: number;
  height: number;
  bytes: number;
  wallSeconds: number;
}

export function snapshotResultLines(s: SnapshotSummary): string[] {
  const at = s.pts === null ? '' : ` at ${s.pts.toFixed(3)} s`;
  return [`✓ ${s.output}: ${s.width}×${s.height} ${s.format}${at} · ${formatBytes(s.bytes)} · ${s.wallSeconds.toFixed(2)} s`];
}
