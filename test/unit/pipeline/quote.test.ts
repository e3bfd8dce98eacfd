import { describe, expect, it } from 'vitest';
import { formatProperty, quoteValue, shellQuote } from '../../../src/pipeline/quote.js';

describe('quoteValue', () => {
  it.each([
    ['plain', 'plain'],
    ['/tmp/a.mp4', '/tmp/a.mp4'],
    [42, '42'],
    [0.5, '0.5'],
    [true, 'true'],
    [false, 'false'],
    ['my file.mp4', '"my file.mp4"'],
    ['a!b', '"a!b"'],
    ['a,b=c', '"a,b=c"'],
    [`it's`, `"it's"`],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['ends\\', 'ends\\\\\n'],
    ['a b\\', 'a\\ b\\\\\n'],
    ['(x)', '"(x)"'],
    ['é', '"é"'],
    ['', '""'],
  ] as const)('%j → %s', (value, expected) => {
    expect(quoteValue(value)).toBe(expected);
  });

  it('writes a value ending in a backslash bare (a quoted one would end in \\")', () => {
    expect(quoteValue('a b\\', 'argv')).toBe('a b\\\\\n');
    expect(() => quoteValue('say "x"\\')).toThrow(RangeError);
  });

  it('refuses numbers gst-launch cannot read', () => {
    expect(() => quoteValue(Number.NaN)).toThrow(RangeError);
  });
});

describe('formatProperty', () => {
  it('joins name and quoted value', () => {
    expect(formatProperty('location', 'a b')).toBe('location="a b"');
  });
  it('refuses a property name that would break the grammar', () => {
    expect(() => formatProperty('bad name', 1)).toThrow(RangeError);
  });
});

describe('shellQuote', () => {
  it.each([
    ['!', '!'],
    ['x264enc', 'x264enc'],
    ['location="a b"', `'location="a b"'`],
    [`it's`, `'it'\\''s'`],
  ])('%s → %s', (token, expected) => {
    expect(shellQuote(token)).toBe(expected);
  });
});
