import { describe, expect, it } from 'vitest';
import { sheetSize, spriteTiles, thumbnailTimes } from '../../../../src/jobs/thumbnails/layout.js';
import { thumbnailsVtt, vttTime } from '../../../../src/jobs/thumbnails/vtt.js';
import { intervalFramerate } from '../../../../src/jobs/thumbnails/pipeline.js';
import { planThumbnails, thumbnailHeight } from '../../../../src/jobs/thumbnails/plan.js';
import { parseThumbnailsOptions } from '../../../../src/jobs/thumbnails/options.js';

describe('thumbnailTimes', () => {
  it('ceil(duration / every) times from 0: 25 s every 10 → 0, 10, 20; exactly 30 s every 10 → 0, 10, 20 (no empty fourth)', () => {
    expect(thumbnailTimes(25, 10)).toEqual([0, 10, 20]);
    expect(thumbnailTimes(30, 10)).toEqual([0, 10, 20]);
    expect(thumbnailTimes(0.5, 10)).toEqual([0]);
  });
});

describe('spriteTiles and sheetSize', () => {
  it('5 tiles on 2×2 sheets of 100×50: row-major on sprite-01, the fifth alone at 0,0 of sprite-02 (100×50)', () => {
    const tiles = spriteTiles([0, 2, 4, 6, 8], 9, { columns: 2, rows: 2 }, { width: 100, height: 50 }, 'jpg');
    expect(tiles.map((t) => [t.file, t.rect!.x, t.rect!.y, t.start, t.end])).toEqual([
      ['sprite-01.jpg', 0, 0, 0, 2], ['sprite-01.jpg', 100, 0, 2, 4], ['sprite-01.jpg', 0, 50, 4, 6], ['sprite-01.jpg', 100, 50, 6, 8], ['sprite-02.jpg', 0, 0, 8, 9],
    ]);
    expect(sheetSize(1, { columns: 2, rows: 2 }, { width: 100, height: 50 })).toEqual({ width: 100, height: 50 });
    expect(sheetSize(3, { columns: 2, rows: 2 }, { width: 100, height: 50 })).toEqual({ width: 200, height: 100 });
  });

  it('one sheet is named sprite.EXT', () => {
    expect(spriteTiles([0, 1], 2, { columns: 10, rows: 10 }, { width: 10, height: 10 }, 'webp')[1]!.file).toBe('sprite.webp');
  });
});

describe('WebVTT', () => {
  it('times as HH:MM:SS.mmm, rounded to the millisecond', () => {
    expect(vttTime(0)).toBe('00:00:00.000');
    expect(vttTime(3725.0004)).toBe('01:02:05.000');
    expect(vttTime(59.9996)).toBe('00:01:00.000');
  });

  it('cues with #xywh= for sprite tiles and URL-escaped file names', () => {
    const vtt = thumbnailsVtt([
      { index: 0, start: 0, end: 5, file: 'sprite.jpg', rect: { x: 0, y: 0, w: 160, h: 90 } },
      { index: 1, start: 5, end: 7.5, file: 'my sheet.jpg', rect: { x: 160, y: 0, w: 160, h: 90 } },
    ]);
    expect(vtt).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nsprite.jpg#xywh=0,0,160,90\n\n00:00:05.000 --> 00:00:07.500\nmy%20sheet.jpg#xywh=160,0,160,90\n');
  });
});

describe('planThumbnails', () => {
  it('--count 4 on 10 s: every 2.5 s, frame rate 2/5, height from a 4:3 picture with 4:3 pixels (16:9 display) at width 160 → 90', () => {
    const plan = planThumbnails(parseThumbnailsOptions({ input: 'a.mp4', outputDir: 'o', count: 4 }), { durationSeconds: 10, width: 640, height: 480, pixelAspectRatio: '4/3' });
    expect(plan.everyMs).toBe(2500);
    expect(intervalFramerate(plan.everyMs)).toBe('2/5');
    expect(plan.size).toEqual({ width: 160, height: 90 });
    expect(plan.tiles.map((t) => t.start)).toEqual([0, 2.5, 5, 7.5]);
    expect(plan.files).toEqual(['thumb-0001.jpg', 'thumb-0002.jpg', 'thumb-0003.jpg', 'thumb-0004.jpg', 'thumbnails.vtt']);
  });

  it('odd heights are rounded to even: 1920×1080 at width 100 → 56', () => {
    expect(thumbnailHeight(100, { durationSeconds: 1, width: 1920, height: 1080 })).toBe(56);
  });

  it('--every with --count, and a malformed --sprite, are refused', () => {
    expect(() => parseThumbnailsOptions({ input: 'a.mp4', outputDir: 'o', every: 2, count: 3 })).toThrow(/count/);
    expect(() => parseThumbnailsOptions({ input: 'a.mp4', outputDir: 'o', sprite: '10' })).toThrow(/COLUMNSxROWS/);
  });
});
