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

  it('splits one word holding a whole description', () => {
    expect(pipelineTokens(['videotestsrc num-buffers=1 ! fakesink'])).toEqual(['videotestsrc', 'num-buffers=1', '!', 'fakesink']);
  });

  it('passes several words on as gst-launch-1.0 argv, spaces kept inside', () => {
    expect(pipelineTokens(['filesrc', 'location=a b\\', '!', 'fakesink'])).toEqual(['filesrc', 'location=a b\\', '!', 'fakesink']);
  });
});
