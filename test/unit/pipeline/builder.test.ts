import { describe, expect, it } from 'vitest';
import { PipelineBuilder } from '../../../src/pipeline/builder.js';
import { BUILDER_CASES, UNIT_FILES } from './builder-cases.js';

// Every case here also runs through gst-launch-1.0 in test/e2e/builder-runs.test.ts.
describe('PipelineBuilder: chain → exact description', () => {
  it.each(BUILDER_CASES.map((c) => [c.name, c] as const))('%s: build() is the expected string', (_name, c) => {
    expect(c.build(UNIT_FILES).build()).toBe(c.expected);
  });

  const withTokens = BUILDER_CASES.filter((c) => c.tokens);
  it.each(withTokens.map((c) => [c.name, c] as const))('%s: toArgv() is the expected tokens', (_name, c) => {
    expect(c.build(UNIT_FILES).toArgv()).toEqual(c.tokens);
  });

  const withShell = BUILDER_CASES.filter((c) => c.shell);
  it.each(withShell.map((c) => [c.name, c] as const))('%s: toShellCommand() is the expected shell line', (_name, c) => {
    expect(c.build(UNIT_FILES).toShellCommand()).toBe(c.shell);
  });
});

describe('PipelineBuilder', () => {
  it('refuses an unknown codec with a RangeError naming it', () => {
    expect(() => new PipelineBuilder().addEncoder('mpeg7')).toThrow(/unknown codec "mpeg7"/);
  });

  it('leaves a builder unchanged when something is added to it (the addition is a new builder)', () => {
    const a = new PipelineBuilder().add('videotestsrc');
    const b = a.add('fakesink');
    expect(a.factories()).toEqual(['videotestsrc']);
    expect(b.factories()).toEqual(['videotestsrc', 'fakesink']);
  });

  it('lists each element factory once, across chains, in first-use order', () => {
    const b = new PipelineBuilder().add('videotestsrc').add('x264enc').add('fakesink').chain().add('x264enc');
    expect(b.factories()).toEqual(['videotestsrc', 'x264enc', 'fakesink']);
  });
});
