import { describe, expect, it } from 'vitest';
import { ladderThreads } from '../../../../src/jobs/hls/ladder-threads.js';

const P720 = { width: 1280, height: 720 };
const P480 = { width: 854, height: 480 };
const P360 = { width: 640, height: 360 };

describe('ladderThreads', () => {
  it('splits 1.5 threads per core by pixel share, at least one each', () => {
    expect(ladderThreads([P720, P480, P360], 2)).toEqual([2, 1, 1]);
    expect(ladderThreads([P720, P480, P360], 4)).toEqual([4, 2, 1]);
    expect(ladderThreads([P720, P360], 16)).toEqual([19, 5]);
    expect(ladderThreads([P360, P360], 1)).toEqual([1, 1]);
  });
});
