// Where each thumbnail is: its time span, and (for sprites) its sheet and rectangle. Pure.

export interface Tile {
  index: number;
  /** Seconds: the thumbnail stands for [start, end); the last one ends at the duration. */
  start: number;
  end: number;
  /** The file (a thumbnail or a sheet), relative to the output folder. */
  file: string;
  /** The rectangle inside a sprite sheet; absent for separate files. */
  rect?: { x: number; y: number; w: number; h: number };
}

/** One thumbnail per interval: ceil(duration / every), the first at 0. */
export function thumbnailTimes(durationSeconds: number, every: number): number[] {
  // A hair of tolerance so 30 s every 10 s is 3, not 4 from 30/10 = 3.0000000001.
  const n = Math.max(1, Math.ceil(durationSeconds / every - 1e-9));
  return Array.from({ length: n }, (_, i) => i * every);
}

export const thumbnailName = (i: number, ext: string): string => `thumb-${String(i + 1).padStart(4, '0')}.${ext}`;
export const sheetName = (sheet: number, sheets: number, ext: string): string => (sheets === 1 ? `sprite.${ext}` : `sprite-${String(sheet + 1).padStart(2, '0')}.${ext}`);

export function separateTiles(times: number[], duration: number, ext: string): Tile[] {
  return times.map((start, i) => ({ index: i, start, end: times[i + 1] ?? duration, file: thumbnailName(i, ext) }));
}

export interface Grid {
  columns: number;
  rows: number;
}

/** Row-major tiles on sheets of columns × rows; the last sheet has only the rows it needs. */
export function spriteTiles(times: number[], duration: number, grid: Grid, size: { width: number; height: number }, ext: string): Tile[] {
  const perSheet = grid.columns * grid.rows;
  const sheets = Math.ceil(times.length / perSheet);
  return times.map((start, i) => {
    const inSheet = i % perSheet;
    const rect = { x: (inSheet % grid.columns) * size.width, y: Math.floor(inSheet / grid.columns) * size.height, w: size.width, h: size.height };
    return { index: i, start, end: times[i + 1] ?? duration, file: sheetName(Math.floor(i / perSheet), sheets, ext), rect };
  });
}

/** A sheet's pixel size: full width when it has a whole row, as many rows as it holds. */
export function sheetSize(tilesOnSheet: number, grid: Grid, size: { width: number; height: number }): { width: number; height: number } {
  const columns = Math.min(grid.columns, tilesOnSheet);
  return { width: columns * size.width, height: Math.ceil(tilesOnSheet / grid.columns) * size.height };
}
