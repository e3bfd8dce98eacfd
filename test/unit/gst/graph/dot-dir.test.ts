// Which of GStreamer's dot dumps is the picture of the pipeline "as it ran".
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dotDir, pickDotFile } from '../../../../src/gst/graph/dot-dir.js';

const RUN = ['0.00.00.018-gst-launch.NULL_READY.dot', '0.00.00.151-gst-launch.READY_PAUSED.dot', '0.00.00.152-gst-launch.PAUSED_PLAYING.dot', '0.00.01.212-gst-launch.PLAYING_PAUSED.dot', '0.00.01.215-gst-launch.PAUSED_READY.dot'];

describe('pickDotFile', () => {
  it('a run that played: the PAUSED→PLAYING dump, not the later teardown ones', () => {
    expect(pickDotFile([...RUN].reverse())).toBe('0.00.00.152-gst-launch.PAUSED_PLAYING.dot');
  });

  it('a run that failed: the error dump, even after a PLAYING one', () => {
    expect(pickDotFile([...RUN, '0.00.02.001-gst-launch.error.dot'])).toBe('0.00.02.001-gst-launch.error.dot');
  });

  it('a looping run (several PLAYING dumps): the last one', () => {
    expect(pickDotFile([...RUN, '0.00.05.000-gst-launch.PAUSED_PLAYING.dot'])).toBe('0.00.05.000-gst-launch.PAUSED_PLAYING.dot');
  });

  it('never PLAYING: the last dump; nothing dumped: undefined', () => {
    expect(pickDotFile(RUN.slice(0, 2))).toBe('0.00.00.151-gst-launch.READY_PAUSED.dot');
    expect(pickDotFile(['notes.txt'])).toBeUndefined();
  });
});

describe('DotDir.waitFor', () => {
  it('true once a dump with the suffix appears, false after the wait, false once the folder is gone', async () => {
    const dots = await dotDir({});
    const dir = dots.env.GST_DEBUG_DUMP_DOT_DIR!;
    try {
      setTimeout(() => writeFileSync(join(dir, '0.00.00.152-gst-launch.PAUSED_PLAYING.dot'), 'digraph {}'), 60);
      expect(await dots.waitFor('.READY_PAUSED.dot', 30)).toBe(false);
      expect(await dots.waitFor('.PAUSED_PLAYING.dot', 2_000)).toBe(true);
    } finally {
      await dots.remove();
    }
    expect(await dots.waitFor('.PAUSED_PLAYING.dot', 2_000)).toBe(false);
  });
});
