import { describe, expect, it } from 'vitest';
import { ladderThreads, x264Threads } from '../../../src/jobs/x264-threads.js';

const P720 = { width: 1280, height: 720 };
const P480 = { width: 854, height: 480 };
const P360 = { width: 640, height: 360 };

describe('x264Threads', () => {
  it('asks two frame threads per core, at least one', () => {
    expect(x264Threads(2)).toBe(4);
    expect(x264Threads(8)).toBe(16);
    expect(x264Threads(1.5)).toBe(3); // a batch job's share of the machine
    expect(x264Threads(0.2)).toBe(1);
  });
});

describe('ladderThreads', () => {
  it('splits one encode\'s threads by pixel share, at least one each', () => {
    expect(ladderThreads([P720, P480, P360], 2)).toEqual([2, 1, 1]);
    expect(ladderThreads([P720, P480, P360], 4)).toEqual([5, 2, 1]);
    expect(ladderThreads([P720, P360], 16)).toEqual([26, 6]);
    expect(ladderThreads([P360, P360], 1)).toEqual([1, 1]);
  });
});
