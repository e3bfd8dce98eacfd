// record's metrics and hook events, from its segment events (src/ops runs them on --metrics,
// --on-segment-complete, --on-exit and --webhook). No file path becomes a label.
import type { JobOps } from '../../ops/job-ops.js';
import type { AppEvent } from '../../report/reporter.js';

type SegmentEvent = AppEvent & { path?: string; bytes?: number; durationSeconds?: number | null; action?: string };

export const recordOps: JobOps = {
  metrics(set) {
    const written = set.counter('recording_segments_written_total', 'Segments closed under their final name.');
    const deleted = set.counter('recording_segments_deleted_total', 'Closed segments deleted by retention (--keep, --max-files, --max-total-size).');
    const reconnects = set.counter('source_reconnects_total', 'Times a lost source came back.');
    const onDisk = set.gauge('recording_disk_bytes', 'Bytes on disk of the closed segments this recording wrote or recovered and has not deleted.');
    // Each closed segment's size, so a deletion subtracts what that file held.
    const sizes = new Map<string, number>();
    const total = () => [...sizes.values()].reduce((a, b) => a + b, 0);
    return (raw) => {
      const event = raw as SegmentEvent;
      switch (event.type) {
        case 'segment-closed':
        case 'segment-recovered':
          if (event.type === 'segment-closed') written.inc();
          if (event.path !== undefined && event.action !== 'removed') sizes.set(event.path, event.bytes ?? 0);
          return onDisk.set(total());
        case 'segment-deleted':
          deleted.inc();
          if (event.path !== undefined) sizes.delete(event.path);
          return onDisk.set(total());
        case 'source-back':
          return reconnects.inc();
      }
    };
  },
  hookEvent(raw) {
    const event = raw as SegmentEvent;
    if (event.type !== 'segment-closed' || event.path === undefined) return undefined;
    return { event: 'segment-complete', facts: { segmentPath: event.path, segmentDuration: event.durationSeconds ?? undefined } };
  },
};
