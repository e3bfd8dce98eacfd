// A snapshot for people: one line.
import { formatBytes } from './format.js';
import type { Snapshot } from '../jobs/snapshot/job.js';

export type SnapshotSummary = Snapshot & { wallSeconds: number };

export function snapshotResultLines(s: SnapshotSummary): string[] {
  const at = s.pts === null ? '' : ` at ${s.pts.toFixed(3)} s`;
  return [`✓ ${s.output}: ${s.width}×${s.height} ${s.format}${at} · ${formatBytes(s.bytes)} · ${s.wallSeconds.toFixed(2)} s`];
}
