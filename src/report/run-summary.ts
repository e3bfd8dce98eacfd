// The human summary of a finished pipeline run.
import type { RunResult } from '../gst/launch/runner.js';
import { formatBytes } from './format.js';

export function runSummaryLines(result: RunResult): string[] {
  const s = result.stats;
  const parts = [`${(result.durationMs / 1000).toFixed(2)} s`];
  if (s.frames !== null) parts.push(`${s.frames} frames`);
  if (s.bytes !== null) parts.push(formatBytes(s.bytes));
  if (s.warnings > 0) parts.push(`${s.warnings} warning${s.warnings === 1 ? '' : 's'}`);
  const how = result.eos ? 'finished (EOS)' : result.interrupted ? 'stopped' : 'ended';
  return [`✓ Pipeline ${how} in ${parts.join(' · ')}`];
}

// The test command's verdict when the pipeline ran to its end.
export function pipelineWorksLine(seconds: string, description: string): string {
  return `✓ Pipeline works (${seconds} s): ${description}`;
}
