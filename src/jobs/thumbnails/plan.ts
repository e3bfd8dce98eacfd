// Options + the probed file → what to write: the thumbnail size, the times and every file's name. Pure.
import type { ThumbnailsOptions } from './options.js';
import { separateTiles, spriteTiles, thumbnailTimes, type Grid, type Tile } from './layout.js';
import { sheetGrid } from './sheet-grid.js';

export interface SourceFacts {
  durationSeconds: number;
  width: number;
  height: number;
  /** "N/D" (or "N:D"); absent means square pixels. */
  pixelAspectRatio?: string | undefined;
}

export interface ThumbnailsPlan {
  everyMs: number;
  size: { width: number; height: number };
  /** The sprite sheets' grid (the fullest sheet); undefined: separate files. */
  grid: Grid | undefined;
  tiles: Tile[];
  /** Every file the job writes, relative to the output folder (the VTT last). */
  files: string[];
  vtt: string;
}

export const VTT_NAME = 'thumbnails.vtt';
export const DEFAULT_COUNT = 10;

/** The height that keeps the display aspect at this width, even (every encoder takes it). */
export function thumbnailHeight(width: number, facts: SourceFacts): number {
  const [n, d] = (facts.pixelAspectRatio ?? '1/1').split(/[/:]/).map(Number) as [number, number];
  const par = n > 0 && d > 0 ? n / d : 1;
  return Math.max(2, 2 * Math.round((width * facts.height) / (facts.width * par) / 2));
}

export function planThumbnails(options: ThumbnailsOptions, facts: SourceFacts): ThumbnailsPlan {
  const every = options.every ?? facts.durationSeconds / (options.count ?? DEFAULT_COUNT);
  // Whole milliseconds, so the frame rate is an exact fraction and the cue times are exact.
  const everyMs = Math.max(1, Math.round(every * 1000));
  const times = thumbnailTimes(facts.durationSeconds, everyMs / 1000);
  const size = { width: options.width, height: thumbnailHeight(options.width, facts) };
  const grid = sheetGrid(options, size, times.length);
  const tiles = grid ? spriteTiles(times, facts.durationSeconds, grid, size, options.format) : separateTiles(times, facts.durationSeconds, options.format);
  const images = [...new Set(tiles.map((t) => t.file))];
  return { everyMs, size, grid, tiles, files: [...images, VTT_NAME], vtt: VTT_NAME };
}
