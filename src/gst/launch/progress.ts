// Adds speed (× real time) and ETA to position events, and throttles them.
import type { EventOf } from './events.js';

export class ProgressTracker {
  private lastEmitMs = -Infinity;
  private firstPosition: { positionSeconds: number; wallMs: number } | undefined;

  constructor(
    private readonly knownDuration: number | undefined,
    private readonly intervalMs: number,
  ) {}

  // Returns the event to emit, or undefined when throttled.
  update(event: EventOf<'progress'>, wallMs: number): EventOf<'progress'> | undefined {
    this.firstPosition ??= { positionSeconds: event.positionSeconds, wallMs };
    const duration = event.durationSeconds ?? this.knownDuration;
    const done = duration !== undefined && event.positionSeconds >= duration;
    if (!done && wallMs - this.lastEmitMs < this.intervalMs) return undefined;
    this.lastEmitMs = wallMs;
    const elapsed = (wallMs - this.firstPosition.wallMs) / 1000;
    const speed = elapsed > 0.2 ? (event.positionSeconds - this.firstPosition.positionSeconds) / elapsed : undefined;
    const percent = duration !== undefined && duration > 0 ? Math.min(100, (event.positionSeconds / duration) * 100) : undefined;
    const etaSeconds = duration !== undefined && speed !== undefined && speed > 0 ? Math.max(0, (duration - event.positionSeconds) / speed) : undefined;
    return {
      type: 'progress',
      positionSeconds: round(event.positionSeconds),
      durationSeconds: duration === undefined ? undefined : round(duration),
      percent: percent === undefined ? undefined : round(percent, 1),
      speed: speed === undefined ? undefined : round(speed, 2),
      etaSeconds: etaSeconds === undefined ? undefined : round(etaSeconds, 1),
    };
  }
}

function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
