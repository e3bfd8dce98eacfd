// The sprite sheets' grid from the options: COLUMNSxROWS as given, or --columns N (10 with a bare
// --sprite) with as many rows as the count needs, cut into more sheets only where a sheet would pass
// its format's size limit. Pure.
import { UsageError } from '../../errors.js';
import { FlagValueError } from '../flags.js';
import type { Grid } from './layout.js';
import type { ThumbnailsOptions } from './options.js';

export const DEFAULT_COLUMNS = 10;

// The largest side each encoder writes: libjpeg stops at 65500 px, libwebp at 16383 px. PNG has no
// small limit; it gets JPEG's, so a sheet stays one a browser or an image viewer opens.
export const MAX_SHEET_SIDE: Record<ThumbnailsOptions['format'], number> = { jpg: 65500, png: 65500, webp: 16383 };

/**
 * --sprite's value on the command line, checked as commander reads it: a word after --sprite is taken as
 * its grid, so `--sprite talk.mp4` is refused as such (not as a missing input) and says where the input goes.
 */
export function gridFlag(value: string): string {
  if (/^[1-9]\d*x[1-9]\d*$/i.test(value)) return value;
  throw new FlagValueError(`--sprite takes COLSxROWS (e.g. 10x10) or no value (with --columns N), got "${value}"; put the input before --sprite`);
}

/** The grid of each sheet, or undefined for separate files. */
export function sheetGrid(options: ThumbnailsOptions, tile: { width: number; height: number }, count: number): Grid | undefined {
  if (options.sprite === undefined && options.columns === undefined) return undefined;
  if (options.sprite === false) return undefined;
  const max = MAX_SHEET_SIDE[options.format];
  if (typeof options.sprite === 'object') {
    checkSide('wide', options.sprite.columns * tile.width, max, options);
    checkSide('high', options.sprite.rows * tile.height, max, options);
    return options.sprite;
  }
  const columns = options.columns ?? DEFAULT_COLUMNS;
  checkSide('wide', columns * tile.width, max, options);
  const rows = Math.min(Math.ceil(count / columns), Math.floor(max / tile.height));
  return { columns, rows: Math.max(1, rows) };
}

function checkSide(side: 'wide' | 'high', px: number, max: number, options: ThumbnailsOptions): void {
  if (px <= max) return;
  const fix = side === 'wide' ? 'Give fewer columns or a smaller --width.' : 'Give fewer rows (more sheets are made as needed) or a smaller --width.';
  throw new UsageError(`A ${options.format} sprite sheet would be ${px} px ${side}; ${options.format} allows at most ${max} px.`, { fix, data: { px, max } });
}
