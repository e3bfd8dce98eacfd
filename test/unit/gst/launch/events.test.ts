// The published event schema accepts what the runner emits and rejects what it never emits.
import { describe, expect, it } from 'vitest';
import { gstEventSchema } from '../../../../src/gst/launch/events.js';

describe('gstEventSchema', () => {
  it.each([
    [{ type: 'progress', positionSeconds: 1.5, durationSeconds: 3, percent: 50, speed: 2, etaSeconds: 0.8, atMs: 12 }],
    [{ type: 'error', kind: 'runtime', element: 'filesrc0', message: 'Resource not found.' }],
    [{ type: 'stats', frames: null, bytes: null, errors: 0, warnings: 0, uptimeSeconds: 0.1 }],
    [{ type: 'eos' }],
  ])('accepts %j', (event) => {
    expect(gstEventSchema.safeParse(event).success).toBe(true);
  });

  it.each([
    [{ type: 'nope' }],
    [{ type: 'progress' }],
    [{ type: 'error', kind: 'bogus', message: 'x' }],
    [{ type: 'stats', frames: '1', bytes: 0, errors: 0, warnings: 0, uptimeSeconds: 0 }],
  ])('rejects %j', (event) => {
    expect(gstEventSchema.safeParse(event).success).toBe(false);
  });
});
