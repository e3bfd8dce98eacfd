// Metrics every job has, from the events every job may report: warnings and errors by kind.
import type { AppEvent } from '../report/reporter.js';
import type { GstEvent } from '../gst/launch/events.js';
import type { MetricSet } from './metric-set.js';

export function commonMetrics(set: MetricSet): (event: GstEvent | AppEvent) => void {
  const errors = set.counter('errors_total', 'Errors the job reported, by kind (the event type or error code).', ['kind']);
  const warnings = set.counter('warnings_total', 'Warnings the job reported, by kind.', ['kind']);
  return (event) => {
    const kind = 'code' in event && typeof event.code === 'string' ? event.code : event.type;
    if (event.type === 'error' || event.type.endsWith('-error')) errors.inc({ kind });
    else if (event.type === 'warning' || event.type.endsWith('-warning')) warnings.inc({ kind });
  };
}
