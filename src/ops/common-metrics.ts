// Metrics every job has, from the events every job may report: warnings and errors by kind, and the
// frames and bytes through a gst-launch job's counting probe (the encoder's output), from its stats.
import type { AppEvent } from '../report/reporter.js';
import type { GstEvent } from '../gst/launch/events.js';
import type { MetricSet } from './metric-set.js';

export function commonMetrics(set: MetricSet): (event: GstEvent | AppEvent) => void {
  const errors = set.counter('errors_total', 'Errors the job reported, by kind (the event type or error code).', ['kind']);
  const warnings = set.counter('warnings_total', 'Warnings the job reported, by kind.', ['kind']);
  const frames = set.counter('encoder_frames_total', 'Frames out of the encoder (gst-launch jobs: counted by the stats probe after it).');
  const bytes = set.counter('encoder_bytes_total', 'Bytes out of the encoder, before the muxer.');
  return (event) => {
    // A gst-launch run's totals (RunStats); other jobs' stats events have no frame count.
    if (event.type === 'stats' && 'frames' in event && typeof event.frames === 'number') {
      set.advance(frames, {}, event.frames);
      if ('bytes' in event && typeof event.bytes === 'number') set.advance(bytes, {}, event.bytes);
      return;
    }
    const kind = 'code' in event && typeof event.code === 'string' ? event.code : event.type;
    if (event.type === 'error' || event.type.endsWith('-error')) errors.inc({ kind });
    else if (event.type === 'warning' || event.type.endsWith('-warning')) warnings.inc({ kind });
  };
}
