import { describe, expect, it } from 'vitest';
import { checkChunkFlags, checkChunkInput, checkChunkJob } from '../../../src/queue/chunk-checks.js';
import { parseChunkLength } from '../../../src/jobs/chunk-length.js';
import type { MediaInfo } from '../../../src/gst/discover/schema.js';

const media = (codec: string, extra: Partial<MediaInfo> = {}): MediaInfo => ({
  durationSeconds: 60, container: 'mp4', video: [{ codec, codecName: codec.replace(/^video\/(x-)?/, '') }], audio: [], subtitles: [], tags: {}, ...extra,
} as unknown as MediaInfo);

describe('--chunk', () => {
  it('takes a duration of at least 2 s', () => {
    expect(parseChunkLength('30s')).toBe(30);
    expect(parseChunkLength('2m')).toBe(120);
    expect(parseChunkLength('2')).toBe(2);
    expect(() => parseChunkLength('1.5s')).toThrow(/--chunk 1.5s is too short: .* at least 2s/);
    expect(() => parseChunkLength('soon')).toThrow(/--chunk must be a duration such as 30s, 2m or 90, got "soon"/);
  });

  it('chunks compress jobs with H.264, H.265, VP9 or AV1 and no frame-rate change', () => {
    expect(() => checkChunkJob('hls')).toThrow(/--chunk splits compress jobs, not hls/);
    expect(() => checkChunkJob('compress')).not.toThrow();
    for (const codec of ['h264', 'h265', 'vp9', 'av1'] as const) expect(() => checkChunkFlags(codec, {})).not.toThrow();
    expect(() => checkChunkFlags('vp8', {})).toThrow(/--chunk cannot encode vp8: VP8 chunks cannot be written as MP4/);
    expect(() => checkChunkFlags('h264', { fps: 25 })).toThrow(/--fps cannot be chunked/);
  });

  it('splits video it can cut at keyframes without decoding, of known length, stored upright', () => {
    expect(() => checkChunkInput('a.mp4', media('video/x-h264', { container: 'mp4' }))).not.toThrow();
    expect(() => checkChunkInput('a.ts', media('video/x-h264', { container: 'ts' }))).not.toThrow();
    expect(() => checkChunkInput('a.webm', media('video/x-vp9', { container: 'webm' }))).not.toThrow();
    expect(() => checkChunkInput('a.mkv', media('video/x-h264', { container: 'mkv' }))).toThrow(/"a\.mkv" is mkv with h264 video: it keeps no decode times/);
    expect(() => checkChunkInput('a.mp4', media('video/x-prores'))).not.toThrow();
    expect(() => checkChunkInput('a.ogv', media('video/x-theora'))).toThrow(/--chunk cannot split theora video at keyframes without decoding it \(a.ogv\)/);
    expect(() => checkChunkInput('a.mp4', media('video/x-h264', { durationSeconds: null }))).toThrow(/has no known duration/);
    expect(() => checkChunkInput('a.mp4', media('video/x-h264', { tags: { 'image orientation': 'rotate-90' } }))).toThrow(/stored turned \(rotate-90\)/);
  });
});
