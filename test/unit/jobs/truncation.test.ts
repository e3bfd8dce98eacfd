import { describe, expect, it } from 'vitest';
import { truncationError } from '../../../src/jobs/truncation.js';

describe('truncationError', () => {
  it('4 s declared, 2.3 s decoded: a job error (exit 1) with both durations', () => {
    const error = truncationError(4, 2.3)!;
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe('The input is truncated: only 2.3 s of the 4.0 s its container declares could be decoded; nothing was written.');
    expect(error.data).toEqual({ declaredSeconds: 4, decodedSeconds: 2.3 });
  });

  it.each<[number | undefined, number]>([[4, 3.6], [2, 1.55], [60, 54.5], [undefined, 1], [0, 0]])(
    'declared %s s, decoded %s s: within the tolerance (max 0.5 s, 10 %%) or unknown, no error', (declared, decoded) => {
      expect(truncationError(declared, decoded)).toBeUndefined();
    });
});
