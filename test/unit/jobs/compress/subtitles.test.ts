import { describe, expect, it } from 'vitest';
import { planSubtitles, subtitleBranch } from '../../../../src/jobs/compress/subtitles.js';
import { PipelineBuilder } from '../../../../src/pipeline/builder.js';

const srt = { codec: 'text/x-raw', language: 'en' };
const ass = { codec: 'application/x-ass' };
const dvd = { codec: 'subpicture/x-dvd' };

describe('planSubtitles: which subtitle tracks a compress carries over', () => {
  it('none in the input: nothing to link, nothing to say', () => {
    expect(planSubtitles('mkv', [], false)).toEqual({ keep: 0, notes: [] });
  });

  it('into mkv: every text track; decoded, ASS/SSA count as text; bitmaps never', () => {
    expect(planSubtitles('mkv', [srt, srt], true)).toEqual({ keep: 2, notes: [] });
    expect(planSubtitles('mkv', [srt, ass], false)).toEqual({ keep: 2, notes: [] });
    expect(planSubtitles('mkv', [srt, ass], true)).toEqual({ keep: 1, notes: ["1 of the input's 2 subtitle tracks not kept: only plain text subtitles are kept when the audio is copied (--audio aac re-encodes and keeps ASS/SSA as text)"] });
    expect(planSubtitles('mkv', [dvd], false)).toEqual({ keep: 0, notes: ["1 of the input's 1 subtitle track not kept: only text subtitles are kept"] });
  });

  it('into any other container: none kept, and the note says how to keep them', () => {
    for (const container of ['mp4', 'mov', 'webm', 'ts', 'flv'] as const) {
      expect(planSubtitles(container, [srt], false)).toEqual({ keep: 0, notes: [`the input has 1 subtitle track: .${container} output cannot keep them (write .mkv to keep text subtitles)`] });
    }
  });

  it('the branch relabels pango-markup text as the utf8 matroskamux takes (run for real in test/e2e/adversarial.test.ts)', () => {
    expect(new PipelineBuilder().chain(subtitleBranch('in')).build()).toBe('in. ! text/x-raw ! capssetter caps="text/x-raw,format=utf8"');
  });
});
