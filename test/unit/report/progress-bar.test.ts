// renderProgress: the one-line progress view (bar, percent, position, speed, ETA).
import { describe, expect, it } from 'vitest';
import { renderProgress } from '../../../src/report/progress-bar.js';

describe('renderProgress', () => {
  it.each([
    [{ positionSeconds: 12.5 }, '0:12.5'],
    [{ positionSeconds: 5, durationSeconds: 10 }, '0:05.0 / 0:10.0'],
    [{ positionSeconds: 5, durationSeconds: 10, percent: 50, speed: 2, etaSeconds: 2.5 }, `[${'█'.repeat(12)}${'░'.repeat(12)}]  50.0%  0:05.0 / 0:10.0  2.00×  ETA 0:02.5`],
    [{ positionSeconds: 0, percent: 0 }, `[${'░'.repeat(24)}]   0.0%  0:00.0`],
    [{ positionSeconds: 10, percent: 100 }, `[${'█'.repeat(24)}] 100.0%  0:10.0`],
    [{ positionSeconds: 1, percent: 150 }, `[${'█'.repeat(24)}] 150.0%  0:01.0`],
    [{ positionSeconds: 1, speed: Infinity, etaSeconds: NaN }, '0:01.0'],
  ])('%j → %s', (view, line) => {
    expect(renderProgress(view)).toBe(line);
  });
});
