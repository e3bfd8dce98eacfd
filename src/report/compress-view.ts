// The human summary of compress: one block per file, or a table for a batch.
import { Chalk } from 'chalk';
import type { CompressResult } from '../jobs/compress/run-job.js';
import type { BatchItem } from '../jobs/compress/batch.js';
import { formatBytes, formatClock, formatKbps, formatTable } from './format.js';

export function compressLines(r: CompressResult, color: boolean): string[] {
  const c = new Chalk({ level: color ? 3 : 0 });
  const size = `${formatBytes(r.sizeBytes)}${r.inputSizeBytes ? ` (from ${formatBytes(r.inputSizeBytes)}, ${r.ratio}× smaller)` : ''}`;
  const rows = [
    ['output', r.output],
    ['video', `${r.codec}${r.width ? ` ${r.width}x${r.height}` : ''} via ${r.encoder}${r.hardware ? ' (hardware)' : ''}`],
    ['audio', r.audio],
    ['size', size],
    ['bitrate', r.bitrateKbps !== undefined ? formatKbps(r.bitrateKbps) : 'unknown'],
    ['duration', r.durationSeconds !== undefined ? formatClock(r.durationSeconds) : 'unknown'],
    ['time', `${r.wallSeconds.toFixed(2)} s${r.speed !== undefined ? ` (${r.speed}× real time)` : ''}`],
  ];
  return [c.green('✓ Compressed'), ...formatTable(rows.map(([k, v]) => [`  ${c.dim(k!)}`, v!]))];
}

export function batchLines(items: BatchItem[], color: boolean): string[] {
  const c = new Chalk({ level: color ? 3 : 0 });
  const rows = items.map((i) =>
    i.ok
      ? [c.green('✓'), i.input, i.result.output, formatBytes(i.result.sizeBytes), i.result.ratio ? `${i.result.ratio}×` : '', `${i.result.wallSeconds.toFixed(1)} s`]
      : [c.red('✗'), i.input, c.red(i.error), '', '', ''],
  );
  const failed = items.filter((i) => !i.ok).length;
  const verdict = failed === 0 ? c.green(`✓ ${items.length} files compressed`) : c.red(`✗ ${failed} of ${items.length} files failed`);
  return [...formatTable([['', 'input', 'output', 'size', 'ratio', 'time'], ...rows]), verdict];
}

// A batch's one progress line: overall percent, files done, ETA.
export function batchProgressLine(overall: number, done: number, total: number, etaSeconds: number | undefined): string {
  const bar = '█'.repeat(Math.round(overall * 24)).padEnd(24, '░');
  return `[${bar}] ${(overall * 100).toFixed(1)}%  ${done}/${total} files${etaSeconds !== undefined ? `  ETA ${Math.ceil(etaSeconds)} s` : ''}`;
}
