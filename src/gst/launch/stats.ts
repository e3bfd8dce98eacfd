// Run statistics from the pipeline itself: buffers counted by our stats probes (identity, -v).
import type { GstEvent, RunStats } from './events.js';

/** Name prefix of the identity elements jobs put where frames should be counted. */
export const STATS_PROBE_PREFIX = 'lydlr_stats';

export class StatsCounter {
  private frames = 0;
  private bytes = 0;
  private sawProbe = false;
  private errors = 0;
  private warnings = 0;
  private readonly startedAt = performance.now();

  // Folds one event into the counters; only buffers from the first probe count as frames.
  observe(event: GstEvent): void {
    if (event.type === 'buffer') {
      if (event.element !== `${STATS_PROBE_PREFIX}0` && event.element !== STATS_PROBE_PREFIX) return;
      this.sawProbe = true;
      this.frames += 1;
      this.bytes += event.bytes;
    } else if (event.type === 'error') {
      this.errors += 1;
    } else if (event.type === 'warning') {
      this.warnings += 1;
    }
  }

  snapshot(): RunStats {
    return {
      frames: this.sawProbe ? this.frames : null,
      bytes: this.sawProbe ? this.bytes : null,
      errors: this.errors,
      warnings: this.warnings,
      uptimeSeconds: Number(((performance.now() - this.startedAt) / 1000).toFixed(3)),
    };
  }
}
