import { describe, expect, it } from 'vitest';
import { planChunkFlow } from '../../../src/queue/chunk-flow.js';
import { compress } from '../../../src/jobs/compress/index.js';
import type { MediaInfo } from '../../../src/gst/discover/schema.js';

const video = { codec: 'video/x-h264', codecName: 'h264', width: 640, height: 360, fps: 30, framerate: '30/1', variableFrameRate: false };
const aac = { codec: 'audio/mpeg', codecName: 'aac', channels: 2, sampleRate: 48000 };
const media = (audio: (typeof aac)[], subtitles = 0): MediaInfo => ({
  uri: 'file:///in/film.mp4', durationSeconds: 60, seekable: true, live: false, container: 'mp4', containerCaps: 'video/quicktime',
  video: [video], audio, subtitles: Array.from({ length: subtitles }, () => ({ codec: 'text/x-raw' })), tags: {}, missing: [],
} as unknown as MediaInfo);

const plan = (flags: Record<string, unknown>, m = media([aac]), output = '/out/film.mp4') =>
  planChunkFlow({ spec: compress, input: '/in/film.mp4', output, flags: { outputDir: '/out', ...flags }, chunkSeconds: 30, media: m });

describe('planChunkFlow', () => {
  it('a join parent waiting for the split and the audio, all in one hidden work folder beside the output', () => {
    const flow = plan({ codec: 'h265', preset: 'fast' });
    expect(flow.id).toMatch(/^compress-chunk-[0-9a-f]{24}$/);
    expect(flow.workDir).toBe(`/out/.film.mp4.chunks-${flow.id.slice(-12)}`);
    expect(flow.join.data.argv).toEqual(['chunk', 'join', '--codec=h265', '--with-audio', '--overwrite', '--', flow.workDir, '/out/film.mp4']);
    expect(flow.children.map((c) => c.id)).toEqual([`${flow.id}-split`, `${flow.id}-audio`]);
    expect(flow.children[0]!.data.argv).toEqual(['chunk', 'split', '--chunk=30', '--', '/in/film.mp4', flow.workDir]);
    expect(flow.children[1]!.data.argv).toEqual(['chunk', 'audio', '--audio=auto', '--container=mp4', '--', '/in/film.mp4', flow.workDir]);
  });

  it('each chunk is encoded with the encode flags only, without audio, replacing an earlier encode', () => {
    const argv = plan({ codec: 'h264', bitrate: 1500, preset: 'slow', scale: '720p', audio: 'aac', container: 'mp4', overwrite: true }).children[0]!.data.chunkEncode!.argv;
    expect(argv).toEqual(['compress', '--codec=h264', '--bitrate=1500', '--preset=slow', '--scale=720p', '--audio=none', '--overwrite']);
  });

  it('no audio step when the input has none or --audio none; the join is told so', () => {
    for (const flow of [plan({}, media([])), plan({ audio: 'none' })]) {
      expect(flow.children.map((c) => c.data.kind)).toEqual(['chunk split']);
      expect(flow.join.data.argv).not.toContain('--with-audio');
    }
  });

  it('the same work is the same flow; another chunk length or codec is another', () => {
    expect(plan({ codec: 'h264' }).id).toBe(plan({ codec: 'h264' }).id);
    expect(plan({ codec: 'h265' }).id).not.toBe(plan({ codec: 'h264' }).id);
    const longer = planChunkFlow({ spec: compress, input: '/in/film.mp4', output: '/out/film.mp4', flags: { outputDir: '/out' }, chunkSeconds: 60, media: media([aac]) });
    expect(longer.id).not.toBe(plan({}).id);
  });

  it('says what it leaves out: subtitle tracks, audio tracks past the one kept', () => {
    expect(plan({}, media([aac], 2)).notes).toEqual(['film.mp4: the input\'s 2 subtitle tracks are not kept by a chunked encode (queue it without --chunk to keep them in .mkv)']);
    expect(plan({}, media([aac, aac])).notes).toEqual([expect.stringMatching(/^the input has 2 audio tracks: only the first is kept/)]);
    expect(plan({ audioTrack: 2 }, media([aac, aac])).children[1]!.data.argv).toContain('--audio-track=2');
  });
});
