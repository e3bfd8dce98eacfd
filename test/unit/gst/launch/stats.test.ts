// StatsCounter: frames and bytes come only from the first stats probe; errors and warnings are counted.
import { describe, expect, it } from 'vitest';
import { StatsCounter } from '../../../../src/gst/launch/stats.js';
import { parseFixture } from './launch-fixtures.js';

function statsOf(events: Parameters<StatsCounter['observe']>[0][]) {
  const counter = new StatsCounter();
  for (const e of events) counter.observe(e);
  const { uptimeSeconds, ...rest } = counter.snapshot();
  expect(uptimeSeconds).toBeGreaterThanOrEqual(0);
  return rest;
}

describe('StatsCounter', () => {
  it('encode-mp4 fixture: 90 frames, 552281 bytes (summed by hand from the lydlr_stats0 chain lines), no errors', () => {
    expect(statsOf(parseFixture('encode-mp4'))).toEqual({ frames: 90, bytes: 552281, errors: 0, warnings: 0 });
  });

  it('hls fixture has no stats probe: frames and bytes are null, not 0', () => {
    expect(statsOf(parseFixture('hls-element-messages'))).toEqual({ frames: null, bytes: null, errors: 0, warnings: 0 });
  });

  it('missing-file fixture: two distinct errors counted', () => {
    expect(statsOf(parseFixture('missing-file'))).toEqual({ frames: null, bytes: null, errors: 2, warnings: 0 });
  });

  it.each([
    ['lydlr_stats0', 1, 100],
    ['lydlr_stats', 1, 100],
    ['lydlr_stats1', null, null],
    ['identity0', null, null],
  ])('a buffer from %s counts as frames=%s bytes=%s', (element, frames, bytes) => {
    expect(statsOf([{ type: 'buffer', element, bytes: 100 }])).toMatchObject({ frames, bytes });
  });

  it('counts warnings', () => {
    expect(statsOf([{ type: 'warning', message: 'a' }, { type: 'warning', message: 'b' }])).toMatchObject({ warnings: 2, errors: 0 });
  });

  it.each<[string, (number | undefined)[], number | undefined]>([
    ['30 fps in order', [0, 1 / 30, 2 / 30], 0.1],
    ['decode order with B-frames', [0, 0.1, 1 / 30, 2 / 30], 0.1 + 1 / 30],
    ['a variable rate: 3 frames spread over 2.9 s', [0, 1.4, 2.8], 2.8 + 1.4],
    ['one frame', [0.5], 0],
    ['no timestamps', [undefined, undefined], undefined],
  ])('mediaSeconds: %s', (_name, pts, seconds) => {
    const counter = new StatsCounter();
    for (const p of pts) counter.observe({ type: 'buffer', element: 'lydlr_stats0', bytes: 1, ...(p === undefined ? {} : { ptsSeconds: p }) });
    if (seconds === undefined) expect(counter.mediaSeconds()).toBeUndefined();
    else expect(counter.mediaSeconds()).toBeCloseTo(seconds, 6);
  });
});
