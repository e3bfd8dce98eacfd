// Durations and sizes as people type them.
import { describe, expect, it } from 'vitest';
import { parseBytes, parseSeconds } from '../../../src/jobs/units.js';

describe('parseSeconds', () => {
  it.each([['90', 90], ['60s', 60], ['5m', 300], ['24h', 86400], ['7d', 604800], ['500ms', 0.5], ['00:01:02.5', 62.5], ['1:30', 90], ['12.5', 12.5]])('%s → %d s', (text, seconds) => {
    expect(parseSeconds(text)).toBe(seconds);
  });
  it.each(['soon', '5 minutes', '-3', '1:2:3:4', ''])('"%s" is not a duration', (text) => expect(parseSeconds(text)).toBeUndefined());
});

describe('parseBytes', () => {
  it.each([['1000', 1000], ['500K', 512000], ['100M', 104857600], ['10G', 10737418240], ['1.5MiB', 1572864], ['2gb', 2147483648]])('%s → %d bytes', (text, bytes) => {
    expect(parseBytes(text)).toBe(bytes);
  });
  it.each(['big', '10X', '-1M'])('"%s" is not a size', (text) => expect(parseBytes(text)).toBeUndefined());
});
