// The small formatters every human view uses.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatClock, formatKbps, formatTable } from '../../../src/report/format.js';

describe('formatClock', () => {
  it.each([
    [0, '0:00.0'],
    [5.25, '0:05.3'],
    [83.5, '1:23.5'],
    [59.96, '1:00.0'],
    [599.99, '10:00.0'],
    [3599.96, '1:00:00'],
    [3723.9, '1:02:03'],
    [36000, '10:00:00'],
    [-4, '0:00.0'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatClock(seconds)).toBe(text);
  });
});

describe('formatBytes (decimal units)', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [1536000, '1.5 MB'],
    [999_999, '1.0 MB'],
    [2_500_000_000, '2.5 GB'],
    [7e15, '7000.0 TB'],
  ])('%s → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('formatKbps', () => {
  it.each([
    [2000.4, '2000 kb/s'],
    [0.6, '1 kb/s'],
  ])('%s → %s', (kbps, text) => {
    expect(formatKbps(kbps)).toBe(text);
  });
});

describe('formatTable', () => {
  it('pads every column but the last to its widest cell', () => {
    expect(formatTable([['a', 'bb', 'c'], ['ccc', 'd', 'eeee']])).toEqual(['a    bb  c', 'ccc  d   eeee']);
  });

  it('measures cells without their colour codes', () => {
    expect(formatTable([['\u001b[32m✓\u001b[39m', 'x'], ['ab', 'y']])).toEqual(['\u001b[32m✓\u001b[39m   x', 'ab  y']);
  });
});
