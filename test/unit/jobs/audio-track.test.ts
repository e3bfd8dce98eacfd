import { describe, expect, it } from 'vitest';
import { parseAudioTrack, planAudioTracks } from '../../../src/jobs/audio-track.js';
import { FlagValueError } from '../../../src/jobs/flags.js';
import { UsageError } from '../../../src/errors.js';

describe('parseAudioTrack', () => {
  it('takes a track number from 1 or "all"', () => {
    expect(parseAudioTrack('2')).toBe(2);
    expect(parseAudioTrack('all')).toBe('all');
  });

  it.each(['0', '-1', '1.5', 'two', ''])('refuses %j naming the flag', (value) => {
    expect(() => parseAudioTrack(value)).toThrow(FlagValueError);
    expect(() => parseAudioTrack(value)).toThrow(/--audio-track/);
  });
});

describe('planAudioTracks', () => {
  it('track 3 of 3: the two before it are skipped, one kept, no note', () => {
    expect(planAudioTracks(3, 3, true, '.mkv')).toEqual({ skip: 2, keep: 1, notes: [] });
  });

  it('a track past the last one is a usage error with the valid numbers', () => {
    expect(() => planAudioTracks(4, 3, true, '.mkv')).toThrow(UsageError);
    expect(() => planAudioTracks(4, 3, true, '.mkv')).toThrow('--audio-track 4: the input has 3 audio tracks.');
  });

  it('all: every track where the output holds several; the first and a note where it holds one', () => {
    expect(planAudioTracks('all', 3, true, '.mkv')).toEqual({ skip: 0, keep: 3, notes: [] });
    expect(planAudioTracks('all', 3, false, '.flv')).toEqual({ skip: 0, keep: 1, notes: ['the input has 3 audio tracks: only the first is kept (.flv holds one audio track)'] });
  });

  it('no choice: the first track, and a note pointing to --audio-track when there are more', () => {
    expect(planAudioTracks(undefined, 1, true, '.mp4')).toEqual({ skip: 0, keep: 1, notes: [] });
    expect(planAudioTracks(undefined, 2, true, '.mp4').notes).toEqual(['the input has 2 audio tracks: only the first is kept (choose one with --audio-track N, or --audio-track all)']);
    expect(planAudioTracks(undefined, 0, true, '.mp4')).toEqual({ skip: 0, keep: 0, notes: [] });
  });
});
