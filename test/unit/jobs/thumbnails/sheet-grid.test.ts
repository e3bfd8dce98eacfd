import { describe, expect, it } from 'vitest';
import { sheetGrid } from '../../../../src/jobs/thumbnails/sheet-grid.js';
import { planThumbnails } from '../../../../src/jobs/thumbnails/plan.js';
import { parseThumbnailsOptions } from '../../../../src/jobs/thumbnails/options.js';

const tile = { width: 160, height: 90 };
const options = (o: Record<string, unknown>) => parseThumbnailsOptions({ input: 'a.mp4', outputDir: 'o', ...o });

describe('sheetGrid', () => {
  it('separate files without --sprite/--columns, or with sprite false', () => {
    expect(sheetGrid(options({}), tile, 20)).toBeUndefined();
    expect(sheetGrid(options({ sprite: false }), tile, 20)).toBeUndefined();
  });

  it('--sprite COLSxROWS as given; --sprite --columns N (or --columns alone) has the rows the count needs; a bare --sprite is 10 wide', () => {
    expect(sheetGrid(options({ sprite: '4x3' }), tile, 20)).toEqual({ columns: 4, rows: 3 });
    expect(sheetGrid(options({ sprite: true, columns: 6 }), tile, 20)).toEqual({ columns: 6, rows: 4 });
    expect(sheetGrid(options({ columns: 6 }), tile, 18)).toEqual({ columns: 6, rows: 3 });
    expect(sheetGrid(options({ sprite: true }), tile, 25)).toEqual({ columns: 10, rows: 3 });
  });

  it('rows stop at the format\'s side limit: 90 px tiles → 182 rows of webp (16383 px), 727 of jpg (65500 px); the plan then makes more sheets', () => {
    expect(sheetGrid(options({ sprite: true, columns: 1, format: 'webp' }), tile, 1000)).toEqual({ columns: 1, rows: 182 });
    expect(sheetGrid(options({ sprite: true, columns: 1 }), tile, 1000)).toEqual({ columns: 1, rows: 727 });
    const plan = planThumbnails(options({ sprite: true, columns: 1, format: 'webp', count: 200 }), { durationSeconds: 200, width: 1280, height: 720 });
    expect(plan.files).toEqual(['sprite-01.webp', 'sprite-02.webp', 'thumbnails.vtt']);
    expect(plan.tiles[182]!).toMatchObject({ file: 'sprite-02.webp', rect: { x: 0, y: 0 } });
  });

  it('a sheet wider or higher than its format allows is refused with the numbers', () => {
    expect(() => sheetGrid(options({ sprite: true, columns: 200, format: 'webp' }), tile, 20)).toThrow(/32000 px wide; webp allows at most 16383 px/);
    expect(() => sheetGrid(options({ sprite: '2x1000' }), tile, 20)).toThrow(/90000 px high/);
  });

  it('--columns with --sprite COLSxROWS, or with sprite false, is refused', () => {
    expect(() => options({ sprite: '4x3', columns: 6 })).toThrow(/--columns: cannot be combined with --sprite COLSxROWS/);
    expect(() => options({ sprite: false, columns: 6 })).toThrow(/--columns/);
    expect(() => options({ sprite: 'talk.mp4' })).toThrow(/put the input before --sprite/);
  });
});
