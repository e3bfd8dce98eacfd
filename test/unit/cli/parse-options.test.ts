// Option value parsers: good values pass through as numbers, bad ones are commander usage errors naming the flag.
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { positiveInteger, positiveNumber } from '../../../src/cli/parse-options.js';
import { portNumber } from '../../../src/jobs/flags.js';

describe('positiveNumber', () => {
  it.each([['1.5', 1.5], ['30', 30], ['1e2', 100]])('%s → %s', (text, n) => expect(positiveNumber('--x')(text)).toBe(n));
  it.each(['0', '-1', 'abc', '', 'Infinity', 'NaN'])('%j is refused with the flag named', (text) => {
    expect(() => positiveNumber('--timeout')(text)).toThrow(new InvalidArgumentError(`--timeout must be a number above 0, got "${text}"`));
  });
});

describe('positiveInteger', () => {
  it.each([['1', 1], ['16', 16]])('%s → %s', (text, n) => expect(positiveInteger('--jobs')(text)).toBe(n));
  it.each(['0', '1.5', '-2', 'two'])('%j is refused', (text) => {
    expect(() => positiveInteger('--jobs')(text)).toThrow(`--jobs must be a whole number above 0, got "${text}"`);
  });
});

describe('portNumber', () => {
  it.each([['1', 1], ['8554', 8554], ['65535', 65535]])('%s → %s', (text, n) => expect(portNumber('--port')(text)).toBe(n));
  it.each(['0', '65536', '80.5', 'http'])('%j is refused', (text) => {
    expect(() => portNumber('--port')(text)).toThrow(`--port must be a port from 1 to 65535, got "${text}"`);
  });
});

