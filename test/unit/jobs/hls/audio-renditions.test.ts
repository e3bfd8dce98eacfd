import { describe, expect, it } from 'vitest';
import { planAudioRenditions } from '../../../../src/jobs/hls/audio-renditions.js';

describe('planAudioRenditions', () => {
  it('one rendition per track, in order: audio_N folders, the language tag as given, its English name, channels as encoded (mono or stereo)', () => {
    expect(planAudioRenditions('/out', [{ language: 'en', channels: 2 }, { language: 'fre', channels: 1 }, { language: 'de', channels: 6 }])).toEqual([
      { name: 'audio_1', dir: '/out/audio_1', track: 1, language: 'en', title: 'English', channels: 2 },
      { name: 'audio_2', dir: '/out/audio_2', track: 2, language: 'fre', title: 'French', channels: 1 },
      { name: 'audio_3', dir: '/out/audio_3', track: 3, language: 'de', title: 'German', channels: 2 },
    ]);
  });

  it('no language, "und" or a malformed tag: no LANGUAGE, named by track number; an unknown but well-formed tag is kept', () => {
    const r = planAudioRenditions('/out', [{}, { language: 'und' }, { language: 'en glish' }, { language: 'qaa' }]);
    expect(r.map((a) => [a.language, a.title, a.channels])).toEqual([
      [undefined, 'Audio 1', undefined],
      [undefined, 'Audio 2', undefined],
      [undefined, 'Audio 3', undefined],
      ['qaa', 'Audio 4', undefined],
    ]);
  });

  it('two tracks in one language get names that differ (NAME is unique within a group)', () => {
    expect(planAudioRenditions('/out', [{ language: 'en' }, { language: 'en' }, { language: 'fr' }]).map((a) => a.title)).toEqual(['English (track 1)', 'English (track 2)', 'French']);
  });
});
