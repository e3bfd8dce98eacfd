// Renders a progress event as one line: bar, percent, position, speed × real time, ETA.
import { formatClock } from './format.js';

export interface ProgressView {
  percent?: number | undefined;
  positionSeconds: number;
  durationSeconds?: number | undefined;
  speed?: number | undefined;
  etaSeconds?: number | undefined;
}

const WIDTH = 24;

export function renderProgress(view: ProgressView): string {
  const parts: string[] = [];
  if (view.percent !== undefined) {
    const filled = Math.round((Math.min(100, Math.max(0, view.percent)) / 100) * WIDTH);
    parts.push(`[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${view.percent.toFixed(1).padStart(5)}%`);
  }
  const total = view.durationSeconds !== undefined ? ` / ${formatClock(view.durationSeconds)}` : '';
  parts.push(`${formatClock(view.positionSeconds)}${total}`);
  if (view.speed !== undefined && Number.isFinite(view.speed)) parts.push(`${view.speed.toFixed(2)}×`);
  if (view.etaSeconds !== undefined && Number.isFinite(view.etaSeconds)) parts.push(`ETA ${formatClock(view.etaSeconds)}`);
  return parts.join('  ');
}
