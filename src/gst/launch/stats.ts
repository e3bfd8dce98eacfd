// Run statistics from the pipeline itself: buffers counted by our stats probes (identity, -v).
import type { GstEvent, RunStats } from './events.js';
import { monotonicMs } from '../../process/monotonic.js';

/** Name prefix of the identity elements jobs put where frames should be counted. */
export const STATS_PROBE_PREFIX = 'lydlr_stats';

export class StatsCounter {
  private frames = 0;
  private bytes = 0;
  private sawProbe = false;
  private errors = 0;
  private warnings = 0;
  private start: number | undefined;
  private readonly startedAt = monotonicMs();
  private readonly span = { first: undefined as number | undefined, last: undefined as number | undefined, previous: undefined as number | undefined, step: Infinity };

  // Folds one event into the counters; only buffers from the first probe count as frames.
  observe(event: GstEvent): void {
    if (event.type === 'buffer') {
      if (event.element !== `${STATS_PROBE_PREFIX}0` && event.element !== STATS_PROBE_PREFIX) return;
      this.sawProbe = true;
      this.frames += 1;
      this.bytes += event.bytes;
      if (event.ptsSeconds !== undefined) this.spanFrame(event.ptsSeconds);
      const decodeAt = event.dtsSeconds ?? event.ptsSeconds;
      if (decodeAt !== undefined) this.start = Math.min(this.start ?? decodeAt, decodeAt);
    } else if (event.type === 'error') {
      this.errors += 1;
    } else if (event.type === 'warning') {
      this.warnings += 1;
    }
  }

  /**
   * The media time the counted frames cover: first timestamp to last, plus one frame's length (the
   * smallest step between frames). A variable frame rate cannot fool it as frames × nominal rate would.
   */
  mediaSeconds(): number | undefined {
    const { first, last, step } = this.span;
    if (first === undefined || last === undefined) return undefined;
    return last - first + (Number.isFinite(step) ? step : 0);
  }

  /** The earliest decode timestamp counted (presentation timestamp when a frame has none). */
  startSeconds(): number | undefined {
    return this.start;
  }

  // Encoded frames come in decode order (B-frames): keep the lowest and highest timestamp.
  private spanFrame(pts: number): void {
    const s = this.span;
    if (s.previous !== undefined && pts !== s.previous) s.step = Math.min(s.step, Math.abs(pts - s.previous));
    s.previous = pts;
    s.first = Math.min(s.first ?? pts, pts);
    s.last = Math.max(s.last ?? pts, pts);
  }

  snapshot(): RunStats {
    return {
      frames: this.sawProbe ? this.frames : null,
      bytes: this.sawProbe ? this.bytes : null,
      errors: this.errors,
      warnings: this.warnings,
      uptimeSeconds: Number(((monotonicMs() - this.startedAt) / 1000).toFixed(3)),
    };
  }
}
