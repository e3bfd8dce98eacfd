// ProgressTracker: percent, speed (× real time), ETA and throttling, on a wall clock the test controls.
import { describe, expect, it } from 'vitest';
import { ProgressTracker } from '../../../../src/gst/launch/progress.js';

const at = (positionSeconds: number, durationSeconds?: number) => ({ type: 'progress' as const, positionSeconds, durationSeconds });

describe('ProgressTracker', () => {
  it('a sequence: first event without speed, throttled one dropped, then speed and ETA, then the final one through the throttle', () => {
    const t = new ProgressTracker(undefined, 250);
    expect(t.update(at(1, 10), 0)).toEqual({ type: 'progress', positionSeconds: 1, durationSeconds: 10, percent: 10, speed: undefined, etaSeconds: undefined });
    expect(t.update(at(2, 10), 100)).toBeUndefined();
    // 4 s of media in 2 s of wall time: 2×; 5 s left at 2× → 2.5 s.
    expect(t.update(at(5, 10), 2000)).toEqual({ type: 'progress', positionSeconds: 5, durationSeconds: 10, percent: 50, speed: 2, etaSeconds: 2.5 });
    // Only 10 ms later, but at the end: never throttled. 9 s in 2.01 s = 4.477… → 4.48.
    expect(t.update(at(10, 10), 2010)).toEqual({ type: 'progress', positionSeconds: 10, durationSeconds: 10, percent: 100, speed: 4.48, etaSeconds: 0 });
  });

  it('uses the known duration when the position line has none (live or unknown length)', () => {
    const t = new ProgressTracker(20, 0);
    expect(t.update(at(5), 0)).toMatchObject({ durationSeconds: 20, percent: 25 });
  });

  it('no duration at all: no percent and no ETA, speed still measured', () => {
    const t = new ProgressTracker(undefined, 0);
    t.update(at(0), 0);
    expect(t.update(at(3), 1000)).toEqual({ type: 'progress', positionSeconds: 3, durationSeconds: undefined, percent: undefined, speed: 3, etaSeconds: undefined });
  });

  it('caps percent at 100 and ETA at 0 when the position overshoots the duration', () => {
    const t = new ProgressTracker(undefined, 0);
    t.update(at(0, 20), 0);
    expect(t.update(at(25, 20), 1000)).toMatchObject({ percent: 100, etaSeconds: 0 });
  });

  it('reports no speed before 0.2 s of wall time has passed (too noisy)', () => {
    const t = new ProgressTracker(undefined, 0);
    t.update(at(0, 10), 0);
    expect(t.update(at(1, 10), 150)?.speed).toBeUndefined();
    expect(t.update(at(1, 10), 250)?.speed).toBe(4);
  });

  it('a zero duration gives no percent instead of dividing by zero', () => {
    expect(new ProgressTracker(undefined, 0).update(at(0, 0), 0)?.percent).toBeUndefined();
  });
});
