import { describe, expect, it } from 'vitest';
import { pipelineTokens, tokenizePipeline } from '../../../src/pipeline/tokenize.js';

describe('tokenizePipeline', () => {
  it.each([
    ['videotestsrc ! fakesink', ['videotestsrc', '!', 'fakesink']],
    ['filesrc location="a b.mp4" ! fakesink', ['filesrc', 'location="a b.mp4"', '!', 'fakesink']],
    ["filesrc location='x y' !  fakesink", ['filesrc', "location='x y'", '!', 'fakesink']],
    ['filesrc location=a\\ b', ['filesrc', 'location=a\\ b']],
    ['  ', []],
  ])('%s', (text, tokens) => {
    expect(tokenizePipeline(text)).toEqual(tokens);
  });

  it('accepts a mix of a quoted whole pipeline and separate words', () => {
    expect(pipelineTokens(['videotestsrc num-buffers=1', '!', 'fakesink'])).toEqual(['videotestsrc', 'num-buffers=1', '!', 'fakesink']);
  });
});
