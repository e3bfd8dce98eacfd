import { describe, expect, it } from 'vitest';
import { recordOps } from '../../../../src/jobs/record/ops.js';
import { MetricSet } from '../../../../src/ops/metric-set.js';
import type { AppEvent } from '../../../../src/report/reporter.js';

const value = async (set: MetricSet, name: string): Promise<number | undefined> =>
  (await set.registry.getSingleMetric(name)?.get())?.values[0]?.value;

describe('recordOps', () => {
  it('bytes on disk: closed and recovered segments add their size, a deleted one takes its own size away, a removed leftover counts nothing', async () => {
    const set = new MetricSet();
    const watch = recordOps.metrics(set);
    const events = [
      { type: 'segment-recovered', path: '/r/a.mp4', bytes: 100, action: 'recovered' },
      { type: 'segment-recovered', path: '/r/.x.part', bytes: 7, action: 'removed' },
      { type: 'segment-closed', path: '/r/b.mp4', bytes: 250, durationSeconds: 2 },
      { type: 'segment-closed', path: '/r/c.mp4', bytes: 300, durationSeconds: 2 },
      { type: 'segment-deleted', path: '/r/a.mp4', bytes: 100, reason: 'max-files' },
    ] as unknown as AppEvent[];
    events.forEach(watch);
    expect(await value(set, 'lydlr_recording_disk_bytes')).toBe(550);
    expect(await value(set, 'lydlr_recording_segments_written_total')).toBe(2);
    expect(await value(set, 'lydlr_recording_segments_deleted_total')).toBe(1);
  });

  it('a closed segment is a segment-complete hook event with its path and duration; an incomplete one has no duration', () => {
    const closed = { type: 'segment-closed', path: '/r/b.mp4', bytes: 250, durationSeconds: 2.5 } as unknown as AppEvent;
    expect(recordOps.hookEvent(closed)).toEqual({ event: 'segment-complete', facts: { segmentPath: '/r/b.mp4', segmentDuration: 2.5 } });
    const incomplete = { type: 'segment-closed', path: '/r/c.mp4', bytes: 9, durationSeconds: null, incomplete: true } as unknown as AppEvent;
    expect(recordOps.hookEvent(incomplete)).toEqual({ event: 'segment-complete', facts: { segmentPath: '/r/c.mp4', segmentDuration: undefined } });
    expect(recordOps.hookEvent({ type: 'segment-opened', path: '/r/d.mp4' } as unknown as AppEvent)).toBeUndefined();
  });
});
