import { describe, expect, it } from 'vitest';
import { wantsJson } from '../../../src/cli/parse-error.js';

describe('wantsJson', () => {
  it('finds --json before or after the command name', () => {
    expect(wantsJson(['--json', 'compress', 'a.mp4'])).toBe(true);
    expect(wantsJson(['compress', 'a.mp4', '--json'])).toBe(true);
  });

  it('ignores --json after the "--" end of options', () => {
    expect(wantsJson(['launch', '--', 'fakesink', '--json'])).toBe(false);
  });

  it('is false without --json', () => {
    expect(wantsJson(['compress', 'a.mp4', 'b.mp4'])).toBe(false);
  });
});
